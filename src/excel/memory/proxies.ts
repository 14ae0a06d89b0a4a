/**
 * Office.js-shaped proxy objects over a MemoryWorkbook. Like Office.js: every call only queues a
 * command; `context.sync()` runs the queue in order (a load sees the state at its place in the
 * queue); reading a property that was not loaded and synced throws PropertyNotLoaded; a failing
 * command rejects the sync and drops the rest of the queue (what ran before it stays, as in Excel);
 * change events are delivered after the sync, never inside it.
 */
import { parseA1, parseRange, rangeToA1, type RangePos } from '../../domain/address';
import type {
  XBorderIndex,
  XCellProperties,
  XCellPropertiesBorder,
  XCellPropertiesFont,
  XCellPropertiesFormat,
  XCellPropertiesLoadOptions,
  XChangedEventArgs,
  XClientResult,
  XDataValidation,
  XDataValidationPrompt,
  XDataValidationRule,
  XEventHandlerResult,
  XEventHandlers,
  XNote,
  XNoteCollection,
  XRange,
  XRangeAreas,
  XRangeBorder,
  XRangeBorderCollection,
  XRangeFill,
  XRangeFont,
  XRangeFormat,
  XRequestContext,
  XSelectionChangedEventArgs,
  XSetting,
  XSettingCollection,
  XValue,
  XWorkbook,
  XWorksheet,
  XWorksheetCollection,
  XWorksheetProtection,
} from '../api';
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  MAX_COLS,
  MAX_ROWS,
  MemoryExcelError,
  NO_FILL,
  coerceInput,
  newCell,
  sheetAddress,
  type CellState,
  type EdgeName,
  type MemoryWorkbook,
  type SheetState,
} from './state';

type Op = () => void;

export class MemoryRequestContext implements XRequestContext {
  private queue: Op[] = [];
  readonly workbook: MemWorkbookProxy;

