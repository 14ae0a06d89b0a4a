/**
 * The state behind the in-memory Excel: sheets of cells (value or formula, number format, fill,
 * font, borders, alignment, protection, data validation), merges, notes, row heights and column
 * widths, sheet protection, workbook settings, the selection, and the event listeners. The
 * Office.js-shaped proxies (./proxies.ts) read and write it only inside `sync()`;
 * `MemoryWorkbook.user` acts as the clerk at the keyboard, `MemoryWorkbook.coauthor` as a co-author
 * editing the same workbook elsewhere.
 *
 * Documented Excel behaviour the adapter must survive is imitated here, each with its reference,
 * and can be switched by a test through `MemoryWorkbook.behaviour` (see `ExcelBehaviour`).
 *
 * Why it is one file: MemoryWorkbook creates its MemoryUser and coauthor (`new MemoryUser(this)`) and
 * MemoryUser acts through the workbook's undo history, events and behaviour switches, so apart they
 * would import each other (a cycle test/excel/imitation-room.test.ts forbids); the cells, the
 * structural operations, conditional formats and the payload measure are already modules of their own.
 */
import { parseA1, parseRange, rangeToA1, toA1, type RangePos } from '../../domain/address';
import type { CellValue } from '../../domain/model';
import type { Grid } from '../../sheet/grid';
import type { XActivatedEventArgs, XChangedEventArgs, XSelectionChangedEventArgs, XValue } from '../../excel/api';
import { MAX_ROWS, MAX_COLS, type FillState, type FontState, type BorderState, type EdgeName, type ValidationState, type CellState, DEFAULT_FONT, NO_FILL, newCell, cloneCell, isDefaultFormat, MemoryExcelError, type NoteState } from './cells';
import type { ConditionalFormatState } from './conditional';
import { copyCells, deleteCells, formatLikeNeighbour, insertCells, moveCells, sortRows, type CopyType, type DeleteShift, type InsertShift, type SortKey } from './structure';

export * from './cells';


/**
 * What the in-memory Excel does where documented Excel does something an add-in must be ready for.
 * Every switch is on by default (the strictest platform: Excel on the web); a test turns one off
 * for a negative control, or to isolate another.
 */
export interface ExcelBehaviour {
  /**
   * `Range.getMergedAreasOrNullObject` fails when the range holds more than this many merged areas.
   * Reference (Excel.Range, getMergedAreasOrNullObject): “if the merged areas count in this range is
   * more than 512, then this method will fail to return the result.” `null`: no limit.
   */
  mergedAreasLimit: number | null;
  /**
   * A read (values, number formats, formulas, cell/row/column properties) of a range of more cells
   * fails with `RangeExceedsLimit`. Reference: “Resource limits and performance optimization for
   * Office Add-ins” › Excel add-ins: “A range is limited to 5,000,000 cells for read operations.”
   */
  readCellLimit: number | null;
  /**
   * Excel on the web refuses a request, and fails a response, larger than this many bytes
   * (`RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`). Reference: same page:
   * “Excel on the web has a payload size limit for requests and responses of 5MB”; the request size
   * “combines the number of API calls, the number of objects, such as Range objects, the length of
   * the value to set or get” (“Performance optimization using the Excel JavaScript API” › Payload
   * size limit best practices). `null`: a desktop Excel, no payload limit.
   */
  payloadLimit: number | null;
  /**
   * A cell with no fill reads back `color: "#FFFFFF"` (with `pattern: "None"`), indistinguishable by
   * colour from a white fill. Reference: Excel.RangeFill.color / CellPropertiesFill — Excel reports
   * the default (no) fill as white; office-js users rely on `pattern` to tell them apart.
   * `false`: no fill reads `null` (what a naive imitation would say).
   */
  noFillAsWhite: boolean;
  /**
   * A string written to `Range.values` that starts with "=", "+" or "-" becomes a formula.
   * Reference (Excel.Range, values): “If the returned value starts with a plus ("+"), minus ("-"),
   * or equal sign ("="), Excel interprets this value as a formula.” A cell formatted as text ("@")
   * keeps what is written as text (see `coerceInput`).
   */
  formulaCoercion: boolean;
  /**
   * A value picked from a data-validation dropdown, a paste and a fill-drag change cells without
   * firing `onChanged`: office-js #3888 (dropdown, Excel on the web), #420 (dropdown, desktop),
   * #1110 (drag and copy), #3899 (paste, as the project's issue 12 reports it). Excel does not
   * always miss them; the imitation always does, the case the adapter must survive. `false`: they
   * fire like typing.
   */
  silentEdits: boolean;
  /**
   * `Worksheet.getRanges(address)` fails (“The argument is invalid or missing or has an incorrect
   * format.”) for a long multi-area address. Where exactly is undocumented: office-js #5198 reports
   * failures from 513 areas and an address of 8,207 characters (some addresses of 513 or even 649
   * areas passed). The imitation fails from the smallest failure reported: more than 512 areas or
   * more than 8,192 characters. `null`: no limit.
   */
  rangeAreasLimit: { areas: number; chars: number } | null;
  /**
   * `ConditionalFormat.id` is the format's current position in the collection it was reached
   * through, not a handle: the d.ts says id is “the priority of the conditional format in the
   * current ConditionalFormatCollection”, and “Apply conditional formatting to Excel ranges” gets
   * the first rule with `getItemOrNullObject("0")`. A `getItem(id)` is resolved when its queued
   * command runs, so an add or a delete earlier in the same batch shifts the ids after it.
   * `false`: ids are handles that stay with their format.
   */
  conditionalFormatIdIsPosition: boolean;
  /**
   * Reading a format's parts can fail: loading `rule` or `format` (through `custom`,
   * `customOrNullObject`, `cellValue`, …) of the items of a collection that holds two CellValue
   * formats on the same range (office-js #6827) or a duplicated rule (office-js #6835) fails the
   * sync; deleting, through the whole sheet's collection (`Worksheet.getRange().conditionalFormats`),
   * a format on a cell another format also covers fails with ItemNotFound (office-js #5222).
   * `false`: every read and delete succeeds.
   */
  conditionalFormatReadFaults: boolean;
  /**
   * Where `ConditionalFormatCollection.add` puts the new format: “at the first/top priority” (d.ts);
   * `'bottom'`: last, the variant an add-in must survive as well (its marks may then be drawn under
   * a clerk's rule).
   */
  conditionalFormatAddAt: 'top' | 'bottom';
  /**
   * Automatic percent entry: a number typed into a cell formatted as a percentage is taken as a
   * percentage (“Format numbers as percentages”, support.microsoft.com: with the cells formatted
   * as a percentage first, “typing 10 or 0.1 both result in 10.00%” — a number of 1 or more is
   * divided by 100). An add-in writing `Range.values` stores what it writes. `false`: the typed
   * number is stored as it is.
   */
  percentEntry: boolean;
}

