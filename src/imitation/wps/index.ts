/**
 * An imitation of WPS 表格's object model, as small as the WPS host (src/wps) needs: the
 * interfaces of src/wps/et.ts (each proven against `et-jsapi-declare`), over a plain in-memory
 * workbook. For tests only — the adapter does not export it.
 *
 * Sources, and the strictest reading where they are silent (the WPS API is VBA's, made
 * synchronous; the declarations give the members, not their behaviour):
 * - Members and enum values: et-jsapi-declare 2.5.0 (lib.et.d.ts, addon.et.d.ts).
 * - Events: `Application.ApiEvent.AddApiEventListener("SheetChange" | "SheetSelectionChange" |
 *   "WorkbookBeforeSave", fn)` (addon.et.d.ts; WPS's own samples, e.g. wpsoa.github.io's
 *   ET demo). When they are delivered is not documented: here after the call that caused them
 *   returns (a macrotask), never inside it. A write through the API is reported like the clerk's
 *   (VBA's Worksheet_Change fires for code's writes too), and so is a conditional format added or
 *   deleted (strictest: the host must not loop on its own marks). A paste is NOT reported by
 *   SheetChange here (strictest reading; Excel's own events miss pastes, office-js #1110) — only the
 *   selection it leaves is.
 * - `Range.Value2`: a single cell's value, or for a block rows of values (VBA's 2-D array, here an
 *   array of row arrays); empty is `undefined`. `NumberFormat` / `MergeCells` of a range that is not
 *   uniform: `null` (VBA: "returns Null if …"). `MergeArea` of more than one cell: an error (VBA: it
 *   "works only on a single cell").
 * - `Range("…")` with an address of more than 255 characters: an error (VBA's documented limit of
 *   the string form of Range).
 * - `FormatConditions.Item(i)`: i is a 1-based position, not an id; `Add` puts the new condition
 *   FIRST (strictest: positions taken before an Add are no longer valid), `Delete` moves those
 *   after it up. `Range.FormatConditions` holds the conditions whose AppliesTo meets the range;
 *   `Worksheet.Cells.FormatConditions` all of the sheet's. An `xlExpression` condition without
 *   Formula1 is an error.
 * - `Interior.Color`: a BGR integer; a cell without a fill reads 16777215 (white), as in VBA.
 * - `Validation.Add` on a cell that already has a validation: an error (VBA: delete it first).
 * - A protected sheet (`ProtectContents`): any write to a cell or its format is an error.
 * - `Range.Insert(xlShiftDown)`: the cells of the range's columns from its first row down move
 *   down by its height, with their merges and conditional formats; a merged area reaching across
 *   the range's left or right edge refuses (VBA: "cannot change part of a merged cell").
 *
 * Why it is one file: the application, worksheet and range imitations share one in-memory sheet's
 * private cells, its conditional-format list and the event queue that reports every write after its
 * call; split over files, that state would have to be exported, and a test could then reach past the
 * object model the WPS host is limited to.
 */
import { columnName, parseA1, parseRange, rangeToA1, toA1, type RangePos } from '../../domain/address';
import type {
  BeforeSaveListener,
  SelectionListener,
  SheetChangeListener,
  WApiEvent,
  WApp,
  WAreas,
  WBorders,
  WCustomProperties,
  WCustomProperty,
  WFont,
  WFormatCondition,
  WFormatConditions,
  WInterior,
  WRange,
  WSheet,
  WSheets,
  WValidation,
  WWorkbook,
} from '../../wps/et';

export type ImValue = string | number | boolean;

export interface ImValidation {
  type: number;
  formula1?: string;
  inCellDropdown: boolean;
  inputTitle: string;
  inputMessage: string;
  showInput: boolean;
}

export interface ImCell {
  value?: ImValue;
  numberFormat?: string;
  fill?: number;
  bold?: boolean;
  size?: number;
  wrap?: boolean;
  hAlign?: number | boolean;
  vAlign?: number | boolean;
  border?: { lineStyle: number | boolean; weight: number };
  validation?: ImValidation;
}

export interface ImCondition {
  type: number;
  formula1: string;
  color: unknown;
  applies: RangePos[];
}

export const WHITE = 16777215;
const ROWS = 1048576;
const COLS = 16384;
const key = (r: number, c: number) => `${r},${c}`;
const meets = (a: RangePos, b: RangePos) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