  constructor(readonly wb: MemoryWorkbook) {
    this.workbook = new MemWorkbookProxy(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    this.wb.syncCount++;
    const ops = this.queue.splice(0);
    await Promise.resolve(); // the round trip
    const fault = this.wb.takeFault(ops.length);
    ops.forEach((op, i) => {
      if (fault !== undefined && i === fault) throw new MemoryExcelError('GeneralException', '注入的故障：批处理在中途失败（之前的命令已生效，与 Excel 相同）');
      op();
    });
  }
}

function notLoaded(prop: string): MemoryExcelError {
  return new MemoryExcelError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function apiNotFound(what: string, minor: number): MemoryExcelError {
  return new MemoryExcelError('ApiNotFound', `${what} requires ExcelApi 1.${minor}`);
}

function splitNames(propertyNames?: string | string[]): string[] | undefined {
  if (propertyNames === undefined) return undefined;
  const list = Array.isArray(propertyNames) ? propertyNames : propertyNames.split(',');
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Base of every proxy: a target resolved inside sync, and the properties loaded from it. */
abstract class ClientObj<T> {
  protected target: T | null | undefined = undefined;
  private readonly loaded = new Map<string, unknown>();
  protected abstract readonly scalarProps: readonly string[];

  constructor(
    readonly context: MemoryRequestContext,
    resolve: (() => T | null) | null,
  ) {
    if (resolve)
      context.enqueue(() => {
        this.target = resolve();
      });
  }

  /** internal: an item of a loaded collection gets its target (and loads) inside the collection's command */
  adopt(target: T, props: string[]): this {
    this.target = target;
    for (const p of props) this.loadOne(p);
    return this;
  }

  get isNullObject(): boolean {
    if (this.target === undefined) throw notLoaded('isNullObject');
    return this.target === null;
  }

  /** the target inside a command; a null object cannot be used */
  need(): T {
    if (this.target === undefined || this.target === null)
      throw new MemoryExcelError('InvalidObjectPath', 'The object path is not valid (null object or not yet resolved).');
    return this.target;
  }

  protected abstract read(prop: string): unknown;

  protected loadProps(propertyNames?: string | string[]): void {
    const names = splitNames(propertyNames) ?? [...this.scalarProps];
    this.context.enqueue(() => {
      if (this.target === null || this.target === undefined) return;
      for (const n of names) this.loadOne(n);
    });
  }

  protected loadOne(name: string): void {
    const slash = name.indexOf('/');
    if (slash >= 0) {
      const head = name.slice(0, slash);
      const child = this.child(head);
      if (!child) throw new MemoryExcelError('InvalidArgument', `Cannot load '${name}'`);
      child.loadNow(name.slice(slash + 1));
      return;
    }
    if (!this.scalarProps.includes(name)) throw new MemoryExcelError('PropertyNotLoaded', `Cannot load property '${name}'`);
    this.loaded.set(name, this.read(name));
  }

  /** navigation for `load('format/fill/color')` */
  protected child(_name: string): ClientObj<unknown> | undefined {
    return undefined;
  }

  /** called from inside a command: resolve now (the parent is resolved) and load */
  loadNow(names: string): void {
    this.refresh();
    if (this.target === null || this.target === undefined) return;
    this.loadOne(names);
  }

  /** children resolve from their parent; called inside commands */
  protected refresh(): void {}

  protected get<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected setLoaded(prop: string, v: unknown): void {
    this.loaded.set(prop, v);
  }

  protected queueWrite(f: (t: T) => void): void {
    this.context.enqueue(() => f(this.need()));
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: SheetState;
  pos: RangePos;
}

function forCells(t: RangeTarget, f: (c: CellState, row: number, col: number) => void): void {
  for (let row = t.pos.top; row <= t.pos.bottom; row++) for (let col = t.pos.left; col <= t.pos.right; col++) f(t.sheet.cell(row, col), row, col);
}

/** Excel returns a property of a multi-cell range only when every cell agrees (else null). */
function common<V>(t: RangeTarget, f: (c: CellState | undefined) => V): V | null {
  let first = true;
  let v: V | null = null;
  for (let row = t.pos.top; row <= t.pos.bottom; row++)
    for (let col = t.pos.left; col <= t.pos.right; col++) {
      const x = f(t.sheet.peek(row, col));
      if (first) {
        v = x;
        first = false;
      } else if (JSON.stringify(x) !== JSON.stringify(v)) return null;
    }
  return v;
}

function assertProtected(t: RangeTarget): void {
  if (t.sheet.protected) throw new MemoryExcelError('AccessDenied', `工作表“${t.sheet.name}”受保护，无法修改`);
}

function checkBounds(pos: RangePos): void {
  if (pos.top < 0 || pos.left < 0 || pos.bottom >= MAX_ROWS || pos.right >= MAX_COLS)
    throw new MemoryExcelError('InvalidArgument', `区域超出工作表范围：${pos.top},${pos.left}–${pos.bottom},${pos.right}`);
}

export class MemRange extends ClientObj<RangeTarget> implements XRange {
  protected readonly scalarProps = ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values', 'numberFormat', 'formulas'] as const;
  private fmt?: MemFormat;
  private dv?: MemValidation;

  constructor(context: MemoryRequestContext, resolve: () => RangeTarget | null) {
    super(context, resolve);
  }

  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get values(): XValue[][] {
    return this.get('values');
  }
  set values(v: XValue[][]) {
    this.writeCells(v, 'values');
  }
  get formulas(): XValue[][] {
    return this.get('formulas');
  }
  set formulas(v: XValue[][]) {
    this.writeCells(v, 'formulas');
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.queueWrite((t) => {
      assertProtected(t);
      this.checkShape(t, v);
      forCells(t, (c, row, col) => {
        const f = v[row - t.pos.top][col - t.pos.left];
        if (f !== null && f !== undefined) c.numberFormat = f;
      });
    });
  }

  private checkShape(t: RangeTarget, v: unknown[][]): void {
    const rows = t.pos.bottom - t.pos.top + 1;
    const cols = t.pos.right - t.pos.left + 1;
    if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols))
      throw new MemoryExcelError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`);
  }

  private writeCells(v: XValue[][], _kind: 'values' | 'formulas'): void {
    this.queueWrite((t) => {
      assertProtected(t);
      this.checkShape(t, v);
      forCells(t, (c, row, col) => {
        const x = v[row - t.pos.top][col - t.pos.left];
        if (x === null || x === undefined) return; // null leaves the cell unchanged
        const m = t.sheet.mergeAt(row, col);
        if (m && (m.top !== row || m.left !== col)) return; // only the top-left cell of a merge holds a value
        c.value = coerceInput(x, c);
      });
      this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin');
    });
  }

  protected read(prop: string): unknown {
    const t = this.need();
    const { top, left, bottom, right } = t.pos;
    switch (prop) {
      case 'address':
        return sheetAddress(t.sheet.name, t.pos);
      case 'rowIndex':
        return top;
      case 'columnIndex':
        return left;
      case 'rowCount':
        return bottom - top + 1;
      case 'columnCount':
        return right - left + 1;
      case 'values':
      case 'formulas':
      case 'numberFormat': {
        const out: unknown[][] = [];
        for (let row = top; row <= bottom; row++) {
          const line: unknown[] = [];
          for (let col = left; col <= right; col++) {
            const c = t.sheet.peek(row, col);
            line.push(prop === 'numberFormat' ? (c?.numberFormat ?? 'General') : (c?.value ?? ''));
          }
          out.push(line);
        }
        return out;
      }
    }
    throw notLoaded(prop);
  }

  protected override child(name: string): ClientObj<unknown> | undefined {
    if (name === 'format') return this.format as unknown as ClientObj<unknown>;
    return undefined;
  }

  get format(): XRangeFormat {
    this.fmt ??= new MemFormat(this.context, this);
    return this.fmt;
  }

  get dataValidation(): XDataValidation {
    this.dv ??= new MemValidation(this.context, this);
    return this.dv;
  }

  get worksheet(): XWorksheet {
    return new MemWorksheet(this.context, () => this.need().sheet);
  }

  merge(across = false): void {
    this.queueWrite((t) => {
      assertProtected(t);
      this.context.wb.mergeArea(t.sheet, t.pos, across);
    });
  }

  /** ExcelApi 1.1; only `Down` is implemented (see SheetState.insertDown) */
  insert(shift: 'Down' | 'Right'): XRange {
    this.queueWrite((t) => {
      assertProtected(t);
      if (shift !== 'Down') throw new MemoryExcelError('InvalidArgument', '内存 Excel 只实现了向下移动的插入（InsertShiftDirection.down）');
      t.sheet.insertDown(t.pos);
      this.context.wb.emitChanged(t.sheet, { ...t.pos, bottom: MAX_ROWS - 1 }, 'ThisLocalAddin');
    });
    return new MemRange(this.context, () => this.need());
  }

  unmerge(): void {
    this.queueWrite((t) => {
      assertProtected(t);
      t.sheet.merges = t.sheet.merges.filter((m) => m.bottom < t.pos.top || m.top > t.pos.bottom || m.right < t.pos.left || m.left > t.pos.right);
    });
  }

  clear(applyTo = 'All'): void {
    this.queueWrite((t) => {
      assertProtected(t);
      const contents = applyTo === 'All' || applyTo === 'Contents';
      const formats = applyTo === 'All' || applyTo === 'Formats';
      forCells(t, (c, row, col) => {
        if (contents) c.value = '';
        if (formats) {
          const fresh = newCell();
          fresh.value = c.value;
          t.sheet.cells.set(t.sheet.key(row, col), fresh);
        }
      });
      if (contents) this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin');
    });
  }

  select(): void {
    this.queueWrite((t) => {
      const wb = this.context.wb;
      if (wb.activeSheetId !== t.sheet.id) throw new MemoryExcelError('InvalidSelection', '只能在活动工作表上选择区域（请先 activate）');
      wb.selection = { sheetId: t.sheet.id, range: { ...t.pos } };
      wb.activeSheetId = t.sheet.id;
      wb.emitSelection(t.sheet, t.pos);
    });
  }

  getMergedAreasOrNullObject(): XRangeAreas {
    if (!this.context.wb.supports(13)) throw apiNotFound('Range.getMergedAreasOrNullObject', 13);
    return new MemAreas(this.context, () => {
      const t = this.need();
      const areas = t.sheet.merges.filter(
        (m) => !(m.bottom < t.pos.top || m.top > t.pos.bottom || m.right < t.pos.left || m.left > t.pos.right),
      );
      return areas.length ? { sheet: t.sheet, areas } : null;
    });
  }

  getCellProperties(options: XCellPropertiesLoadOptions): XClientResult<XCellProperties[][]> {
    if (!this.context.wb.supports(9)) throw apiNotFound('Range.getCellProperties', 9);
    const result = new MemClientResult<XCellProperties[][]>();
    this.context.enqueue(() => {
      const t = this.need();
      const rows: XCellProperties[][] = [];
      for (let row = t.pos.top; row <= t.pos.bottom; row++) {
        const line: XCellProperties[] = [];
        for (let col = t.pos.left; col <= t.pos.right; col++) {
          const c = t.sheet.peek(row, col);
          const fill = c?.fill ?? NO_FILL;
          const p: XCellProperties = {};
          if (options.address) p.address = sheetAddress(t.sheet.name, { top: row, left: col, bottom: row, right: col });
          const o = options.format;
          if (o) {
            const fmt: XCellPropertiesFormat = {};
            const cell = c ?? newCell();
            if (o.fill) {
              const fo = o.fill;
              const f: NonNullable<XCellPropertiesFormat['fill']> = {};
              if (fo.color) f.color = fill.color ?? '#FFFFFF';
              if (fo.pattern) f.pattern = fill.pattern;
              if (fo.patternColor) f.patternColor = fill.patternColor ?? '#000000';
              if (fo.tintAndShade) f.tintAndShade = 0;
              fmt.fill = f;
            }
            if (o.font) {
              const f: XCellPropertiesFont = {};
              for (const k of ['bold', 'color', 'italic', 'name', 'size'] as const) if (o.font[k]) (f as Record<string, unknown>)[k] = cell.font[k];
              fmt.font = f;
            }
            if (o.borders) {
              const bo = o.borders;
              const edge = (name: EdgeName): XCellPropertiesBorder => {
                const b = cell.borders[name];
                const out: XCellPropertiesBorder = {};
                if (bo.style) out.style = b?.style ?? 'None';
                if (bo.color) out.color = b?.color ?? '#000000';
                if (bo.weight) out.weight = b?.weight ?? 'Thin';
                return out;
              };
              fmt.borders = { top: edge('EdgeTop'), bottom: edge('EdgeBottom'), left: edge('EdgeLeft'), right: edge('EdgeRight') };
            }
            if (o.wrapText) fmt.wrapText = cell.wrapText;
            if (o.horizontalAlignment) fmt.horizontalAlignment = cell.horizontalAlignment;
            if (o.verticalAlignment) fmt.verticalAlignment = cell.verticalAlignment;
            if (o.rowHeight) fmt.rowHeight = t.sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
            if (o.columnWidth) fmt.columnWidth = t.sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
            if (o.useStandardHeight) fmt.useStandardHeight = !t.sheet.rowHeights.has(row);
            if (o.useStandardWidth) fmt.useStandardWidth = !t.sheet.columnWidths.has(col);
            p.format = fmt;
          }
          line.push(p);
        }
        rows.push(line);
      }
      result.set(rows);
    });
    return result;
  }

  getRowsBelow(count = 1): XRange {
    return new MemRange(this.context, () => {
      const t = this.need();
      const pos = { top: t.pos.bottom + 1, left: t.pos.left, bottom: t.pos.bottom + count, right: t.pos.right };
      if (count < 1) throw new MemoryExcelError('InvalidArgument', '行数必须至少为 1');
      checkBounds(pos);
      return { sheet: t.sheet, pos };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): XRange {
    return new MemRange(this.context, () => {
      const t = this.need();
      const u = t.sheet.usedRange(valuesOnly);
      if (!u) return null;
      const pos = {
        top: Math.max(u.top, t.pos.top),
        left: Math.max(u.left, t.pos.left),
        bottom: Math.min(u.bottom, t.pos.bottom),
        right: Math.min(u.right, t.pos.right),
      };
      return pos.top > pos.bottom || pos.left > pos.right ? null : { sheet: t.sheet, pos };
    });
  }

  load(propertyNames?: string | string[]): XRange {
    this.loadProps(propertyNames);
    return this;
  }
}

export class MemClientResult<T> implements XClientResult<T> {
  private v: T | undefined;
  private done = false;
  set(v: T): void {
    this.v = v;
    this.done = true;
  }
  get value(): T {
    if (!this.done) throw notLoaded('value');
    return this.v as T;
  }
}

/** Sub-objects of a range (format, fill, font, border, data validation) resolve from it. */
abstract class RangePart<T> extends ClientObj<T> {
  constructor(
    context: MemoryRequestContext,
    protected readonly range: MemRange,
    private readonly derive: (t: RangeTarget) => T,
  ) {
    super(context, () => derive(range.need()));
  }
  protected override refresh(): void {
    this.target = this.derive(this.range.need());
  }
}

export class MemFormat extends RangePart<RangeTarget> implements XRangeFormat {
  protected readonly scalarProps = ['wrapText', 'horizontalAlignment', 'verticalAlignment', 'columnWidth', 'rowHeight', 'useStandardHeight', 'useStandardWidth'] as const;
  private fillP?: MemFill;
  private fontP?: MemFont;
  private bordersP?: MemBorders;

  constructor(context: MemoryRequestContext, range: MemRange) {
    super(context, range, (t) => t);
  }

  get fill(): XRangeFill {
    this.fillP ??= new MemFill(this.context, this.range);
    return this.fillP;
  }
  get font(): XRangeFont {
    this.fontP ??= new MemFont(this.context, this.range);
    return this.fontP;
  }
  get borders(): XRangeBorderCollection {
    this.bordersP ??= new MemBorders(this.range);
    return this.bordersP;
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    if (name === 'fill') return this.fill as unknown as ClientObj<unknown>;
    if (name === 'font') return this.font as unknown as ClientObj<unknown>;
    return undefined;
  }
  get wrapText(): boolean {
    return this.get('wrapText');
  }
  set wrapText(v: boolean) {
    this.queueWrite((t) => forCells(t, (c) => (c.wrapText = v)));
  }
  get horizontalAlignment(): string {
    return this.get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this.queueWrite((t) => forCells(t, (c) => (c.horizontalAlignment = v)));
  }
  get verticalAlignment(): string {
    return this.get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this.queueWrite((t) => forCells(t, (c) => (c.verticalAlignment = v)));
  }
  get columnWidth(): number {
    return this.get('columnWidth');
  }
  set columnWidth(v: number) {
    this.queueWrite((t) => {
      for (let col = t.pos.left; col <= t.pos.right; col++) t.sheet.columnWidths.set(col, v);
    });
  }
  get rowHeight(): number {
    return this.get('rowHeight');
  }
  set rowHeight(v: number) {
    this.queueWrite((t) => {
      for (let row = t.pos.top; row <= t.pos.bottom; row++) t.sheet.rowHeights.set(row, v);
    });
  }
  get useStandardHeight(): boolean {
    return this.get('useStandardHeight');
  }
  set useStandardHeight(v: boolean) {
    this.queueWrite((t) => {
      if (v) for (let row = t.pos.top; row <= t.pos.bottom; row++) t.sheet.rowHeights.delete(row);
    });
  }
  get useStandardWidth(): boolean {
    return this.get('useStandardWidth');
  }
  set useStandardWidth(v: boolean) {
    this.queueWrite((t) => {
      if (v) for (let col = t.pos.left; col <= t.pos.right; col++) t.sheet.columnWidths.delete(col);
    });
  }
  protected read(prop: string): unknown {
    const t = this.need();
    switch (prop) {
      case 'useStandardHeight':
        return [...Array(t.pos.bottom - t.pos.top + 1).keys()].every((i) => !t.sheet.rowHeights.has(t.pos.top + i));
      case 'useStandardWidth':
        return [...Array(t.pos.right - t.pos.left + 1).keys()].every((i) => !t.sheet.columnWidths.has(t.pos.left + i));
      case 'rowHeight': {
        const h = new Set<number>();
        for (let row = t.pos.top; row <= t.pos.bottom; row++) h.add(t.sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT);
        return h.size === 1 ? [...h][0] : null;
      }
      case 'wrapText':
        return common(t, (c) => c?.wrapText ?? false);
      case 'horizontalAlignment':
        return common(t, (c) => c?.horizontalAlignment ?? 'General');
      case 'verticalAlignment':
        return common(t, (c) => c?.verticalAlignment ?? 'Bottom');
      case 'columnWidth': {
        const w = new Set<number>();
        for (let col = t.pos.left; col <= t.pos.right; col++) w.add(t.sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH);
        return w.size === 1 ? [...w][0] : null;
      }
    }
    throw notLoaded(prop);
  }
  load(propertyNames?: string | string[]): XRangeFormat {
    this.loadProps(propertyNames);
    return this;
  }
}

export class MemFill extends RangePart<RangeTarget> implements XRangeFill {
  protected readonly scalarProps = ['color', 'pattern', 'patternColor'] as const;
  constructor(context: MemoryRequestContext, range: MemRange) {
    super(context, range, (t) => t);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.queueWrite((t) =>
      forCells(t, (c) => {
        c.fill = { ...c.fill, color: v.toUpperCase(), pattern: c.fill.pattern === 'None' ? 'Solid' : c.fill.pattern };
      }),
    );
  }
  get pattern(): string {
    return this.get('pattern');
  }
  set pattern(v: string) {
    this.queueWrite((t) =>
      forCells(t, (c) => {
        c.fill = v === 'None' ? { ...NO_FILL } : { ...c.fill, pattern: v, color: c.fill.color ?? '#FFFFFF' };
      }),
    );
  }
  get patternColor(): string {
    return this.get('patternColor');
  }
  set patternColor(v: string) {
    this.queueWrite((t) => forCells(t, (c) => (c.fill = { ...c.fill, patternColor: v.toUpperCase() })));
  }
  clear(): void {
    this.queueWrite((t) => forCells(t, (c) => (c.fill = { ...NO_FILL })));
  }
  protected read(prop: string): unknown {
    const t = this.need();
    switch (prop) {
      case 'color':
        return common(t, (c) => c?.fill.color ?? '#FFFFFF'); // Excel reports no fill as white
      case 'pattern':
        return common(t, (c) => c?.fill.pattern ?? 'None');
      case 'patternColor':
        return common(t, (c) => c?.fill.patternColor ?? '#000000');
    }
    throw notLoaded(prop);
  }
  load(propertyNames?: string | string[]): XRangeFill {
    this.loadProps(propertyNames);
    return this;
  }
}

export class MemFont extends RangePart<RangeTarget> implements XRangeFont {
  protected readonly scalarProps = ['bold', 'color', 'italic', 'name', 'size'] as const;
  constructor(context: MemoryRequestContext, range: MemRange) {
    super(context, range, (t) => t);
  }
  private setFont<K extends keyof CellState['font']>(k: K, v: CellState['font'][K]): void {
    this.queueWrite((t) => forCells(t, (c) => (c.font = { ...c.font, [k]: v })));
  }
  get bold(): boolean {
    return this.get('bold');
  }
  set bold(v: boolean) {
    this.setFont('bold', v);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.setFont('color', v.toUpperCase());
  }
  get italic(): boolean {
    return this.get('italic');
  }
  set italic(v: boolean) {
    this.setFont('italic', v);
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.setFont('name', v);
  }
  get size(): number {
    return this.get('size');
  }
  set size(v: number) {
    this.setFont('size', v);
  }
  protected read(prop: string): unknown {
    const t = this.need();
    const k = prop as keyof CellState['font'];
    if (!this.scalarProps.includes(prop as never)) throw notLoaded(prop);
    return common(t, (c) => (c ? c.font[k] : { name: '等线', size: 11, color: '#000000', bold: false, italic: false }[k]));
  }
  load(propertyNames?: string | string[]): XRangeFont {
    this.loadProps(propertyNames);
    return this;
  }
}

class MemBorders implements XRangeBorderCollection {
  constructor(private readonly range: MemRange) {}
  getItem(index: XBorderIndex): XRangeBorder {
    return new MemBorder(this.range.context, this.range, index);
  }
}

/** which cell edges a border index of a range touches */
function edgesOf(t: RangeTarget, index: XBorderIndex): { row: number; col: number; edge: EdgeName }[] {
  const out: { row: number; col: number; edge: EdgeName }[] = [];
  const { top, left, bottom, right } = t.pos;
  for (let row = top; row <= bottom; row++)
    for (let col = left; col <= right; col++) {
      if (index === 'EdgeTop' && row === top) out.push({ row, col, edge: 'EdgeTop' });
      if (index === 'EdgeBottom' && row === bottom) out.push({ row, col, edge: 'EdgeBottom' });
      if (index === 'EdgeLeft' && col === left) out.push({ row, col, edge: 'EdgeLeft' });
      if (index === 'EdgeRight' && col === right) out.push({ row, col, edge: 'EdgeRight' });
      if (index === 'InsideHorizontal') {
        if (row < bottom) out.push({ row, col, edge: 'EdgeBottom' });
        if (row > top) out.push({ row, col, edge: 'EdgeTop' });
      }
      if (index === 'InsideVertical') {
        if (col < right) out.push({ row, col, edge: 'EdgeRight' });
        if (col > left) out.push({ row, col, edge: 'EdgeLeft' });
      }
    }
  return out;
}

export class MemBorder extends RangePart<RangeTarget> implements XRangeBorder {
  protected readonly scalarProps = ['style', 'color', 'weight'] as const;
  constructor(
    context: MemoryRequestContext,
    range: MemRange,
    private readonly index: XBorderIndex,
  ) {
    super(context, range, (t) => t);
  }
  private setEdge(k: 'style' | 'color' | 'weight', v: string): void {
    this.queueWrite((t) => {
      for (const e of edgesOf(t, this.index)) {
        const c = t.sheet.cell(e.row, e.col);
        if (k === 'style' && v === 'None') {
          delete c.borders[e.edge];
          continue;
        }
        const b = c.borders[e.edge] ?? { style: 'Continuous', color: '#000000', weight: 'Thin' };
        c.borders[e.edge] = { ...b, [k]: k === 'color' ? v.toUpperCase() : v };
      }
    });
  }
  get style(): string {
    return this.get('style');
  }
  set style(v: string) {
    this.setEdge('style', v);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.setEdge('color', v);
  }
  get weight(): string {
    return this.get('weight');
  }
  set weight(v: string) {
    this.setEdge('weight', v);
  }
  protected read(prop: string): unknown {
    const t = this.need();
    const vals = new Set(
      edgesOf(t, this.index).map((e) => {
        const b = t.sheet.peek(e.row, e.col)?.borders[e.edge];
        if (prop === 'style') return b?.style ?? 'None';
        if (prop === 'color') return b?.color ?? '#000000';
        return b?.weight ?? 'Thin';
      }),
    );
    return vals.size === 1 ? [...vals][0] : null;
  }
  load(propertyNames?: string | string[]): XRangeBorder {
    this.loadProps(propertyNames);
    return this;
  }
}

export class MemValidation extends RangePart<RangeTarget> implements XDataValidation {
  protected readonly scalarProps = ['rule', 'type', 'prompt'] as const;
  constructor(context: MemoryRequestContext, range: MemRange) {
    super(context, range, (t) => t);
  }
  get rule(): XDataValidationRule {
    return this.get('rule');
  }
  set rule(v: XDataValidationRule) {
    this.queueWrite((t) => {
      assertProtected(t);
      if (!v.list || typeof v.list.source !== 'string') throw new MemoryExcelError('InvalidArgument', '内存 Excel 只支持列表型数据验证（source 为文本）');
      const list = { inCellDropDown: v.list.inCellDropDown, source: v.list.source };
      forCells(t, (c) => (c.validation = { ...c.validation, list: { ...list } }));
    });
  }
  get prompt(): XDataValidationPrompt {
    return this.get('prompt');
  }
  set prompt(v: XDataValidationPrompt) {
    this.queueWrite((t) => {
      assertProtected(t);
      if (v.title.length > 32 || v.message.length > 255) throw new MemoryExcelError('InvalidArgument', '输入信息的标题不超过 32 个字符、内容不超过 255 个字符');
      forCells(t, (c) => (c.validation = { ...c.validation, prompt: { showPrompt: v.showPrompt, title: v.title, message: v.message } }));
    });
  }
  get type(): string {
    return this.get('type');
  }
  clear(): void {
    this.queueWrite((t) => forCells(t, (c) => delete c.validation));
  }
  protected read(prop: string): unknown {
    const t = this.need();
    if (prop === 'prompt') return common(t, (c) => c?.validation?.prompt ?? { showPrompt: false, title: '', message: '' }) ?? { showPrompt: false, title: '', message: '' };
    if (prop === 'type') {
      const v = common(t, (c) => (c?.validation?.list ? 'List' : 'None'));
      return v ?? 'Inconsistent';
    }
    if (prop === 'rule') return common(t, (c) => (c?.validation?.list ? { list: { ...c.validation.list } } : {})) ?? {};
    throw notLoaded(prop);
  }
  load(propertyNames?: string | string[]): XDataValidation {
    this.loadProps(propertyNames);
    return this;
  }
}

export class MemAreas extends ClientObj<{ sheet: SheetState; areas: RangePos[] }> implements XRangeAreas {
  protected readonly scalarProps = ['address', 'areaCount'] as const;
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  protected read(prop: string): unknown {
    const t = this.need();
    if (prop === 'address') return t.areas.map((a) => sheetAddress(t.sheet.name, a)).join(', ');
    if (prop === 'areaCount') return t.areas.length;
    throw notLoaded(prop);
  }
  load(propertyNames?: string | string[]): XRangeAreas {
    this.loadProps(propertyNames);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

export class MemWorksheet extends ClientObj<SheetState> implements XWorksheet {
  protected readonly scalarProps = ['id', 'name'] as const;

  get id(): string {
    return this.get('id');
  }
  get name(): string {
    return this.get('name');
  }
  get notes(): XNoteCollection {
    if (!this.context.wb.supports(18)) throw apiNotFound('Worksheet.notes', 18);
    return new MemNotes(this.context, () => ({ scope: this.need() }));
  }
  get protection(): XWorksheetProtection {
    return new MemProtection(this.context, () => this.need());
  }
  activate(): void {
    this.queueWrite((s) => {
      const wb = this.context.wb;
      if (wb.activeSheetId !== s.id) {
        wb.activeSheetId = s.id;
        wb.selection = { sheetId: s.id, range: { top: 0, left: 0, bottom: 0, right: 0 } };
      }
    });
  }
  getRange(address?: string): XRange {
    return new MemRange(this.context, () => {
      const sheet = this.need();
      let pos: RangePos;
      try {
        pos = address === undefined ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseRange(address);
      } catch {
        throw new MemoryExcelError('InvalidArgument', `无效的区域地址：${address}`);
      }
      checkBounds(pos);
      return { sheet, pos };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XRange {
    return new MemRange(this.context, () => {
      const pos = { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
      if (rowCount < 1 || columnCount < 1) throw new MemoryExcelError('InvalidArgument', '行数和列数必须至少为 1');
      checkBounds(pos);
      return { sheet: this.need(), pos };
    });
  }
  getUsedRange(valuesOnly = false): XRange {
    return new MemRange(this.context, () => {
      const sheet = this.need();
      return { sheet, pos: sheet.usedRange(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): XRange {
    return new MemRange(this.context, () => {
      const sheet = this.need();
      const pos = sheet.usedRange(valuesOnly);
      return pos ? { sheet, pos } : null;
    });
  }
  protected read(prop: string): unknown {
    const s = this.need();
    if (prop === 'id') return s.id;
    if (prop === 'name') return s.name;
    throw notLoaded(prop);
  }
  load(propertyNames?: string | string[]): XWorksheet {
    this.loadProps(propertyNames);
    return this;
  }
}

class MemProtection extends ClientObj<SheetState> implements XWorksheetProtection {
  protected readonly scalarProps = ['protected'] as const;
  get protected(): boolean {
    return this.get('protected');
  }
  protected read(prop: string): unknown {
    if (prop === 'protected') return this.need().protected;
    throw notLoaded(prop);
  }
  load(propertyNames?: string | string[]): XWorksheetProtection {
    this.loadProps(propertyNames);
    return this;
  }
}

class MemEventHandlers<A> implements XEventHandlers<A> {
  constructor(
    private readonly context: MemoryRequestContext,
    private readonly set: Set<(a: A) => Promise<unknown>>,
  ) {}
  add(handler: (args: A) => Promise<unknown>): XEventHandlerResult {
    const ctx = this.context;
    const set = this.set;
    ctx.enqueue(() => set.add(handler));
    return {
      context: ctx,
      remove: () => ctx.enqueue(() => set.delete(handler)),
    };
  }
}

export class MemWorksheets extends ClientObj<MemoryWorkbook> implements XWorksheetCollection {
  protected readonly scalarProps = ['items'] as const;

  get items(): XWorksheet[] {
    return this.get('items');
  }
  get onChanged(): XEventHandlers<XChangedEventArgs> {
    if (!this.context.wb.supports(9)) throw apiNotFound('WorksheetCollection.onChanged', 9);
    return new MemEventHandlers(this.context, this.context.wb.changedListeners);
  }
  get onSelectionChanged(): XEventHandlers<XSelectionChangedEventArgs> {
    if (!this.context.wb.supports(9)) throw apiNotFound('WorksheetCollection.onSelectionChanged', 9);
    return new MemEventHandlers(this.context, this.context.wb.selectionListeners);
  }
  getItem(key: string): XWorksheet {
    return new MemWorksheet(this.context, () => this.need().sheet(key));
  }
  getItemOrNullObject(key: string): XWorksheet {
    return new MemWorksheet(this.context, () => this.need().findSheet(key) ?? null);
  }
  getActiveWorksheet(): XWorksheet {
    return new MemWorksheet(this.context, () => this.need().activeSheet());
  }
  protected override loadOne(name: string): void {
    const [head, sub] = name.split('/', 2);
    if (head !== 'items') throw new MemoryExcelError('InvalidArgument', `Cannot load '${name}'`);
    const wb = this.need();
    const prev = this.peekItems();
    const props = (sub ?? 'id,name').split(',').map((p) => p.trim());
    const items = wb.sheets.map((s, i) => (prev?.[i] ?? new MemWorksheet(this.context, null)).adopt(s, props));
    this.setLoaded('items', items);
  }
  private peekItems(): MemWorksheet[] | undefined {
    try {
      return this.get<MemWorksheet[]>('items');
    } catch {
      return undefined;
    }
  }
  protected read(_prop: string): unknown {
    return undefined;
  }
  load(propertyNames?: string | string[]): XWorksheetCollection {
    this.loadProps(propertyNames);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Notes (ExcelApi 1.18)

interface NoteTarget {
  sheet: SheetState;
  row: number;
  col: number;
}

function noteKey(t: NoteTarget): string {
  return `${t.row},${t.col}`;
}

export class MemNote extends ClientObj<NoteTarget> implements XNote {
  protected readonly scalarProps = ['content', 'authorName'] as const;
  get content(): string {
    return this.get('content');
  }
  set content(v: string) {
    this.queueWrite((t) => {
      const n = t.sheet.notes.get(noteKey(t));
      if (!n) throw new MemoryExcelError('ItemNotFound', '批注不存在');
      n.content = v;
    });
  }
  delete(): void {
    this.queueWrite((t) => {
      t.sheet.notes.delete(noteKey(t));
    });
  }
  getLocation(): XRange {
    return new MemRange(this.context, () => {
      const t = this.need();
      return { sheet: t.sheet, pos: { top: t.row, left: t.col, bottom: t.row, right: t.col } };
    });
  }
  protected read(prop: string): unknown {
    const t = this.need();
    const n = t.sheet.notes.get(noteKey(t));
    if (!n) throw new MemoryExcelError('ItemNotFound', '批注不存在');
    return prop === 'content' ? n.content : n.authorName;
  }
  load(propertyNames?: string | string[]): XNote {
    this.loadProps(propertyNames);
    return this;
  }
}

type NoteScope = { scope: SheetState | MemoryWorkbook };

export class MemNotes extends ClientObj<NoteScope> implements XNoteCollection {
  protected readonly scalarProps = ['items'] as const;

  private locate(key: string): NoteTarget {
    const { scope } = this.need();
    const wb = this.context.wb;
    let sheet: SheetState;
    let cell = key;
    const bang = key.lastIndexOf('!');
    if (bang >= 0) {
      sheet = wb.sheet(key.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'"));
      cell = key.slice(bang + 1);
    } else if (scope instanceof Object && 'cells' in scope) {
      sheet = scope as SheetState;
    } else {
      sheet = wb.activeSheet();
    }
    const p = parseA1(cell.split(':')[0]);
    return { sheet, row: p.row, col: p.col };
  }

  get items(): XNote[] {
    return this.get('items');
  }
  add(cellAddress: XRange | string, content: string): XNote {
    return new MemNote(this.context, () => {
      let t: NoteTarget;
      if (typeof cellAddress === 'string') t = this.locate(cellAddress);
      else {
        const r = (cellAddress as MemRange).need();
        t = { sheet: r.sheet, row: r.pos.top, col: r.pos.left };
      }
      if (t.sheet.notes.has(noteKey(t))) throw new MemoryExcelError('InvalidArgument', `单元格${rangeToA1({ top: t.row, left: t.col, bottom: t.row, right: t.col })}已有批注`);
      t.sheet.notes.set(noteKey(t), { content, authorName: 'jxmb' });
      return t;
    });
  }
  getItemOrNullObject(key: string): XNote {
    return new MemNote(this.context, () => {
      const t = this.locate(key);
      return t.sheet.notes.has(noteKey(t)) ? t : null;
    });
  }
  protected override loadOne(name: string): void {
    const [head, sub] = name.split('/', 2);
    if (head !== 'items') throw new MemoryExcelError('InvalidArgument', `Cannot load '${name}'`);
    const { scope } = this.need();
    const sheets = 'cells' in scope ? [scope as SheetState] : (scope as MemoryWorkbook).sheets;
    const items: MemNote[] = [];
    for (const sheet of sheets)
      for (const k of sheet.notes.keys()) {
        const [row, col] = k.split(',').map(Number);
        const t: NoteTarget = { sheet, row, col };
        items.push(new MemNote(this.context, null).adopt(t, (sub ?? 'content').split(',').map((p) => p.trim())));
      }
    this.setLoaded('items', items);
  }
  protected read(_prop: string): unknown {
    return undefined;
  }
  load(propertyNames?: string | string[]): XNoteCollection {
    this.loadProps(propertyNames);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Settings and workbook

export class MemSetting extends ClientObj<{ key: string }> implements XSetting {
  protected readonly scalarProps = ['key', 'value'] as const;
  get key(): string {
    return this.get('key');
  }
  get value(): unknown {
    return this.get('value');
  }
  set value(v: unknown) {
    this.queueWrite((t) => this.context.wb.settings.set(t.key, JSON.parse(JSON.stringify(v))));
  }
  delete(): void {
    this.queueWrite((t) => this.context.wb.settings.delete(t.key));
  }
  protected read(prop: string): unknown {
    const t = this.need();
    if (prop === 'key') return t.key;
    if (prop === 'value') return this.context.wb.settings.get(t.key);
    throw notLoaded(prop);
  }
  load(propertyNames?: string | string[]): XSetting {
    this.loadProps(propertyNames);
    return this;
  }
}

class MemSettings implements XSettingCollection {
  constructor(private readonly context: MemoryRequestContext) {}
  add(key: string, value: string | number | boolean): XSetting {
    return new MemSetting(this.context, () => {
      this.context.wb.settings.set(key, value);
      return { key };
    });
  }
  getItemOrNullObject(key: string): XSetting {
    return new MemSetting(this.context, () => (this.context.wb.settings.has(key) ? { key } : null));
  }
}

export class MemWorkbookProxy implements XWorkbook {
  readonly worksheets: MemWorksheets;
  readonly settings: MemSettings;

  constructor(private readonly context: MemoryRequestContext) {
    this.worksheets = new MemWorksheets(context, () => context.wb);
    this.settings = new MemSettings(context);
  }
  get notes(): XNoteCollection {
    if (!this.context.wb.supports(18)) throw apiNotFound('Workbook.notes', 18);
    return new MemNotes(this.context, () => ({ scope: this.context.wb }));
  }
  getSelectedRange(): XRange {
    return new MemRange(this.context, () => {
      const wb = this.context.wb;
      const sel = wb.selection;
      if (!sel) return { sheet: wb.activeSheet(), pos: { top: 0, left: 0, bottom: 0, right: 0 } };
      return { sheet: wb.sheet(sel.sheetId), pos: { ...sel.range } };
    });
  }
}