export const DOCUMENTED_EXCEL: ExcelBehaviour = {
  mergedAreasLimit: 512,
  readCellLimit: 5_000_000,
  payloadLimit: 5_000_000,
  noFillAsWhite: true,
  formulaCoercion: true,
  silentEdits: true,
  rangeAreasLimit: { areas: 512, chars: 8192 },
  conditionalFormatIdIsPosition: true,
  conditionalFormatReadFaults: true,
  conditionalFormatAddAt: 'top',
  percentEntry: true,
};

/**
 * “Unsupported APIs” of “Undo support with the Excel JavaScript API”
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities): “If you call an
 * unsupported API in your add-in, the user’s undo stack is cleared starting from that API call, and
 * a user cannot undo actions past that point.” The whole table (some are supported on one platform
 * and not the other; the imitation takes the stricter).
 */
export const UNDO_UNSUPPORTED_APIS: readonly string[] = [
  'AllowEditRange.address', 'AllowEditRange.delete', 'AllowEditRange.pauseProtection', 'AllowEditRange.setPassword', 'AllowEditRange.title',
  'AllowEditRangeCollection.add', 'AllowEditRangeCollection.pauseProtection',
  'Chart.categoryLabelLevel', 'Chart.seriesNameLevel',
  'ChartPivotOptions.showAxisFieldButtons', 'ChartPivotOptions.showLegendFieldButtons', 'ChartPivotOptions.showReportFilterFieldButtons', 'ChartPivotOptions.showValueFieldButtons',
  'ChartTrendlineLabel.formula', 'DataConnectionCollection.refreshAll',
  'DocumentProperties.author', 'DocumentProperties.category', 'DocumentProperties.comments', 'DocumentProperties.company', 'DocumentProperties.keywords',
  'DocumentProperties.manager', 'DocumentProperties.revisionNumber', 'DocumentProperties.subject', 'DocumentProperties.title',
  'LinkedWorkbook.refresh', 'LinkedWorkbookCollection.refreshAll', 'NamedItem.comment',
  'PivotTableStyle.delete', 'PivotTableStyle.duplicate', 'PivotTableStyle.name', 'PivotTableStyleCollection.add', 'PivotTableStyleCollection.setDefault',
  'Query.delete', 'Query.refresh', 'QueryCollection.refreshAll',
  'Slicer.name', 'Slicer.nameInFormula', 'SlicerStyle.delete', 'SlicerStyle.duplicate', 'SlicerStyle.name', 'SlicerStyleCollection.add', 'SlicerStyleCollection.setDefault',
  'Style.addIndent', 'Style.autoIndent', 'Style.formulaHidden', 'Style.horizontalAlignment', 'Style.includeAlignment', 'Style.includeBorder', 'Style.includeFont',
  'Style.includeNumber', 'Style.includePatterns', 'Style.includeProtection', 'Style.indentLevel', 'Style.locked', 'Style.numberFormat', 'Style.numberFormatLocal',
  'Style.orientation', 'Style.readingOrder', 'Style.shrinkToFit', 'Style.textOrientation', 'Style.verticalAlignment', 'Style.wrapText',
  'TableStyle.delete', 'TableStyle.duplicate', 'TableStyle.name', 'TableStyleCollection.add', 'TableStyleCollection.setDefault',
  'TimelineStyle.delete', 'TimelineStyle.duplicate', 'TimelineStyle.name', 'TimelineStyleCollection.add', 'TimelineStyleCollection.setDefault',
  'Workbook.close', 'Workbook.insertWorksheetsFromBase64', 'Workbook.save', 'WorkbookProtection.protect', 'WorkbookProtection.unprotect',
  'Worksheet.copy', 'Worksheet.delete', 'Worksheet.name', 'Worksheet.standardWidth', 'Worksheet.position', 'Worksheet.visibility',
  'WorksheetCollection.addFromBase64',
  'WorksheetProtection.pauseProtection', 'WorksheetProtection.protect', 'WorksheetProtection.resumeProtection', 'WorksheetProtection.setPassword',
  'WorksheetProtection.unprotect', 'WorksheetProtection.updateOptions',
];

/**
 * Writing a workbook setting (`SettingCollection.add`, `Setting.value`, `Setting.delete`): the table
 * above does not list it, but the project's issue 13 reports `settings.add` clearing the undo stack,
 * as office-js #3141 reports for the common API's settings; the stricter reading is imitated.
 */
export const SETTING_WRITES: readonly string[] = ['SettingCollection.add', 'Setting.value', 'Setting.delete'];

/** the members whose call clears the clerk's undo stack, even where add-ins' changes can be undone (ExcelApi 1.20) */
export const UNDO_CLEARING = new Set([...UNDO_UNSUPPORTED_APIS, ...SETTING_WRITES]);

/** Excel's undo history holds this many actions (“Undo, redo, or repeat an action”: “By default, Excel … can undo up to 100 actions”). */
export const UNDO_LEVELS = 100;


/** Worksheet protection: on/off and what it still allows (Excel.WorksheetProtectionOptions). */
export interface ProtectionState {
  protected: boolean;
  options: Excel.WorksheetProtectionOptions;
}

export interface SheetCopy {
  name: string;
  cells: [number, CellState][];
  merges: RangePos[];
  notes: [string, NoteState][];
  columnWidths: [number, number][];
  rowHeights: [number, number][];
  protection: ProtectionState;
  conditionalFormats: ConditionalFormatState[];
}

/** The workbook as the undo history keeps it. */
export interface BookCopy {
  sheets: { id: string; copy: SheetCopy }[];
  settings: [string, unknown][];
}

/**
 * One action of the undo history: the whole workbook as it was before (an add-in's sync, a
 * structural change), or only the cells (and notes) a typed value or a format changed — cheap
 * enough for every keystroke of a big sheet.
 */
export type UndoEntry = { kind: 'book'; state: BookCopy } | { kind: 'cells'; sheetId: string; area: RangePos; cells: [number, CellState | undefined][]; notes: [string, NoteState | undefined][] };