export class ImSheet {
  cells = new Map<string, ImCell>();
  merges: RangePos[] = [];
  conditions: ImCondition[] = [];
  protectContents = false;
  props: { name: string; value: string }[] = [];
  widths = new Map<number, number>();
  heights = new Map<number, number>();
  constructor(
    readonly book: WpsImitation,
    public name: string,
  ) {}
  cell(r: number, c: number): ImCell {
    let x = this.cells.get(key(r, c));
    if (!x) this.cells.set(key(r, c), (x = {}));
    return x;
  }
  peek(r: number, c: number): ImCell | undefined {
    return this.cells.get(key(r, c));
  }
  guard(): void {
    if (this.protectContents) throw new Error('您试图更改的单元格或图表受保护，因而是只读的。');
  }
}

type Listener = { name: 'SheetChange'; fn: SheetChangeListener } | { name: 'SheetSelectionChange'; fn: SelectionListener } | { name: 'WorkbookBeforeSave'; fn: BeforeSaveListener };

export class WpsImitation implements WApp {
  sheets: ImSheet[] = [];
  active = 0;
  activeCell = { row: 0, col: 0 };
  name: string;
  private readonly listeners: Listener[] = [];
  private queue: (() => void)[] = [];
  private flushing: Promise<void> | undefined;
  /** calls through the API that wrote something (for "nothing was written" assertions) */
  writeLog: string[] = [];

  constructor(opts: { sheets?: string[]; name?: string } = {}) {
    this.name = opts.name ?? '工作簿1.xlsx';
    for (const n of opts.sheets ?? ['Sheet1']) this.sheets.push(new ImSheet(this, n));
  }

