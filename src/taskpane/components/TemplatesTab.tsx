import * as React from 'react';
import {
  Button,
  Dropdown,
  Option,
  Field,
  Input,
  SearchBox,
  RadioGroup,
  Radio,
  Badge,
  Caption1,
  Subtitle2,
  Spinner,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { TableAdd20Regular } from '@fluentui/react-icons';
import type { HeaderField, HeaderInput, InsertResult, PaneCatalog, ProjectTypeInfo, SuggestionInfo } from '../host';
import { SuggestionList } from './SuggestionList';
import { useIndicators } from './useIndicators';
import { S } from '../strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px', minWidth: 0 },
  gallery: {
    maxHeight: '220px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '2px 4px',
  },
  radioLabel: { display: 'flex', flexDirection: 'column', gap: '1px', overflowWrap: 'anywhere' },
  radioName: { display: 'flex', alignItems: 'center', gap: '6px', flexWrap: 'wrap' },
  desc: { color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: '6px' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', gap: '6px', alignItems: 'start' },
  full: { width: '100%', minWidth: 0 },
});

export interface TemplatesTabProps {
  catalog: PaneCatalog;
  profileId: string;
  /** recently used type ids, most recent first */
  recent: string[];
  /** the budget year to prefill */
  year?: number;
  onProfileChange(id: string): void;
  onInsert(profileId: string, typeId: string, header: unknown, extras?: SuggestionInfo[]): Promise<InsertResult>;
}

/** Orders types: recently used first (in recent order), then the library's order. */
export function orderTypes(types: ProjectTypeInfo[], recent: string[], query: string): ProjectTypeInfo[] {
  if (query.trim()) return types; // a search is ranked by the library
  const rank = (t: ProjectTypeInfo) => {
    const i = recent.indexOf(t.id);
    return i < 0 ? recent.length : i;
  };
  return types
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .map((x) => x.t);
}