export class SheetState {
  /** key: row * MAX_COLS + col */
  readonly cells = new Map<number, CellState>();
  merges: RangePos[] = [];
  readonly notes = new Map<string, NoteState>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  protection: ProtectionState = { protected: false, options: {} };
  /** in priority order: the first is applied first (“the first/top priority”) */
  conditionalFormats: ConditionalFormatState[] = [];

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  /** A deep copy of what the sheet holds (for the undo history). */
  capture(): SheetCopy {
    return {
      name: this.name,
      cells: [...this.cells].map(([k, c]) => [k, cloneCell(c)]),
      ...(JSON.parse(
        JSON.stringify({
          merges: this.merges,
          notes: [...this.notes],
          columnWidths: [...this.columnWidths],
          rowHeights: [...this.rowHeights],
          protection: this.protection,
          conditionalFormats: this.conditionalFormats,
        }),
      ) as Omit<SheetCopy, 'name' | 'cells'>),
    };
  }

  restore(c: SheetCopy): void {
    const copy = { ...c, ...(JSON.parse(JSON.stringify({ ...c, cells: [] })) as SheetCopy), cells: c.cells.map(([k, v]) => [k, cloneCell(v)] as [number, CellState]) };
    this.name = copy.name;
    this.cells.clear();
    for (const [k, v] of copy.cells) this.cells.set(k, v);
    this.merges = copy.merges;
    this.notes.clear();
    for (const [k, v] of copy.notes) this.notes.set(k, v);
    this.columnWidths.clear();
    for (const [k, v] of copy.columnWidths) this.columnWidths.set(k, v);
    this.rowHeights.clear();
    for (const [k, v] of copy.rowHeights) this.rowHeights.set(k, v);
    this.protection = copy.protection;
    this.conditionalFormats = copy.conditionalFormats;
  }

  get protected(): boolean {
    return this.protection.protected;
  }

  key(row: number, col: number): number {
    return row * MAX_COLS + col;
  }

  peek(row: number, col: number): CellState | undefined {
    return this.cells.get(this.key(row, col));
  }

  cell(row: number, col: number): CellState {
    const k = this.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = newCell();
      this.cells.set(k, c);
    }
    return c;
  }

  /** Bounding box of cells with a value (valuesOnly) or with a value or any non-default format. */
  usedRange(valuesOnly: boolean): RangePos | null {
    let r: RangePos | null = null;
    for (const [k, c] of this.cells) {
      if (c.value === '' && c.formula === undefined && (valuesOnly || isDefaultFormat(c))) continue;
      const row = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      if (!r) r = { top: row, left: col, bottom: row, right: col };
      else {
        r.top = Math.min(r.top, row);
        r.left = Math.min(r.left, col);
        r.bottom = Math.max(r.bottom, row);
        r.right = Math.max(r.right, col);
      }
    }
    if (!valuesOnly) {
      for (const m of this.merges) {
        if (!r) r = { ...m };
        else {
          r.top = Math.min(r.top, m.top);
          r.left = Math.min(r.left, m.left);
          r.bottom = Math.max(r.bottom, m.bottom);
          r.right = Math.max(r.right, m.right);
        }
      }
    }
    return r;
  }

  mergeAt(row: number, col: number): RangePos | undefined {
    return this.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  }
}

// ---------------------------------------------------------------------------------------------
// How Excel takes a value that is written (typed, or set through `Range.values`)

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+))%$/;

/**
 * The result of the small formulas the imitation evaluates: numbers, percentages, unary signs,
 * + - * / and parentheses (`=100%` → 1, `=-5%` → -0.05). Anything else (names, references,
 * functions, a lone sign) evaluates to `#NAME?`, as Excel shows for a name it does not know.
 */