  sheet(name: string): ImSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  // ---- events
  emit(fire: (l: Listener) => void): void {
    this.queue.push(() => [...this.listeners].forEach(fire));
    if (!this.flushing)
      this.flushing = new Promise<void>((resolve) =>
        setTimeout(() => {
          this.flushing = undefined;
          const q = this.queue;
          this.queue = [];
          for (const f of q) f();
          resolve();
        }, 0),
      );
  }
  changed(sheet: ImSheet, areas: RangePos[]): void {
    const target = new ImRange(sheet, areas);
    this.emit((l) => {
      if (l.name === 'SheetChange') l.fn(new ImWorksheet(sheet), target);
    });
  }
  selected(sheet: ImSheet, areas: RangePos[]): void {
    this.active = this.sheets.indexOf(sheet);
    this.activeCell = { row: areas[0].top, col: areas[0].left };
    const target = new ImRange(sheet, areas);
    this.emit((l) => {
      if (l.name === 'SheetSelectionChange') l.fn(new ImWorksheet(sheet), target);
    });
  }
  /** resolves when every event queued so far has been delivered */
  async eventsDelivered(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
  /** the clerk saves (WorkbookBeforeSave is delivered at once: the save waits for it) */
  save(): void {
    for (const l of [...this.listeners]) if (l.name === 'WorkbookBeforeSave') l.fn(this.ActiveWorkbook, false);
  }

  // ---- WApp
  get ActiveSheet(): WSheet {
    return new ImWorksheet(this.sheets[this.active]);
  }
  get ActiveWorkbook(): WWorkbook {
    const { sheets: list, name } = this;
    const sheets: WSheets = {
      get Count() {
        return list.length;
      },
      Item(i: number | string) {
        const s = typeof i === 'number' ? list[i - 1] : list.find((x) => x.name === i);
        if (!s) throw new Error(`下标越界：${String(i)}`);
        return new ImWorksheet(s);
      },
    };
    return { Name: name, Worksheets: sheets };
  }
  get ActiveCell(): WRange {
    const { row, col } = this.activeCell;
    return new ImRange(this.sheets[this.active], [{ top: row, left: col, bottom: row, right: col }]);
  }
  get ApiEvent(): WApiEvent {
    const { listeners } = this;
    return {
      AddApiEventListener(name: Listener['name'], fn: unknown) {
        listeners.push({ name, fn } as Listener);
      },
      RemoveApiEventListener(name: Listener['name'], fn?: unknown) {
        for (let i = listeners.length - 1; i >= 0; i--) if (listeners[i].name === name && (fn === undefined || listeners[i].fn === fn)) listeners.splice(i, 1);
      },
    } as WApiEvent;
  }
  listenerCount(): number {
    return this.listeners.length;
  }

  // ---- the clerk's own actions (what the tests do as the clerk)
  readonly user = {
    setValue: (sheet: string, a1: string, value: ImValue | undefined) => {
      const s = this.sheet(sheet);
      const p = parseA1(a1);
      s.cell(p.row, p.col).value = value;
      this.changed(s, [{ top: p.row, left: p.col, bottom: p.row, right: p.col }]);
    },
    setValues: (sheet: string, a1: string, rows: (ImValue | undefined)[][]) => {
      const s = this.sheet(sheet);
      const p = parseA1(a1.split(':')[0]);
      rows.forEach((line, i) => line.forEach((v, j) => (s.cell(p.row + i, p.col + j).value = v)));
      this.changed(s, [{ top: p.row, left: p.col, bottom: p.row + rows.length - 1, right: p.col + Math.max(...rows.map((l) => l.length)) - 1 }]);
    },
    /** a paste: no SheetChange (strictest reading), the pasted cells are left selected */
    paste: (sheet: string, a1: string, rows: (ImValue | undefined)[][]) => {
      const s = this.sheet(sheet);
      const p = parseA1(a1.split(':')[0]);
      rows.forEach((line, i) => line.forEach((v, j) => (s.cell(p.row + i, p.col + j).value = v)));
      this.selected(s, [{ top: p.row, left: p.col, bottom: p.row + rows.length - 1, right: p.col + Math.max(...rows.map((l) => l.length)) - 1 }]);
    },
    select: (sheet: string, a1: string) => this.selected(this.sheet(sheet), [parseRange(a1)]),
    setFill: (sheet: string, a1: string, hex: string) => {
      const n = parseInt(hex.replace('#', ''), 16);
      const p = parseA1(a1);
      this.sheet(sheet).cell(p.row, p.col).fill = ((n >> 16) & 0xff) + ((n >> 8) & 0xff) * 256 + (n & 0xff) * 65536;
    },
    setNumberFormat: (sheet: string, a1: string, f: string) => {
      const p = parseA1(a1);
      this.sheet(sheet).cell(p.row, p.col).numberFormat = f;
    },
    merge: (sheet: string, a1: string) => this.sheet(sheet).merges.push(parseRange(a1)),
    /** the clerk's own conditional format */
    addCondition: (sheet: string, a1: string, formula1: string, color: number) => {
      this.sheet(sheet).conditions.push({ type: 2, formula1, color, applies: [parseRange(a1)] });
    },
    protect: (sheet: string, on = true) => {
      this.sheet(sheet).protectContents = on;
    },
  };
}

class ImWorksheet implements WSheet {
  constructor(readonly s: ImSheet) {}
  get Name() {
    return this.s.name;
  }
  set Name(v: string) {
    this.s.name = v;
  }
  get Index() {
    return this.s.book.sheets.indexOf(this.s) + 1;
  }
  /** the cells with a value or a format, and the merges; an empty sheet: A1 (VBA) */
  get UsedRange(): WRange {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (r: number, c: number) => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    for (const [k, c] of this.s.cells) {
      if (Object.values(c).every((v) => v === undefined)) continue;
      const [r, col] = k.split(',').map(Number);
      take(r, col);
    }
    for (const m of this.s.merges) {
      take(m.top, m.left);
      take(m.bottom, m.right);
    }
    if (bottom < 0) return new ImRange(this.s, [{ top: 0, left: 0, bottom: 0, right: 0 }]);
    return new ImRange(this.s, [{ top, left, bottom, right }]);
  }
  Range(a: string): WRange {
    if (a.length > 255) throw new Error('Range 的地址超过 255 个字符');
    return new ImRange(
      this.s,
      a.split(',').map((p) => parseRange(p.replace(/\$/g, '').trim())),
    );
  }
  get Cells(): WRange {
    return new ImRange(this.s, [{ top: 0, left: 0, bottom: ROWS - 1, right: COLS - 1 }], true);
  }
  Activate() {
    this.s.book.active = this.s.book.sheets.indexOf(this.s);
  }
  get ProtectContents() {
    return this.s.protectContents;
  }
  get CustomProperties(): WCustomProperties {
    const s = this.s;
    const prop = (p: { name: string; value: string }): WCustomProperty => ({
      get Name() {
        return p.name;
      },
      set Name(v: string) {
        p.name = v;
      },
      get Value() {
        return p.value;
      },
      set Value(v: string) {
        p.value = v;
      },
      Delete() {
        s.props = s.props.filter((x) => x !== p);
      },
    });
    return {
      get Count() {
        return s.props.length;
      },
      Item(i: number | string) {
        const p = typeof i === 'number' ? s.props[i - 1] : s.props.find((x) => x.name === i);
        if (!p) throw new Error(`下标越界：${String(i)}`);
        return prop(p);
      },
      Add(name: string, value: string) {
        const p = { name, value: String(value) };
        s.props.push(p);
        return prop(p);
      },
    };
  }
}

class ImRange implements WRange {
  constructor(
    readonly s: ImSheet,
    readonly areas: RangePos[],
    /** Worksheet.Cells: the whole sheet */
    readonly whole = false,
  ) {}
  get first(): RangePos {
    return this.areas[0];
  }
  each(f: (c: ImCell, r: number, col: number) => void): void {
    for (const a of this.areas) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(this.s.cell(r, c), r, c);
  }
  write(what: string, f: () => void, report = true): void {
    this.s.guard();
    f();
    this.s.book.writeLog.push(`${this.s.name}!${this.Address(false, false)} ${what}`);
    if (report) this.s.book.changed(this.s, this.areas);
  }
  /** one value for all cells, or null when they differ (VBA) */
  uniform<T>(get: (c: ImCell | undefined) => T): T | null {
    let out: T | undefined;
    let set = false;
    for (const a of this.areas)
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) {
          const v = get(this.s.peek(r, c));
          if (!set) {
            out = v;
            set = true;
          } else if (v !== out) return null;
        }
    return out as T;
  }

