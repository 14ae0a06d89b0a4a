import * as React from 'react';
import {
  Dropdown,
  Option,
  Field,
  Input,
  Switch,
  Select,
  Caption1,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Severity } from '../../domain/model';
import type { PaneCatalog, PaneSettings, RuleInfo } from '../host';
import { S, SEVERITY_LABEL } from '../strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  full: { width: '100%', minWidth: 0 },
  rules: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  rule: {
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    paddingBottom: '6px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  ruleHead: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '6px', flexWrap: 'wrap' },
  select: { minWidth: '110px' },
  saved: { color: tokens.colorNeutralForeground3 },
});

export interface SettingsTabProps {
  catalog: PaneCatalog;
  settings: PaneSettings;
  /** the year found in the workbook, shown as the placeholder */
  detectedYear?: number;
  /** the profile's own satisfaction floor, shown as the placeholder */
  defaultFloor?: number;
  saved?: boolean;
  onChange(settings: PaneSettings): void;
}

/** Parses a year/percent input: '' → undefined, a number within [min,max] → the number, else null (invalid). */
export function parseBounded(text: string, min: number, max: number, integer = false): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  if (n < min || n > max || (integer && !Number.isInteger(n))) return null;
  return n;
}

export function SettingsTab({ catalog, settings, detectedYear, defaultFloor, saved, onChange }: SettingsTabProps) {
  const styles = useStyles();
  const [yearText, setYearText] = React.useState(settings.year !== undefined ? String(settings.year) : '');
  const [floorText, setFloorText] = React.useState(
    settings.satisfactionFloor !== undefined ? String(settings.satisfactionFloor) : '',
  );
  React.useEffect(() => setYearText(settings.year !== undefined ? String(settings.year) : ''), [settings.year]);
  React.useEffect(
    () => setFloorText(settings.satisfactionFloor !== undefined ? String(settings.satisfactionFloor) : ''),
    [settings.satisfactionFloor],
  );

  const year = parseBounded(yearText, 2000, 2100, true);
  const floor = parseBounded(floorText, 0, 100);
  const profile = catalog.profiles.find((p) => p.id === settings.profileId);

  const commitYear = () => {
    if (year !== null && year !== settings.year) onChange({ ...settings, year });
  };
  const commitFloor = () => {
    if (floor !== null && floor !== settings.satisfactionFloor) onChange({ ...settings, satisfactionFloor: floor });
  };
  const onEnter = (commit: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') commit();
  };

  const setRule = (rule: RuleInfo, value: string) => {
    const rules = { ...settings.rules };
    if (value === 'default') delete rules[rule.id];
    else rules[rule.id] = value as Severity | 'off';
    onChange({ ...settings, rules });
  };

  return (
    <section className={styles.root} aria-label={S.tabs.settings}>
      <Caption1 className={styles.saved} aria-live="polite">
        {saved ? S.settingsSaved : '\u00a0'}
      </Caption1>
      <Field label={S.profileLabel}>
        <Dropdown
          className={styles.full}
          value={profile?.name ?? S.profileAuto}
          selectedOptions={[settings.profileId]}
          onOptionSelect={(_, data) =>
            data.optionValue !== undefined && data.optionValue !== settings.profileId && onChange({ ...settings, profileId: data.optionValue })
          }
        >
          <Option value="">{S.profileAuto}</Option>
          {catalog.profiles.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.name}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field
        label={S.yearLabel}
        validationState={year === null ? 'error' : 'none'}
        validationMessage={year === null ? `预算年度“${yearText}”不是有效年份，应填写四位年份，如 2025` : S.yearHint}
      >
        <Input
          value={yearText}
          inputMode="numeric"
          placeholder={detectedYear ? String(detectedYear) : ''}
          onChange={(_, d) => setYearText(d.value)}
          onBlur={commitYear}
          onKeyDown={onEnter(commitYear)}
          name="year"
        />
      </Field>

      <Field
        label={S.floorLabel}
        validationState={floor === null ? 'error' : 'none'}
        validationMessage={floor === null ? `满意度下限“${floorText}”无效，应填写 0 到 100 之间的数，如 85` : S.floorHint}
      >
        <Input
          value={floorText}
          inputMode="decimal"
          placeholder={defaultFloor !== undefined ? String(defaultFloor) : ''}
          onChange={(_, d) => setFloorText(d.value)}
          onBlur={commitFloor}
          onKeyDown={onEnter(commitFloor)}
          name="satisfactionFloor"
        />
      </Field>

      <Field hint={S.pacingHint}>
        <Switch
          checked={settings.planPacing}
          label={S.pacingLabel}
          onChange={(_, d) => onChange({ ...settings, planPacing: d.checked })}
        />
      </Field>

      <Field hint={S.marksHint}>
        <Switch checked={settings.marks !== false} label={S.marksLabel} onChange={(_, d) => onChange({ ...settings, marks: d.checked })} />
      </Field>

      <Subtitle2 as="h2">{S.rulesTitle}</Subtitle2>
      <ul className={styles.rules}>
        {catalog.rules.map((rule) => {
          const selectId = `rule-${rule.id.replace(/[^a-z0-9]/gi, '-')}`;
          return (
            <li key={rule.id} className={styles.rule}>
              <div className={styles.ruleHead}>
                <label htmlFor={selectId} style={{ minWidth: 0, flex: '1 1 150px' }} title={S.ruleIdTip(rule.id)}>
                  {rule.description}
                </label>
                <Select
                  id={selectId}
                  size="small"
                  className={styles.select}
                  value={settings.rules[rule.id] ?? 'default'}
                  onChange={(_, d) => setRule(rule, d.value)}
                  data-rule={rule.id}
                >
                  <option value="default">
                    {rule.defaultOff ? S.ruleDefaultOff : S.ruleDefault(SEVERITY_LABEL[rule.severity])}
                  </option>
                  <option value="error">{SEVERITY_LABEL.error}</option>
                  <option value="warning">{SEVERITY_LABEL.warning}</option>
                  <option value="info">{SEVERITY_LABEL.info}</option>
                  <option value="off">{S.ruleOff}</option>
                </Select>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