export function evaluateFormula(formula: string): XValue {
  const src = formula.slice(1).replace(/\s+/g, '');
  let i = 0;
  const fail = (): never => {
    throw new Error('unparsable');
  };
  const primary = (): number => {
    const ch = src[i];
    if (ch === '+' || ch === '-') {
      i++;
      const v = primary();
      return ch === '-' ? -v : v;
    }
    if (ch === '(') {
      i++;
      const v = sum();
      if (src[i] !== ')') fail();
      i++;
      return percent(v);
    }
    const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (!m) return fail();
    i += m[0].length;
    return percent(Number(m[0]));
  };
  const percent = (v: number): number => {
    let out = v;
    while (src[i] === '%') {
      i++;
      out /= 100;
    }
    return out;
  };
  const product = (): number => {
    let v = primary();
    while (src[i] === '*' || src[i] === '/') {
      const op = src[i++];
      const w = primary();
      v = op === '*' ? v * w : v / w;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (src[i] === '+' || src[i] === '-') {
      const op = src[i++];
      const w = product();
      v = op === '+' ? v + w : v - w;
    }
    return v;
  };
  try {
    const v = sum();
    if (i !== src.length) return '#NAME?';
    if (!Number.isFinite(v)) return '#DIV/0!';
    return Math.round(v * 1e12) / 1e12;
  } catch {
    return '#NAME?';
  }
}

/**
 * Writes `value` into `cell` the way Excel takes it:
 * - a cell formatted as text (`@`) keeps the string exactly as written, formula-like or numeric —
 *   Excel treats an entry in a Text-formatted cell as text, and changing the format afterwards
 *   does not re-evaluate it (“Formulas Don't Calculate as Formulas”, excelribbon.tips.net T003308);
 * - numeric text becomes a number, `25%` becomes 0.25 shown as `0%` (Excel's parse of typed input);
 * - with `formulaCoercion`, a string starting with "=", "+" or "-" becomes a formula (Excel.Range
 *   values reference, see `ExcelBehaviour.formulaCoercion`). A lone "+" or "-" typed by the clerk
 *   stays text (Excel's own entry of a single sign); written through `values` it is a formula.
 */
export function writeInput(cell: CellState, value: XValue, opts: { formulaCoercion: boolean; typed: boolean; percentEntry?: boolean }): void {
  delete cell.formula;
  // automatic percent entry (ExcelBehaviour.percentEntry): typing 10 or 0.1 into a 0.00% cell both give 10.00%
  const asPercent = (n: number): number => (opts.typed && opts.percentEntry === true && /%/.test(cell.numberFormat.replace(/"[^"]*"/g, '')) && Math.abs(n) >= 1 ? n / 100 : n);
  if (typeof value === 'number' && cell.numberFormat !== '@') {
    cell.value = asPercent(value);
    return;
  }
  if (typeof value !== 'string' || cell.numberFormat === '@') {
    cell.value = value;
    return;
  }
  const s = value.trim();
  if (NUMBER.test(s)) {
    cell.value = asPercent(Number(s));
    return;
  }
  const pct = PERCENT.exec(s);
  if (pct) {
    if (cell.numberFormat === 'General') {
      const decimals = (pct[1].split('.')[1] ?? '').length;
      cell.numberFormat = decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%';
    }
    cell.value = Number(pct[1]) / 100;
    return;
  }
  const lead = value[0];
  const loneSign = opts.typed && (value === '+' || value === '-');
  if (opts.formulaCoercion && (lead === '=' || lead === '+' || lead === '-') && !loneSign && value.length > 0) {
    cell.formula = lead === '=' ? value : `=${value}`;
    cell.value = evaluateFormula(cell.formula);
    return;
  }
  cell.value = value;
}

export function sheetAddress(sheet: string, r: RangePos): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${rangeToA1(r)}`;
}

function cellValueToX(v: CellValue | undefined): XValue {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return v.error;
  return v;
}

export interface ApiSupport {
  /** highest ExcelApi minor version supported, e.g. 18 for ExcelApi 1.18 (default 20) */
  excelApi: number;
}

type Listener<A> = (args: A) => Promise<unknown>;

export interface CellSnapshot {
  value: XValue;
  formula?: string;
  numberFormat?: string;
  fill?: FillState;
  font?: Partial<FontState>;
  borders?: Partial<Record<EdgeName, BorderState>>;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  locked?: false;
  validation?: ValidationState;
}

export interface SheetSnapshot {
  name: string;
  cells: Record<string, CellSnapshot>;
  merges: string[];
  notes: Record<string, string>;
  columnWidths: Record<string, number>;
  rowHeights: Record<string, number>;
  /** in priority order; ids left out (they are Excel's, not the workbook's content) */
  conditionalFormats: { formula: string; fill: string | null; ranges: string[]; type?: string; stopIfTrue?: true; parts?: Record<string, unknown> }[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
}

/**
 * Someone editing the workbook: the clerk at the keyboard (`source` Local) or a co-author elsewhere
 * (`source` Remote: “For events that can be triggered by a coauthor, such as onChanged, the
 * corresponding Event object will contain a source property that indicates whether the event was
 * triggered locally by the current user (event.source = Local) or was triggered by the remote
 * coauthor (event.source = Remote)”, “Work with Events using the Excel JavaScript API” › Events
 * and coauthoring). Edits apply at once and fire events with triggerSource 'Unknown'.
 */
export class MemoryUser {
  constructor(
    private readonly wb: MemoryWorkbook,
    private readonly source: 'Local' | 'Remote' = 'Local',
  ) {}

  private write(sheet: string, address: string, values: XValue[][], fire: boolean): void {
    const s = this.wb.sheet(sheet);
    const r = parseRange(address);
    const bottom = r.top + values.length - 1;
    const right = r.left + Math.max(1, ...values.map((v) => v.length)) - 1;
    const area = { top: r.top, left: r.left, bottom, right };
    // Excel refuses to change a locked cell of a protected sheet
    if (s.protected) for (let row = area.top; row <= area.bottom; row++) for (let col = area.left; col <= area.right; col++) if (s.peek(row, col)?.locked ?? true) throw protectedError(s);
    this.wb.recordUserAction(s, area);
    const before = s.peek(r.top, r.left)?.value ?? '';
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values[i].length; j++) {
        writeInput(s.cell(r.top + i, r.left + j), values[i][j], { formulaCoercion: this.wb.behaviour.formulaCoercion, typed: true, percentEntry: this.wb.behaviour.percentEntry });
      }
    }
    if (!fire) return;
    const single = bottom === r.top && right === r.left;
    this.wb.emitChanged(s, area, 'Unknown', single ? { valueBefore: before, valueAfter: s.cell(r.top, r.left).value } : undefined, this.source);
  }

  /** Types values into cells (Excel parses numeric and `%` text). `fireEvent: false` = a change Excel reports nothing for. */
  setValues(sheet: string, address: string, values: XValue[][], opts: { fireEvent?: boolean } = {}): void {
    this.write(sheet, address, values, opts.fireEvent !== false);
  }

  /** Picks a value from the cell's data-validation dropdown (the cell selected first): no onChanged with `silentEdits` (office-js #3888, #420). */
  pick(sheet: string, address: string, value: XValue): void {
    this.select(sheet, address);
    this.write(sheet, address, [[value]], !this.wb.behaviour.silentEdits);
  }

  /** Pastes a block of values at a cell; the pasted block is left selected. No onChanged with `silentEdits` (office-js #3899). */
  paste(sheet: string, address: string, values: XValue[][]): void {
    const r = parseRange(address);
    this.select(sheet, toA1(r.top, r.left));
    this.write(sheet, address, values, !this.wb.behaviour.silentEdits);
    this.select(sheet, address);
  }

  /** Drags the fill handle from the first cell of `address` over the rest, which is left selected. No onChanged with `silentEdits` (office-js #1110). */
  fillDown(sheet: string, address: string): void {
    const r = parseRange(address);
    const s = this.wb.sheet(sheet);
    const v = s.peek(r.top, r.left)?.value ?? '';
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    this.select(sheet, toA1(r.top, r.left));
    this.write(sheet, address, Array.from({ length: rows }, () => Array<XValue>(cols).fill(v)), !this.wb.behaviour.silentEdits);
    this.select(sheet, address);
  }

  clear(sheet: string, address: string): void {
    const r = parseRange(address);
    const rows = r.bottom - r.top + 1;
    const cols = r.right - r.left + 1;
    this.setValues(sheet, address, Array.from({ length: rows }, () => Array<XValue>(cols).fill('')));
  }

  private each(sheet: string, address: string, f: (c: CellState) => void): void {
    const s = this.wb.sheet(sheet);
    const r = parseRange(address);
    this.wb.recordUserAction(s, r);
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) f(s.cell(row, col));
  }

  setFill(sheet: string, address: string, color: string | null, pattern = 'Solid', patternColor: string | null = null): void {
    this.each(sheet, address, (c) => {
      c.fill = color === null ? { ...NO_FILL } : { color: color.toUpperCase(), pattern, patternColor };
    });
  }

  setFont(sheet: string, address: string, font: Partial<FontState>): void {
    this.each(sheet, address, (c) => {
      c.font = { ...c.font, ...font };
    });
  }

  setBorder(sheet: string, address: string, edges: EdgeName[], style = 'Continuous', color = '#000000', weight = 'Thin'): void {
    this.each(sheet, address, (c) => {
      for (const e of edges) c.borders[e] = { style, color, weight };
    });
  }

  setNumberFormat(sheet: string, address: string, format: string): void {
    this.each(sheet, address, (c) => {
      c.numberFormat = format;
    });
  }

  setValidation(sheet: string, address: string, list: string[]): void {
    this.each(sheet, address, (c) => {
      c.validation = { ...c.validation, list: { inCellDropDown: true, source: list.join(',') } };
    });
  }

  /** Format Cells › Protection › Locked (takes effect once the sheet is protected). */
  setLocked(sheet: string, address: string, locked: boolean): void {
    this.each(sheet, address, (c) => {
      c.locked = locked;
    });
  }

  merge(sheet: string, address: string): void {
    const s = this.wb.sheet(sheet);
    this.wb.recordUserAction();
    this.wb.mergeArea(s, parseRange(address));
  }

  addNote(sheet: string, address: string, content: string): void {
    const p = parseA1(address);
    const s = this.wb.sheet(sheet);
    this.wb.recordUserAction(s, { top: p.row, left: p.col, bottom: p.row, right: p.col });
    s.notes.set(`${p.row},${p.col}`, { content, authorName: 'User' });
  }

  setRowHeight(sheet: string, row: number, points: number): void {
    const s = this.wb.sheet(sheet);
    this.wb.recordUserAction();
    s.rowHeights.set(row, points);
  }

  /** Home › Conditional Formatting › New Rule › “Use a formula…”: the clerk's own rule, at the top priority. */
  addConditionalFormat(sheet: string, address: string, formula: string, fill: string): void {
    const s = this.wb.sheet(sheet);
    this.wb.recordUserAction();
    const ranges = address.split(',').map((a) => parseRange(a.trim()));
    s.conditionalFormats.unshift({ id: this.wb.nextConditionalFormatId(), type: 'Custom', formula, fill: fill.toUpperCase(), stopIfTrue: false, ranges });
  }

  /** Home › Conditional Formatting › Manage Rules › Delete Rule: the `index`-th format of the sheet (priority order) goes. */
  deleteConditionalFormat(sheet: string, index: number): void {
    const s = this.wb.sheet(sheet);
    this.wb.recordUserAction();
    s.conditionalFormats = s.conditionalFormats.filter((_, i) => i !== index);
  }

  /**
   * A structural change the clerk makes in the grid: recorded for undo, refused on a protected sheet
   * unless its protection allows it, and reported by onChanged with its change type
   * (Excel.DataChangeType) and the address it concerns.
   */
  private structural(sheet: string, allowed: (o: Excel.WorksheetProtectionOptions) => boolean, f: (s: SheetState) => void, changeType: XChangedEventArgs['changeType'], address: RangePos): void {
    const s = this.wb.sheet(sheet);
    if (s.protected && !allowed(s.protection.options)) throw protectedError(s);
    const before = this.wb.captureState();
    try {
      f(s);
    } catch (e) {
      this.wb.restoreState(before);
      throw e;
    }
    this.wb.pushUndo({ kind: 'book', state: before });
    this.wb.emitChanged(s, address, 'Unknown', undefined, this.source, changeType);
  }

  /** Right-click a row header › Insert: `count` rows above row `row` (1-based), formatted like the row above (Insert Options' default). */
  insertRows(sheet: string, row: number, count = 1): void {
    const pos = { top: row - 1, bottom: row + count - 2, left: 0, right: MAX_COLS - 1 };
    this.structural(sheet, (o) => o.allowInsertRows === true, (s) => {
      insertCells(s, pos, 'Down');
      formatLikeNeighbour(s, pos, 'Down');
    }, 'RowInserted', pos);
  }

  /** Right-click a row header › Delete: rows `row`…`row + count - 1` (1-based). */
  deleteRows(sheet: string, row: number, count = 1): void {
    const pos = { top: row - 1, bottom: row + count - 2, left: 0, right: MAX_COLS - 1 };
    this.structural(sheet, (o) => o.allowDeleteRows === true, (s) => deleteCells(s, pos, 'Up'), 'RowDeleted', pos);
  }

  /** Right-click a column header › Insert: `count` columns left of column `column` (a letter), formatted like the column to the left. */
  insertColumns(sheet: string, column: string, count = 1): void {
    const c = parseA1(`${column}1`).col;
    const pos = { top: 0, bottom: MAX_ROWS - 1, left: c, right: c + count - 1 };
    this.structural(sheet, (o) => o.allowInsertColumns === true, (s) => {
      insertCells(s, pos, 'Right');
      formatLikeNeighbour(s, pos, 'Right');
    }, 'ColumnInserted', pos);
  }

  deleteColumns(sheet: string, column: string, count = 1): void {
    const c = parseA1(`${column}1`).col;
    const pos = { top: 0, bottom: MAX_ROWS - 1, left: c, right: c + count - 1 };
    this.structural(sheet, (o) => o.allowDeleteColumns === true, (s) => deleteCells(s, pos, 'Left'), 'ColumnDeleted', pos);
  }

  /** Insert › Insert Cells › Shift cells down / right (not available on a protected sheet). */
  insertCells(sheet: string, address: string, shift: InsertShift): void {
    const pos = parseRange(address);
    this.structural(sheet, () => false, (s) => insertCells(s, pos, shift), 'CellInserted', pos);
  }

  /** Delete › Delete Cells › Shift cells up / left. */
  deleteCells(sheet: string, address: string, shift: DeleteShift): void {
    const pos = parseRange(address);
    this.structural(sheet, () => false, (s) => deleteCells(s, pos, shift), 'CellDeleted', pos);
  }

  /** Data › Sort: the rows of `address` by the given columns (offsets from its first column), a header row kept on top if `hasHeaders`. */
  sort(sheet: string, address: string, fields: SortKey[], hasHeaders = false): void {
    const pos = parseRange(address);
    this.structural(sheet, (o) => o.allowSort === true, (s) => sortRows(s, pos, fields, hasHeaders), 'RangeEdited', pos);
  }

  /** Ctrl+X on `from`, Ctrl+V at `to` (its top-left cell). */
  cut(sheet: string, from: string, to: string, toSheet = sheet): void {
    const src = parseRange(from);
    const at = parseA1(to.split(':')[0]);
    const target = this.wb.sheet(toSheet);
    const dst = { top: at.row, left: at.col, bottom: at.row + src.bottom - src.top, right: at.col + src.right - src.left };
    if (target.protected) throw protectedError(target);
    this.structural(sheet, () => false, (s) => moveCells(this.wb, s, src, target, at.row, at.col), 'RangeEdited', src);
    this.wb.emitChanged(target, dst, 'Unknown', undefined, this.source);
    this.select(toSheet, rangeToA1(dst));
  }

  /**
   * Ctrl+C on `from`, Ctrl+V at `to` (its top-left cell): the pasted block is left selected, and with
   * `silentEdits` no onChanged is fired (office-js #3899, as for `paste`).
   */
  copy(sheet: string, from: string, to: string, toSheet = sheet, type: CopyType = 'All'): void {
    const src = parseRange(from);
    const at = parseA1(to.split(':')[0]);
    const target = this.wb.sheet(toSheet);
    const dst = { top: at.row, left: at.col, bottom: at.row + src.bottom - src.top, right: at.col + src.right - src.left };
    if (target.protected) throw protectedError(target);
    const before = this.wb.captureState();
    try {
      copyCells(this.wb, this.wb.sheet(sheet), src, target, at.row, at.col, type);
    } catch (e) {
      this.wb.restoreState(before);
      throw e;
    }
    this.wb.pushUndo({ kind: 'book', state: before });
    if (!this.wb.behaviour.silentEdits) this.wb.emitChanged(target, dst, 'Unknown', undefined, this.source);
    this.select(toSheet, rangeToA1(dst));
  }

  /** Ctrl+Z: the last action on the undo stack is taken back (false: nothing to undo). */
  undo(): boolean {
    return this.wb.undoOnce('undo', this.source);
  }

  /** Ctrl+Y */
  redo(): boolean {
    return this.wb.undoOnce('redo', this.source);
  }

  /** Selects cells (activating their sheet first, which fires onActivated when the sheet changes). */
  select(sheet: string, address: string): void {
    const s = this.wb.sheet(sheet);
    if (this.wb.activeSheetId !== s.id) {
      this.wb.activeSheetId = s.id;
      this.wb.emitActivated(s);
    }
    this.wb.selection = { sheetId: s.id, range: parseRange(address) };
    this.wb.emitSelection(s, this.wb.selection.range);
  }

  /** Clicks a sheet tab: the sheet becomes active (onActivated), its A1 selected. */
  activate(sheet: string): void {
    this.select(sheet, 'A1');
  }

  addSheet(name: string): void {
    this.wb.addSheet(name);
  }

  /** Review › Protect Sheet, with what it still allows (Excel.WorksheetProtectionOptions); `false` unprotects. */
  protect(sheet: string, on = true, options: Excel.WorksheetProtectionOptions = {}): void {
    this.wb.sheet(sheet).protection = { protected: on, options: on ? { ...options } : {} };
  }

  /**
   * The clerk starts typing in a cell. Until `endCellEdit`, a batch run with `delayForCellEdit`
   * waits at `sync()` and one without fails with InvalidOperationInCellEditMode (Excel.RunOptions,
   * delayForCellEdit). Clicking the task pane does not end the edit (office-js #806).
   */
  beginCellEdit(): void {
    this.wb.cellEditMode = true;
  }

  endCellEdit(): void {
    this.wb.cellEditMode = false;
    const waiters = this.wb.editWaiters.splice(0);
    for (const w of waiters) w();
  }
}

export function protectedError(s: SheetState): MemoryExcelError {
  return new MemoryExcelError('AccessDenied', `The cell or chart that you're trying to change is on a protected sheet (“${s.name}”).`);
}

/** What one `sync()` sent and received, for tests and the benchmark. */
export interface SyncRecord {
  commands: number;
  requestBytes: number;
  responseBytes: number;
  /** the largest range read in it, in cells */
  largestRead: number;
  /** the error code it failed with */
  error?: string;
}

let workbookCounter = 0;

export class MemoryWorkbook {
  readonly sheets: SheetState[] = [];
  readonly settings = new Map<string, unknown>();
  readonly user = new MemoryUser(this);
  /** a co-author editing the same workbook: their edits arrive with `source: 'Remote'` */
  readonly coauthor = new MemoryUser(this, 'Remote');
  selection: { sheetId: string; range: RangePos } | null = null;
  activeSheetId: string | null = null;
  /** every `context.sync()` of every context on this workbook */
  syncCount = 0;
  /** what each sync sent and received (the last 1,000) */
  readonly syncLog: SyncRecord[] = [];
  cellEditMode = false;
  readonly editWaiters: (() => void)[] = [];
  readonly changedListeners = new Set<Listener<XChangedEventArgs>>();
  readonly selectionListeners = new Set<Listener<XSelectionChangedEventArgs>>();
  readonly activatedListeners = new Set<Listener<XActivatedEventArgs>>();
  readonly support: ApiSupport;
  readonly behaviour: ExcelBehaviour;
  /** listener errors (a failing handler does not break Excel, but tests may want to see them) */
  readonly listenerErrors: unknown[] = [];
  /**
   * The clerk's undo history, newest last: each entry is the workbook as it was before one action
   * (the clerk's, or — where Excel keeps them, ExcelApi 1.20 — one of an add-in's, see
   * `addinWrote`). Ctrl+Z is `user.undo()`.
   */
  readonly undoStack: UndoEntry[] = [];
  readonly redoStack: UndoEntry[] = [];
  /** every write an add-in made (the API member, in order): what a test asserts a pass did or did not call */
  readonly writeLog: { member: string; sync: number }[] = [];
  private readonly tag = ++workbookCounter;
  private sheetCounter = 0;
  private cfCounter = 0;
  private pendingEvents = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(opts: { sheets?: string[]; support?: Partial<ApiSupport>; behaviour?: Partial<ExcelBehaviour> } = {}) {
    this.support = { excelApi: 20, ...opts.support };
    this.behaviour = { ...DOCUMENTED_EXCEL, ...opts.behaviour };
    for (const name of opts.sheets ?? ['Sheet1']) this.addSheet(name);
  }

  static fromGrid(grid: Grid, opts: { support?: Partial<ApiSupport>; behaviour?: Partial<ExcelBehaviour> } = {}): MemoryWorkbook {
    const wb = new MemoryWorkbook({ sheets: [], support: opts.support, behaviour: opts.behaviour });
    for (const gs of grid.sheets) {
      const s = wb.addSheet(gs.name);
      const or = gs.origin?.row ?? 0;
      const oc = gs.origin?.col ?? 0;
      gs.values.forEach((row, i) => {
        if (!row) return;
        row.forEach((v, j) => {
          const x = cellValueToX(v);
          const fmt = gs.formats?.[i]?.[j];
          if (x === '' && (fmt === undefined || fmt === 'General')) return;
          const c = s.cell(or + i, oc + j);
          c.value = x;
          if (fmt !== undefined) c.numberFormat = fmt;
        });
      });
      gs.formats?.forEach((row, i) =>
        row?.forEach((f, j) => {
          if (f !== undefined && f !== 'General') s.cell(or + i, oc + j).numberFormat = f;
        }),
      );
      s.merges = gs.merges.map((m) => ({ ...m }));
    }
    if (wb.sheets.length === 0) wb.addSheet('Sheet1');
    return wb;
  }

  private fault: { minOps: number; at: number } | null = null;

  /** Test hook: the next sync with at least `minOps` commands fails at command `at` (earlier ones stay applied, as in Excel). */
  injectFault(minOps: number, at: number): void {
    this.fault = { minOps, at };
  }

  /** internal: the failing command index for a sync of `ops` commands, if a fault is armed for it */
  takeFault(ops: number): number | undefined {
    if (!this.fault || ops < this.fault.minOps) return undefined;
    const at = this.fault.at;
    this.fault = null;
    return at;
  }

  supports(minor: number): boolean {
    return this.support.excelApi >= minor;
  }

  nextConditionalFormatId(): string {
    return `{CF-${this.tag}-${++this.cfCounter}}`;
  }

  captureState(): BookCopy {
    return { sheets: this.sheets.map((s) => ({ id: s.id, copy: s.capture() })), settings: JSON.parse(JSON.stringify([...this.settings])) as [string, unknown][] };
  }

  restoreState(c: BookCopy): void {
    for (const { id, copy } of c.sheets) this.findSheet(id)?.restore(copy);
    this.settings.clear();
    for (const [k, v] of JSON.parse(JSON.stringify(c.settings)) as [string, unknown][]) this.settings.set(k, v);
  }

  /** internal: one more action on the undo stack, which ends what could be redone */
  pushUndo(entry: UndoEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > UNDO_LEVELS) this.undoStack.splice(0, this.undoStack.length - UNDO_LEVELS);
    this.redoStack.length = 0;
  }

  /** internal: the clerk is about to change the cells of `area` (values, formats, notes) — or, with no area, anything */
  recordUserAction(s?: SheetState, area?: RangePos): void {
    this.pushUndo(s && area ? this.cellsEntry(s, area) : { kind: 'book', state: this.captureState() });
  }

  private cellsEntry(s: SheetState, area: RangePos): UndoEntry {
    const cells: [number, CellState | undefined][] = [];
    const notes: [string, NoteState | undefined][] = [];
    for (let row = area.top; row <= area.bottom; row++)
      for (let col = area.left; col <= area.right; col++) {
        const c = s.peek(row, col);
        cells.push([s.key(row, col), c ? cloneCell(c) : undefined]);
        const n = s.notes.get(`${row},${col}`);
        notes.push([`${row},${col}`, n ? { ...n } : undefined]);
      }
    return { kind: 'cells', sheetId: s.id, area: { ...area }, cells, notes };
  }

  clearUndo(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }

  /**
   * internal: a sync of an add-in changed the workbook (`before`: the state before it, when one was
   * taken). Before ExcelApi 1.20 every change an add-in makes clears the undo stack (“most of the
   * set operation of Excel API will disable /undo/redo operation, it's a by-design behavior”,
   * office-js #3788; the ExcelApi 1.20 requirement set “adds undo support for Excel JavaScript
   * APIs”). From 1.20, a member of UNDO_CLEARING clears it; otherwise the sync is one undo action —
   * or, in an `Excel.run` with `mergeUndoGroup`, part of the run's one action (“When true, all
   * `context.sync()` calls in a single `Excel.run` are merged into one undo group”,
   * Excel.RunOptions.mergeUndoGroup).
   */
  addinWrote(before: BookCopy | null, members: string[], inOpenGroup: boolean): void {
    for (const m of members) this.writeLog.push({ member: m, sync: this.syncCount });
    if (!this.supports(20) || members.some((m) => UNDO_CLEARING.has(m))) {
      this.clearUndo();
      return;
    }
    if (inOpenGroup) return; // merged into the run's group, pushed by its first writing sync
    if (before) this.pushUndo({ kind: 'book', state: before });
  }

  /** internal: Ctrl+Z / Ctrl+Y — onChanged is fired where values changed */
  undoOnce(which: 'undo' | 'redo', source: 'Local' | 'Remote'): boolean {
    const from = which === 'undo' ? this.undoStack : this.redoStack;
    const to = which === 'undo' ? this.redoStack : this.undoStack;
    const entry = from.pop();
    if (!entry) return false;
    if (entry.kind === 'cells') {
      const s = this.findSheet(entry.sheetId);
      if (!s) return false;
      to.push(this.cellsEntry(s, entry.area));
      for (const [k, c] of entry.cells) {
        if (c) s.cells.set(k, cloneCell(c));
        else s.cells.delete(k);
      }
      for (const [k, n] of entry.notes) {
        if (n) s.notes.set(k, { ...n });
        else s.notes.delete(k);
      }
      this.emitChanged(s, entry.area, 'Unknown', undefined, source);
      return true;
    }
    const now = this.captureState();
    to.push({ kind: 'book', state: now });
    this.restoreState(entry.state);
    for (const { id, copy } of now.sheets) {
      const s = this.findSheet(id);
      if (!s) continue;
      const was = new Map(copy.cells.map(([k, c]) => [k, c.value]));
      let r: RangePos | null = null;
      for (const k of new Set([...was.keys(), ...s.cells.keys()])) {
        if ((was.get(k) ?? '') === (s.cells.get(k)?.value ?? '')) continue;
        const row = Math.floor(k / MAX_COLS);
        const col = k % MAX_COLS;
        r = r ? { top: Math.min(r.top, row), left: Math.min(r.left, col), bottom: Math.max(r.bottom, row), right: Math.max(r.right, col) } : { top: row, left: col, bottom: row, right: col };
      }
      if (r) this.emitChanged(s, r, 'Unknown', undefined, source);
    }
    return true;
  }

  addSheet(name: string): SheetState {
    if (this.sheets.some((s) => s.name === name)) throw new MemoryExcelError('ItemAlreadyExists', `工作表“${name}”已存在`);
    const s = new SheetState(`{MEM-${this.tag}-${++this.sheetCounter}}`, name);
    this.sheets.push(s);
    if (!this.activeSheetId) {
      this.activeSheetId = s.id;
      this.selection = { sheetId: s.id, range: { top: 0, left: 0, bottom: 0, right: 0 } };
    }
    return s;
  }

  /** by name or id (like WorksheetCollection.getItem) */
  findSheet(key: string): SheetState | undefined {
    return this.sheets.find((s) => s.name === key || s.id === key);
  }

  sheet(key: string): SheetState {
    const s = this.findSheet(key);
    if (!s) throw new MemoryExcelError('ItemNotFound', `找不到工作表“${key}”`);
    return s;
  }

  activeSheet(): SheetState {
    return this.findSheet(this.activeSheetId ?? '') ?? this.sheets[0];
  }

  mergeArea(s: SheetState, r: RangePos, across = false): void {
    const areas: RangePos[] = across
      ? Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({ top: r.top + i, bottom: r.top + i, left: r.left, right: r.right }))
      : [r];
    for (const a of areas) {
      if (a.top === a.bottom && a.left === a.right) continue;
      s.merges = s.merges.filter((m) => m.bottom < a.top || m.top > a.bottom || m.right < a.left || m.left > a.right);
      for (let row = a.top; row <= a.bottom; row++)
        for (let col = a.left; col <= a.right; col++) {
          if (row === a.top && col === a.left) continue;
          const c = s.peek(row, col);
          if (c) {
            c.value = '';
            delete c.formula;
          }
        }
      s.merges.push({ ...a });
    }
  }

  /** Queue a change event (after the current turn: events never fire inside a sync). */
  emitChanged(
    s: SheetState,
    r: RangePos,
    triggerSource: 'Unknown' | 'ThisLocalAddin',
    details?: XChangedEventArgs['details'],
    source: 'Local' | 'Remote' = 'Local',
    changeType: XChangedEventArgs['changeType'] = 'RangeEdited',
  ): void {
    const args: XChangedEventArgs = { address: rangeToA1(r), worksheetId: s.id, changeType, source };
    // WorksheetChangedEventArgs.triggerSource is ExcelApi 1.14, details 1.9
    if (this.supports(14)) args.triggerSource = triggerSource;
    if (details && this.supports(9)) args.details = details;
    this.dispatch([...this.changedListeners], args);
  }

  emitSelection(s: SheetState, r: RangePos): void {
    this.dispatch([...this.selectionListeners], { address: rangeToA1(r), worksheetId: s.id });
  }

  emitActivated(s: SheetState): void {
    this.dispatch([...this.activatedListeners], { worksheetId: s.id });
  }

  private dispatch<A>(listeners: Listener<A>[], args: A): void {
    if (listeners.length === 0) return;
    this.pendingEvents++;
    setTimeout(() => {
      this.pendingEvents--;
      for (const l of listeners) {
        try {
          l(args).catch((e: unknown) => this.listenerErrors.push(e));
        } catch (e) {
          this.listenerErrors.push(e);
        }
      }
      if (this.pendingEvents === 0) for (const w of this.idleWaiters.splice(0)) w();
    }, 0);
  }

  /** Resolves once every queued event has been delivered to its handlers. */
  eventsDelivered(): Promise<void> {
    if (this.pendingEvents === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** internal: a sync's record (the log keeps the last 1,000) */
  logSync(r: SyncRecord): void {
    this.syncLog.push(r);
    if (this.syncLog.length > 1000) this.syncLog.splice(0, this.syncLog.length - 1000);
  }

  /** Full cell state (values + formats), merges, notes and column widths, for equality checks. */
  snapshot(): WorkbookSnapshot {
    return {
      sheets: this.sheets.map((s) => {
        const cells: Record<string, CellSnapshot> = {};
        const keys = [...s.cells.keys()].sort((a, b) => a - b);
        for (const k of keys) {
          const c = s.cells.get(k) as CellState;
          if (c.value === '' && c.formula === undefined && isDefaultFormat(c)) continue;
          const row = Math.floor(k / MAX_COLS);
          const col = k % MAX_COLS;
          const snap: CellSnapshot = { value: c.value };
          if (c.formula !== undefined) snap.formula = c.formula;
          if (c.numberFormat !== 'General') snap.numberFormat = c.numberFormat;
          if (c.fill.pattern !== 'None') snap.fill = { ...c.fill };
          const font: Partial<FontState> = {};
          for (const f of Object.keys(DEFAULT_FONT) as (keyof FontState)[])
            if (c.font[f] !== DEFAULT_FONT[f]) (font as Record<string, unknown>)[f] = c.font[f];
          if (Object.keys(font).length) snap.font = font;
          if (Object.keys(c.borders).length) snap.borders = JSON.parse(JSON.stringify(c.borders));
          if (c.wrapText) snap.wrapText = true;
          if (c.horizontalAlignment !== 'General') snap.horizontalAlignment = c.horizontalAlignment;
          if (c.verticalAlignment !== 'Bottom') snap.verticalAlignment = c.verticalAlignment;
          if (!c.locked) snap.locked = false;
          if (c.validation) snap.validation = JSON.parse(JSON.stringify(c.validation));
          cells[toA1(row, col)] = snap;
        }
        const notes: Record<string, string> = {};
        for (const [k, n] of s.notes) {
          const [row, col] = k.split(',').map(Number);
          notes[toA1(row, col)] = n.content;
        }
        const columnWidths: Record<string, number> = {};
        for (const [col, w] of [...s.columnWidths].sort((a, b) => a[0] - b[0])) columnWidths[String(col)] = w;
        const rowHeights: Record<string, number> = {};
        for (const [row, h] of [...s.rowHeights].sort((a, b) => a[0] - b[0])) rowHeights[String(row)] = h;
        return {
          name: s.name,
          cells,
          merges: s.merges.map(rangeToA1).sort(),
          notes,
          columnWidths,
          rowHeights,
          conditionalFormats: s.conditionalFormats.map((cf) => ({
            formula: cf.formula,
            fill: cf.fill,
            ranges: cf.ranges.map(rangeToA1),
            ...(cf.type !== 'Custom' ? { type: cf.type } : {}),
            ...(cf.stopIfTrue ? { stopIfTrue: true as const } : {}),
            ...(cf.parts ? { parts: JSON.parse(JSON.stringify(cf.parts)) as Record<string, unknown> } : {}),
          })),
        };
      }),
    };
  }
}