  get Value2(): unknown {
    const a = this.first;
    if (a.top === a.bottom && a.left === a.right) return this.s.peek(a.top, a.left)?.value;
    const rows: unknown[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const line: unknown[] = [];
      for (let c = a.left; c <= a.right; c++) line.push(this.s.peek(r, c)?.value);
      rows.push(line);
    }
    return rows;
  }
  set Value2(v: unknown) {
    this.write('Value2', () => {
      const a = this.first;
      const put = (x: unknown): ImValue | undefined => (x === '' || x === null || x === undefined ? undefined : (x as ImValue));
      if (Array.isArray(v)) (v as unknown[][]).forEach((line, i) => line.forEach((x, j) => (this.s.cell(a.top + i, a.left + j).value = put(x))));
      else this.each((c) => (c.value = put(v)));
    });
  }
  get Text(): unknown {
    const v = this.s.peek(this.first.top, this.first.left)?.value;
    return v === undefined ? '' : String(v);
  }
  get NumberFormat(): unknown {
    return this.uniform((c) => c?.numberFormat ?? 'General');
  }
  set NumberFormat(v: unknown) {
    this.write('NumberFormat', () => this.each((c) => (c.numberFormat = v === 'General' ? undefined : String(v))), false);
  }
  get MergeCells(): unknown {
    return this.mergeState();
  }
  private mergeState(): boolean | null {
    let inside = 0;
    let all = 0;
    this.each((_c, r, col) => {
      all++;
      if (this.s.merges.some((m) => m.top <= r && r <= m.bottom && m.left <= col && col <= m.right)) inside++;
    });
    return inside === 0 ? false : inside === all ? true : null;
  }
  get MergeArea(): WRange {
    const a = this.first;
    if (this.areas.length > 1 || a.top !== a.bottom || a.left !== a.right) throw new Error('MergeArea 只适用于单个单元格');
    const m = this.s.merges.find((x) => x.top <= a.top && a.top <= x.bottom && x.left <= a.left && a.left <= x.right);
    return new ImRange(this.s, [m ?? a]);
  }
  Merge(): void {
    this.write(
      'Merge',
      () => {
        for (const a of this.areas) {
          if (this.s.merges.some((m) => meets(m, a))) throw new Error('不能对合并单元格作部分更改');
          this.s.merges.push({ ...a });
          // VBA: only the upper-left value is kept
          for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) if ((r !== a.top || c !== a.left) && this.s.peek(r, c)) this.s.cell(r, c).value = undefined;
        }
      },
      false,
    );
  }
  UnMerge(): void {
    this.write('UnMerge', () => (this.s.merges = this.s.merges.filter((m) => !this.areas.some((a) => meets(m, a)))), false);
  }
  Address(rowAbs = true, colAbs = true): string {
    const one = (r: number, c: number) => `${colAbs ? '$' : ''}${columnName(c)}${rowAbs ? '$' : ''}${r + 1}`;
    return this.areas.map((a) => (a.top === a.bottom && a.left === a.right ? one(a.top, a.left) : `${one(a.top, a.left)}:${one(a.bottom, a.right)}`)).join(',');
  }
  get Row() {
    return this.first.top + 1;
  }
  get Column() {
    return this.first.left + 1;
  }
  get Rows(): WRange {
    const a = this.first;
    const r = new ImRange(this.s, [a]);
    Object.defineProperty(r, 'Count', { value: a.bottom - a.top + 1 });
    return r;
  }
  get Columns(): WRange {
    const a = this.first;
    const r = new ImRange(this.s, [a]);
    Object.defineProperty(r, 'Count', { value: a.right - a.left + 1 });
    return r;
  }
  get Count() {
    return this.areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
  }
  get Areas(): WAreas {
    const s = this.s;
    const areas = this.areas;
    return {
      Count: areas.length,
      Item: (i: number) => new ImRange(s, [areas[i - 1]]),
    };
  }
  get FormatConditions(): WFormatConditions {
    const s = this.s;
    const mine = () => (this.whole ? s.conditions : s.conditions.filter((c) => c.applies.some((a) => this.areas.some((b) => meets(a, b)))));
    const wrap = (cond: ImCondition): WFormatCondition => ({
      Type: cond.type,
      Formula1: cond.formula1,
      Interior: {
        get Color() {
          return cond.color;
        },
        set Color(v: unknown) {
          s.guard();
          cond.color = v;
          s.book.writeLog.push(`${s.name} FormatCondition.Interior.Color`);
        },
      },
      AppliesTo: new ImRange(s, cond.applies),
      Delete: () => {
        s.guard();
        s.conditions = s.conditions.filter((c) => c !== cond);
        s.book.writeLog.push(`${s.name} FormatCondition.Delete`);
        s.book.changed(s, cond.applies);
      },
    });
    return {
      get Count() {
        return mine().length;
      },
      Item(i: number) {
        const c = mine()[i - 1];
        if (!c) throw new Error(`下标越界：${i}`);
        return wrap(c);
      },
      Add: (type: number, _op?: undefined, formula1?: string) => {
        s.guard();
        if (type === 2 && (formula1 === undefined || formula1 === '')) throw new Error('xlExpression 需要 Formula1');
        const cond: ImCondition = { type, formula1: formula1 ?? '', color: WHITE, applies: this.areas.map((a) => ({ ...a })) };
        s.conditions.unshift(cond); // strictest: first
        s.book.writeLog.push(`${s.name}!${this.Address(false, false)} FormatConditions.Add`);
        s.book.changed(s, this.areas);
        return wrap(cond);
      },
    };
  }
  get Interior(): WInterior {
    return interiorOf(this);
  }
  get Font(): WFont {
    return fontOf(this);
  }
  get Borders(): WBorders {
    return bordersOf(this);
  }
  get HorizontalAlignment() {
    return this.uniform((c) => c?.hAlign ?? 1) as number;
  }
  set HorizontalAlignment(v: number | boolean) {
    this.write('HorizontalAlignment', () => this.each((c) => (c.hAlign = v)), false);
  }
  get VerticalAlignment() {
    return this.uniform((c) => c?.vAlign ?? -4107) as number;
  }
  set VerticalAlignment(v: number | boolean) {
    this.write('VerticalAlignment', () => this.each((c) => (c.vAlign = v)), false);
  }
  get WrapText() {
    return this.uniform((c) => c?.wrap ?? false) === true;
  }
  set WrapText(v: boolean) {
    this.write('WrapText', () => this.each((c) => (c.wrap = v)), false);
  }
  get ColumnWidth() {
    return this.s.widths.get(this.first.left) ?? 8.38;
  }
  set ColumnWidth(v: number) {
    this.write('ColumnWidth', () => {
      for (let c = this.first.left; c <= this.first.right; c++) this.s.widths.set(c, v);
    }, false);
  }
  get RowHeight() {
    return this.s.heights.get(this.first.top) ?? 13.5;
  }
  set RowHeight(v: number) {
    this.write('RowHeight', () => {
      for (let r = this.first.top; r <= this.first.bottom; r++) this.s.heights.set(r, v);
    }, false);
  }
  get Validation(): WValidation {
    return validationOf(this);
  }
  Insert(shift?: number): unknown {
    if (shift !== -4121) throw new Error('imitation: only xlShiftDown');
    const a = this.first;
    const n = a.bottom - a.top + 1;
    this.write('Insert', () => {
      for (const m of this.s.merges)
        if (m.bottom >= a.top && m.left <= a.right && m.right >= a.left && (m.left < a.left || m.right > a.right)) throw new Error('不能对合并单元格作部分更改');
      const moved = new Map<string, ImCell>();
      for (const [k, c] of this.s.cells) {
        const [r, col] = k.split(',').map(Number);
        if (col >= a.left && col <= a.right && r >= a.top) moved.set(key(r + n, col), c);
        else moved.set(k, c);
      }
      this.s.cells = moved;
      const down = (m: RangePos): RangePos => (m.left >= a.left && m.right <= a.right && m.top >= a.top ? { ...m, top: m.top + n, bottom: m.bottom + n } : m);
      this.s.merges = this.s.merges.map(down);
      for (const c of this.s.conditions) c.applies = c.applies.map(down);
    });
    return true;
  }
  Select(): unknown {
    this.s.book.selected(this.s, this.areas);
    return true;
  }
}