export function TemplatesTab({ catalog, profileId, recent, year, onProfileChange, onInsert }: TemplatesTabProps) {
  const styles = useStyles();
  const [query, setQuery] = React.useState('');
  const [typeId, setTypeId] = React.useState<string | null>(null);
  const [input, setInput] = React.useState<HeaderInput>({ year: year ? String(year) : '' });
  const [touched, setTouched] = React.useState<Partial<Record<HeaderField, boolean>>>({});
  const [submitted, setSubmitted] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<InsertResult | null>(null);
  const [extras, setExtras] = React.useState<SuggestionInfo[]>([]);
  const [suggestTop, setSuggestTop] = React.useState(10);
  const ids = React.useId().replace(/:/g, '');

  React.useEffect(() => {
    if (year) setInput((old) => (old.year ? old : { ...old, year: String(year) }));
  }, [year]);

  const types = React.useMemo(
    () => orderTypes(catalog.searchTypes(query, profileId), recent, query),
    [catalog, query, profileId, recent],
  );
  const fields = catalog.headerFields(profileId);
  const labels = catalog.headerLabels(profileId);
  const validation = catalog.validateHeader(input, profileId);
  const errors = validation.ok ? {} : validation.errors;
  const profile = catalog.profiles.find((p) => p.id === profileId);
  const selectedType = typeId && types.some((t) => t.id === typeId) ? typeId : null;
  const typeName = types.find((t) => t.id === selectedType)?.name ?? '';
  // the template about to be inserted: its name (or its type's), what the type's template already has
  const suggestName = (input.name ?? '').trim() || typeName;
  const suggestKey = JSON.stringify([suggestName, selectedType, profileId, suggestTop]);
  // the 指标库 (its own chunk) is fetched when there is first something to suggest for
  const lib = useIndicators(catalog, suggestName !== '');
  const api = lib.state === 'ready' ? lib.api : undefined;
  const suggestions = React.useMemo(() => {
    if (!suggestName || !api) return [];
    const existing = selectedType ? (catalog.typeIndicatorNames?.(selectedType) ?? []) : [];
    // what the template has anyway is listed (marked) on top of `suggestTop` new ones
    return api.suggest({ name: suggestName, existing, profileId, top: suggestTop + existing.length }).groups;
  }, [catalog, api, suggestKey]);
  const added = React.useMemo(() => new Set(extras.map((x) => x.id)), [extras]);

  const set = (f: HeaderField) => (_: unknown, data: { value: string }) => {
    setInput((old) => ({ ...old, [f]: data.value }));
    setTouched((old) => ({ ...old, [f]: true }));
    setOutcome(null);
  };

  const insert = async () => {
    setSubmitted(true);
    if (!selectedType || !validation.ok) return;
    setBusy(true);
    try {
      const r = extras.length > 0 ? await onInsert(profileId, selectedType, validation.header, extras) : await onInsert(profileId, selectedType, validation.header);
      setOutcome(r);
      if (r.ok) setExtras([]);
    } catch (e) {
      setOutcome({ ok: false, message: S.error(e instanceof Error ? e.message : String(e)) });
    } finally {
      setBusy(false);
    }
  };

  const showError = (f: HeaderField) => (touched[f] || submitted ? errors[f] : undefined);

  return (
    <section className={styles.root} aria-label={S.tabs.templates}>
      <Field label={S.profileLabel}>
        <Dropdown
          className={styles.full}
          value={profile?.name ?? ''}
          selectedOptions={[profileId]}
          onOptionSelect={(_, data) => data.optionValue && onProfileChange(data.optionValue)}
        >
          {catalog.profiles.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.name}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field label={S.typeSearch}>
        <SearchBox
          className={styles.full}
          value={query}
          placeholder={S.typeSearchPlaceholder}
          onChange={(_, data) => setQuery(data.value)}
        />
      </Field>

      <Field
        label={S.typeLabel}
        validationMessage={submitted && !selectedType ? S.pickType : undefined}
        validationState={submitted && !selectedType ? 'error' : 'none'}
      >
        <div className={styles.gallery}>
          {types.length === 0 ? (
            <Caption1>{S.noTypes}</Caption1>
          ) : (
            <RadioGroup value={selectedType ?? ''} onChange={(_, data) => setTypeId(data.value)} aria-label={S.typeLabel}>
              {types.map((t) => (
                <Radio
                  key={t.id}
                  value={t.id}
                  label={
                    <span className={styles.radioLabel}>
                      <span className={styles.radioName}>
                        {t.name}
                        {recent.includes(t.id) && (
                          <Badge size="small" appearance="tint" color="brand">
                            {S.recentTag}
                          </Badge>
                        )}
                      </span>
                      {t.description && <Caption1 className={styles.desc}>{t.description}</Caption1>}
                    </span>
                  }
                />
              ))}
            </RadioGroup>
          )}
        </div>
      </Field>

      <div className={styles.form}>
        <Subtitle2 as="h2">{S.headerTitle}</Subtitle2>
        {fields.includes('name') && (
          <HeaderInputField field="name" label={labels.name} input={input} error={showError('name')} onChange={set('name')} />
        )}
        {fields.includes('code') && (
          <HeaderInputField field="code" label={labels.code} input={input} error={showError('code')} onChange={set('code')} hint={S.codeHint} />
        )}
        <div className={styles.pair}>
          {/* the profile's money fields, then the year */}
          {fields
            .filter((f) => f !== 'name' && f !== 'code' && f !== 'year')
            .map((f) => (
              <HeaderInputField
                key={f}
                field={f}
                label={labels[f]}
                input={input}
                error={showError(f)}
                onChange={set(f)}
                numeric
              />
            ))}
          {fields.includes('year') && (
            <HeaderInputField field="year" label={labels.year} input={input} error={showError('year')} onChange={set('year')} numeric />
          )}
        </div>
      </div>

      {suggestions.length > 0 && (
        <section className={styles.form} aria-labelledby={`${ids}-suggest`}>
          <Subtitle2 as="h2" id={`${ids}-suggest`}>
            {S.templateSuggestTitle}
          </Subtitle2>
          <Caption1 className={styles.desc}>{S.templateSuggestHint(extras.length)}</Caption1>
          <SuggestionList
            groups={suggestions}
            addLabel={S.addToTemplate}
            existingLabel={S.inTemplate}
            added={added}
            onAdd={(x) => {
              setExtras((old) => (old.some((o) => o.id === x.id) ? old : [...old, x]));
              setOutcome(null);
            }}
            onRemove={(x) => setExtras((old) => old.filter((o) => o.id !== x.id))}
            idPrefix={`${ids}-s`}
          />
          {suggestions.reduce((n, g) => n + g.items.filter((x) => !x.existing).length, 0) >= suggestTop && (
            <Button appearance="secondary" onClick={() => setSuggestTop((t) => t + 10)}>
              {S.more}
            </Button>
          )}
        </section>
      )}

      <Button
        appearance="primary"
        icon={busy ? <Spinner size="extra-tiny" /> : <TableAdd20Regular />}
        disabledFocusable={busy}
        onClick={() => void insert()}
      >
        {busy ? S.inserting : S.insert}
      </Button>

      {submitted && !validation.ok && (
        <MessageBar intent="error">
          <MessageBarBody>{S.fixForm}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && (
        <MessageBar intent={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          <MessageBarBody>{outcome.ok ? `${S.insertDone(outcome.sheet, outcome.range)}${outcome.note ? `（${outcome.note}）` : ''}` : outcome.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function HeaderInputField(props: {
  field: HeaderField;
  /** the format's own name for the field (`资金总额（元）`) */
  label?: string;
  input: HeaderInput;
  error?: string;
  hint?: string;
  numeric?: boolean;
  onChange(ev: unknown, data: { value: string }): void;
}) {
  const { field, label, input, error, hint, numeric, onChange } = props;
  return (
    <Field
      label={label ?? field}
      validationMessage={error ?? hint}
      validationState={error ? 'error' : 'none'}
    >
      <Input
        value={input[field] ?? ''}
        onChange={onChange}
        inputMode={numeric ? 'decimal' : undefined}
        name={field}
        style={{ minWidth: 0 }}
      />
    </Field>
  );
}