function interiorOf(r: ImRange): WInterior {
  return {
    get Color() {
      return r.uniform((c) => c?.fill ?? WHITE);
    },
    set Color(v: unknown) {
      r.write('Interior.Color', () => r.each((c) => (c.fill = Number(v))), false);
    },
  };
}

function fontOf(r: ImRange): WFont {
  return {
    get Bold() {
      return r.uniform((c) => c?.bold ?? false) === true;
    },
    set Bold(v: boolean) {
      r.write('Font.Bold', () => r.each((c) => (c.bold = v)), false);
    },
    get Size() {
      return Number(r.uniform((c) => c?.size ?? 11));
    },
    set Size(v: number) {
      r.write('Font.Size', () => r.each((c) => (c.size = v)), false);
    },
  };
}

function bordersOf(r: ImRange): WBorders {
  const get = () => r.uniform((c) => c?.border?.lineStyle ?? -4142);
  return {
    get LineStyle() {
      return get() as number;
    },
    set LineStyle(v: number | boolean) {
      r.write('Borders.LineStyle', () => r.each((c) => (c.border = { lineStyle: v, weight: c.border?.weight ?? 2 })), false);
    },
    get Weight() {
      return Number(r.uniform((c) => c?.border?.weight ?? 2));
    },
    set Weight(v: number) {
      r.write('Borders.Weight', () => r.each((c) => (c.border = { lineStyle: c.border?.lineStyle ?? 1, weight: v })), false);
    },
  };
}

function validationOf(r: ImRange): WValidation {
  const first = () => r.s.peek(r.first.top, r.first.left)?.validation;
  const need = () => {
    const v = first();
    if (!v) throw new Error('该区域没有数据有效性');
    return v;
  };
  const setAll = (f: (v: ImValidation) => void) =>
    r.write('Validation', () =>
      r.each((c) => {
        if (!c.validation) throw new Error('该区域没有数据有效性');
        f(c.validation);
      }), false);
  return {
    Add(type: number, _alert?: number, _op?: number, formula1?: string) {
      r.write('Validation.Add', () =>
        r.each((c) => {
          if (c.validation) throw new Error('该区域已有数据有效性：请先删除');
          c.validation = { type, formula1, inCellDropdown: true, inputTitle: '', inputMessage: '', showInput: true };
        }), false);
    },
    Delete() {
      r.write('Validation.Delete', () => r.each((c) => (c.validation = undefined)), false);
    },
    get InCellDropdown() {
      return need().inCellDropdown;
    },
    set InCellDropdown(v: boolean) {
      setAll((x) => (x.inCellDropdown = v));
    },
    get InputTitle() {
      return need().inputTitle;
    },
    set InputTitle(v: string) {
      setAll((x) => (x.inputTitle = v));
    },
    get InputMessage() {
      return need().inputMessage;
    },
    set InputMessage(v: string) {
      setAll((x) => (x.inputMessage = v));
    },
    get ShowInput() {
      return need().showInput;
    },
    set ShowInput(v: boolean) {
      setAll((x) => (x.showInput = v));
    },
  };
}

/** A1 range text of areas (for test assertions). */
export function areasText(areas: RangePos[]): string {
  return areas.map((a) => rangeToA1(a)).join(',');
}

export { toA1 };
