/**
 * Office.js-shaped proxy objects over a MemoryWorkbook, implementing the views of ../api.ts (which
 * are derived from `@types/office-js`). Like Office.js (“Excel JavaScript object model in Office
 * Add-ins” › load, sync):
 * - every call only queues a command; `context.sync()` runs the queue in order (a load sees the
 *   state at its place in the queue);
 * - reading a property that was not loaded and synced throws PropertyNotLoaded;
 * - a failing command rejects the sync and drops the rest of the queue (what ran before it stays);
 * - change events are delivered after the sync, never inside it.
 * And like documented Excel (switchable through `MemoryWorkbook.behaviour`, see ./state.ts): the
 * payload and cell-count limits, the 512-merged-area limit, No Fill read as #FFFFFF, formula
 * coercion of written strings, sheet protection, and batches held back while the clerk edits a cell.
 *
 * Why it is one file: the proxies are one class family — MemRange hands out MemFormat, MemFill,
 * MemBorders, MemConditionalFormats, MemAreas; MemWorksheet hands out MemRange; each part reads its
 * range back — over one module-private base (ClientObj, RangePart) and queueing helpers (guard,
 * targetOf, forCells). Split by class, the files would import one another in a cycle (which
 * test/excel/imitation-room.test.ts forbids) or export the base the adapter must not reach. The pure
 * parts are already apart (./cells.ts, ./structure.ts, ./conditional.ts, ./payload.ts).
 */
import { parseA1, parseRange, rangeToA1, type RangePos } from '../../domain/address';
import { payloadBytes } from './payload';
import type {
  XActivatedEventArgs,
  XBorderIndex,
  XConditionalFormat,
  XConditionalFormatCollection,
  XConditionalFormatRule,
  XConditionalRangeFill,
  XConditionalRangeFormat,
  XCustomConditionalFormat,
  XRangeSort,
  XChangedEventArgs,
  XClientResult,
  XDataValidation,
  XEventHandlerResult,
  XEventHandlers,
  XFormatProtection,
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
} from '../../excel/api';
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  MAX_COLS,
  MAX_ROWS,
  MemoryExcelError,
  NO_FILL,
  newCell,
  protectedError,
  sheetAddress,
  writeInput,
  type CellState,
  type EdgeName,
  type MemoryWorkbook,
  type SheetState,
} from './state';
import { CONDITIONAL_FORMAT_KINDS, KIND_MEMBER, cellKeysOf, rectsOf, type ConditionalFormatKind, type ConditionalFormatState } from './conditional';
import { copyCells, deleteCells, insertCells, moveCells, sortRows } from './structure';

/**
 * The request size of one command (an API call or a new object) before its arguments, in bytes.
 * Reference: “Performance optimization using the Excel JavaScript API” › Payload size limit best
 * practices — the request size “combines the number of API calls, the number of objects, the
 * length of the value to set”, and 10,000 single-cell `values` writes (20,000 calls) “would likely
 * exceed the 5MB payload size limit in a real-world situation”: so here they do, at 256 bytes a call.
 */
export const COMMAND_BYTES = 256;

type Op = () => void;

interface Command {
  op: Op;
  bytes: number;
  /** a change to the workbook: the Office.js member that makes it */
  member?: string;
}

/** not changes to the workbook's content: Excel keeps no undo action for them */
const NOT_UNDONE = new Set(['Range.select', 'Worksheet.activate']);

export class MemoryRequestContext implements XRequestContext, OfficeExtension.ClientRequestContext {
  private queue: Command[] = [];
  readonly workbook: MemWorkbookProxy;
  /** Excel.RunOptions.delayForCellEdit of the run that made this context */
  delayForCellEdit = false;
  /** Excel.RunOptions.mergeUndoGroup (ExcelApi 1.20) of the run that made this context */
  mergeUndoGroup = false;
  /** a sync of this run has already opened its undo group */
  private groupOpen = false;
  /** internal: the sync is running its commands (proxies made now are children reached by a load) */
  executing = false;
  /** proxies and results filled by the running sync (undone if its response is refused) */
  private filled: { undo: () => void }[] = [];
  private responseBytes = 0;
  private largestRead = 0;
  readonly trackedObjects: OfficeExtension.TrackedObjects = {
    // every in-memory proxy stays valid across syncs and runs: tracking changes nothing here
    add: () => undefined,
    remove: () => undefined,
  };
  readonly requestHeaders: { [name: string]: string } = {};

  constructor(readonly wb: MemoryWorkbook) {
    this.workbook = new MemWorkbookProxy(this);
  }

  enqueue(op: Op, argumentBytes = 0, member?: string): void {
    this.queue.push({ op, bytes: COMMAND_BYTES + argumentBytes, member });
  }

  get pending(): number {
    return this.queue.length;
  }

  get debugInfo(): OfficeExtension.RequestContextDebugInfo {
    return { pendingStatements: this.queue.map((_, i) => `command ${i + 1}`) };
  }

  /** internal: a loaded value's share of the response, and how to undo it should the response be refused */
  filledValue(value: unknown, undo: () => void): void {
    this.responseBytes += payloadBytes(value);
    this.filled.push({ undo });
  }

  /** internal: a read of `cells` cells — over the limit it fails (see ExcelBehaviour.readCellLimit) */
  reading(cells: number): void {
    this.largestRead = Math.max(this.largestRead, cells);
    const limit = this.wb.behaviour.readCellLimit;
    if (limit !== null && cells > limit)
      throw new MemoryExcelError('RangeExceedsLimit', `The cell count in the range (${cells}) has exceeded the maximum supported number (${limit}).`);
  }

  load(object: OfficeExtension.ClientObject, option?: string | string[] | OfficeExtension.LoadOption): void {
    if (!(object instanceof ClientObj)) throw new MemoryExcelError('InvalidArgument', 'context.load needs an object of this context');
    const names = typeof option === 'string' || Array.isArray(option) ? option : option?.select;
    object.loadNames(names === undefined ? undefined : typeof names === 'string' ? names.split(',') : names);
  }

  loadRecursive(): void {
    throw new MemoryExcelError('NotImplemented', 'The in-memory Excel does not implement context.loadRecursive (the adapter does not use it).');
  }

  trace(_message: string): void {
    // a trace message only shows in Office's own diagnostics
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    const wb = this.wb;
    wb.syncCount++;
    const commands = this.queue.splice(0);
    const requestBytes = commands.reduce((n, c) => n + c.bytes, 0);
    const record = { commands: commands.length, requestBytes, responseBytes: 0, largestRead: 0 } as { commands: number; requestBytes: number; responseBytes: number; largestRead: number; error?: string };
    wb.logSync(record);
    const refuse = (e: MemoryExcelError): never => {
      record.error = e.code;
      throw e;
    };
    await Promise.resolve(); // the round trip
    // Excel.RunOptions.delayForCellEdit: “When true, the batch request is executed immediately if
    // the user is not in cell edit mode, but if the user is in cell edit mode then the batch request
    // is delayed until the user exits cell edit mode. When false […] the batch automatically fails.”
    while (wb.cellEditMode) {
      if (!this.delayForCellEdit)
        refuse(
          new MemoryExcelError(
            'InvalidOperationInCellEditMode',
            'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
          ),
        );
      await new Promise<void>((resolve) => wb.editWaiters.push(resolve));
    }
    const limit = wb.behaviour.payloadLimit;
    if (limit !== null && requestBytes > limit)
      refuse(new MemoryExcelError('RequestPayloadSizeLimitExceeded', `The request payload size (${requestBytes} bytes) has exceeded the limit (${limit}).`));
    this.filled = [];
    this.responseBytes = 0;
    this.largestRead = 0;
    const fault = wb.takeFault(commands.length);
    // the undo history: the state before a sync that changes the workbook (see MemoryWorkbook.addinWrote)
    const writes = commands.some((c) => c.member !== undefined && !NOT_UNDONE.has(c.member));
    const inOpenGroup = this.mergeUndoGroup && this.groupOpen;
    const before = writes && wb.supports(20) && !inOpenGroup ? wb.captureState() : null;
    const done: string[] = [];
    this.executing = true;
    try {
      commands.forEach((c, i) => {
        if (fault !== undefined && i === fault) throw new MemoryExcelError('GeneralException', '注入的故障：批处理在中途失败（之前的命令已生效，与 Excel 相同）');
        c.op();
        if (c.member !== undefined && !NOT_UNDONE.has(c.member)) done.push(c.member);
      });
    } catch (e) {
      record.error = e instanceof MemoryExcelError ? e.code : 'GeneralException';
      throw e;
    } finally {
      this.executing = false;
      record.responseBytes = this.responseBytes;
      record.largestRead = this.largestRead;
      if (done.length > 0) {
        wb.addinWrote(before, done, inOpenGroup);
        if (this.mergeUndoGroup) this.groupOpen = true;
      }
    }
    if (limit !== null && this.responseBytes > limit) {
      // the batch ran; its answer is too large to come back: nothing it loaded is available
      for (const f of this.filled) f.undo();
      refuse(new MemoryExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size (${this.responseBytes} bytes) has exceeded the limit (${limit}).`));
    }
    return passThroughValue as T;
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

/** `{ format: { fill: { color: true } }, values: true }` → ['format/fill/color', 'values'] (`$top`/`$skip` ignored, `$all` = every scalar) */
export function loadNamesOf(options: object, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(options)) {
    if (k === '$top' || k === '$skip' || v === false || v === undefined) continue;
    if (k === '$all') out.push(`${prefix}*`);
    else if (v !== null && typeof v === 'object') out.push(...loadNamesOf(v, `${prefix}${k}/`));
    else out.push(`${prefix}${k}`);
  }
  return out;
}

/** Base of every proxy: a target resolved inside sync, and the properties loaded from it. */
abstract class ClientObj<T> {
  protected target: T | null | undefined = undefined;
  private readonly loaded = new Map<string, unknown>();
  protected abstract readonly scalarProps: readonly string[];

  /** made inside a sync (a child reached by a nested load): resolved when first used, not by a command of its own */
  private readonly deferred: (() => T | null) | null = null;

  constructor(
    readonly context: MemoryRequestContext,
    resolve: (() => T | null) | null,
    /** the request size of the call's arguments (an address, a value) */
    argumentBytes = 0,
    /** a call that changes the workbook (`ConditionalFormatCollection.add`): its Office.js member */
    member?: string,
  ) {
    if (!resolve) return;
    if (context.executing) this.deferred = resolve;
    else
      context.enqueue(
        () => {
          this.target = resolve();
        },
        argumentBytes,
        member,
      );
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

  /** internal: queue the load of property names (`format/fill/color`, `*` = every scalar) */
  loadNames(names?: string[]): void {
    const list = (names ?? [...this.scalarProps]).map((s) => s.trim()).filter((s) => s.length > 0);
    this.context.enqueue(() => {
      if (this.target === null || this.target === undefined) return;
      for (const n of list) this.loadOne(n);
    });
  }

  /** a typed options object — or, as Office.js also takes (the adapter's view does not), names as a string or list */
  protected loadOptions(options: object | string | string[] | undefined): void {
    if (options === undefined) this.loadNames();
    else if (typeof options === 'string') this.loadNames(options.split(','));
    else if (Array.isArray(options)) this.loadNames(options);
    else this.loadNames(loadNamesOf(options));
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
    if (name === '*') {
      for (const p of this.scalarProps) this.loadOne(p);
      return;
    }
    if (!this.scalarProps.includes(name)) throw new MemoryExcelError('InvalidArgument', `Cannot load property '${name}'`);
    const value = this.read(name);
    const had = this.loaded.has(name);
    const old = this.loaded.get(name);
    this.loaded.set(name, value);
    this.context.filledValue(value, () => (had ? this.loaded.set(name, old) : this.loaded.delete(name)));
  }

  /** navigation for `load({ format: { fill: { color: true } } })` */
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
  protected refresh(): void {
    if (this.deferred) this.target = this.deferred();
  }

  protected get<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected setLoaded(prop: string, v: unknown): void {
    this.loaded.set(prop, v);
  }

  /** a change to the workbook, named by its Office.js member (`Range.values`): the undo history and `writeLog` see it */
  protected queueWrite(member: string, f: (t: T) => void, argumentBytes = 0): void {
    this.context.enqueue(() => f(this.need()), argumentBytes, member);
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

/** A range, or (RangeAreas) several rectangles of one sheet. */
interface RangeTarget {
  sheet: SheetState;
  /** the range; for several areas, the first */
  pos: RangePos;
  areas?: RangePos[];
}

function areasOf(t: RangeTarget): RangePos[] {
  return t.areas ?? [t.pos];
}

function cellCount(t: RangeTarget): number {
  return areasOf(t).reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
}

function forCells(t: RangeTarget, f: (c: CellState, row: number, col: number) => void): void {
  for (const a of areasOf(t)) for (let row = a.top; row <= a.bottom; row++) for (let col = a.left; col <= a.right; col++) f(t.sheet.cell(row, col), row, col);
}

/** Excel returns a property of a multi-cell range only when every cell agrees (else null). */
function common<V>(t: RangeTarget, f: (c: CellState | undefined) => V): V | null {
  let first = true;
  let v: V | null = null;
  for (const a of areasOf(t))
    for (let row = a.top; row <= a.bottom; row++)
      for (let col = a.left; col <= a.right; col++) {
        const x = f(t.sheet.peek(row, col));
        if (first) {
          v = x;
          first = false;
        } else if (JSON.stringify(x) !== JSON.stringify(v)) return null;
      }
  return v;
}

/**
 * Sheet protection (Excel.WorksheetProtection, Excel.WorksheetProtectionOptions): on a protected
 * sheet a locked cell cannot be changed; formatting cells needs `allowFormatCells`, row heights
 * `allowFormatRows`, column widths `allowFormatColumns`, notes `allowEditObjects`; merging and data
 * validation are not available.
 */
type Guarded = 'contents' | 'formatCells' | 'formatRows' | 'formatColumns' | 'objects' | 'structure';

function guard(t: RangeTarget, what: Guarded): void {
  const p = t.sheet.protection;
  if (!p.protected) return;
  const o = p.options;
  const allowed =
    what === 'formatCells' ? o.allowFormatCells === true : what === 'formatRows' ? o.allowFormatRows === true : what === 'formatColumns' ? o.allowFormatColumns === true : what === 'objects' ? o.allowEditObjects === true : false;
  if (what === 'contents') {
    let locked = false;
    forCells(t, (c) => {
      if (c.locked) locked = true;
    });
    if (!locked) return;
  } else if (allowed) return;
  throw protectedError(t.sheet);
}

/** Inserting, deleting and sorting on a protected sheet: only what its protection allows (cells: never). */
function guardStructure(t: RangeTarget, what: 'insertRows' | 'insertColumns' | 'deleteRows' | 'deleteColumns' | 'sort' | 'cells'): void {
  const p = t.sheet.protection;
  if (!p.protected) return;
  const o = p.options;
  const allowed: Record<typeof what, boolean | undefined> = {
    insertRows: o.allowInsertRows,
    insertColumns: o.allowInsertColumns,
    deleteRows: o.allowDeleteRows,
    deleteColumns: o.allowDeleteColumns,
    sort: o.allowSort,
    cells: false,
  };
  if (allowed[what] !== true) throw protectedError(t.sheet);
}

/** A range given to moveTo/copyFrom: a proxy of this context, or an address (`A1`, `Sheet2!A1:B2`, `A1:B2,D4`). */
function targetOf(context: MemoryRequestContext, sheet: SheetState, r: unknown): RangeTarget {
  if (r instanceof MemRange || r instanceof MemAreas) return r.need();
  if (typeof r !== 'string') throw new MemoryExcelError('InvalidArgument', 'a range of this context or an address is needed');
  const bang = r.lastIndexOf('!');
  const s = bang >= 0 ? context.wb.sheet(r.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'")) : sheet;
  const list = r.slice(bang + 1).split(',').map((a) => parseAddress(a));
  return { sheet: s, pos: list[0], areas: list.length > 1 ? list : undefined };
}

/** An address of a worksheet: `A1`, `A1:C3`, whole rows `3:5`, whole columns `B:D` (absolute `$` allowed). */
export function parseAddress(address: string): RangePos {
  const a = address.trim().replace(/\$/g, '');
  const rows = /^(\d+):(\d+)$/.exec(a);
  if (rows) return { top: Math.min(+rows[1], +rows[2]) - 1, bottom: Math.max(+rows[1], +rows[2]) - 1, left: 0, right: MAX_COLS - 1 };
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(a);
  if (cols) {
    const l = parseA1(`${cols[1]}1`).col;
    const r = parseA1(`${cols[2]}1`).col;
    return { top: 0, bottom: MAX_ROWS - 1, left: Math.min(l, r), right: Math.max(l, r) };
  }
  return parseRange(a);
}

function checkBounds(pos: RangePos): void {
  if (pos.top < 0 || pos.left < 0 || pos.bottom >= MAX_ROWS || pos.right >= MAX_COLS)
    throw new MemoryExcelError('InvalidArgument', `区域超出工作表范围：${pos.top},${pos.left}–${pos.bottom},${pos.right}`);
}

function fillColor(wb: MemoryWorkbook, color: string | null): string | null {
  // No Fill reads #FFFFFF (office-js #6218; ExcelBehaviour.noFillAsWhite)
  return color ?? (wb.behaviour.noFillAsWhite ? '#FFFFFF' : null);
}

const EDGE_KEY: Record<EdgeName, 'top' | 'bottom' | 'left' | 'right'> = { EdgeTop: 'top', EdgeBottom: 'bottom', EdgeLeft: 'left', EdgeRight: 'right' };

/** the `format` part of a cell's properties (getCellProperties), as the options ask */
function cellFormatProps(wb: MemoryWorkbook, sheet: SheetState, row: number, col: number, o: Excel.CellPropertiesFormatLoadOptions): Excel.CellPropertiesFormat {
  const cell = sheet.peek(row, col) ?? newCell();
  const fmt: Excel.CellPropertiesFormat = {};
  if (o.fill) {
    const f: Excel.CellPropertiesFill = {};
    if (o.fill.color) f.color = fillColor(wb, cell.fill.color) as string;
    if (o.fill.pattern) f.pattern = cell.fill.pattern as Excel.CellPropertiesFill['pattern'];
    if (o.fill.patternColor) f.patternColor = cell.fill.patternColor ?? '#000000';
    // “If you are setting No Fill, you will get null [tintAndShade]. And if you fill as white or other color, you will get a number.” (office-js #4900)
    if (o.fill.patternTintAndShade) f.patternTintAndShade = cell.fill.pattern === 'None' ? (null as unknown as number) : 0;
    if (o.fill.tintAndShade) f.tintAndShade = cell.fill.pattern === 'None' ? (null as unknown as number) : 0;
    fmt.fill = f;
  }
  if (o.font) {
    const f: Excel.CellPropertiesFont = {};
    if (o.font.bold) f.bold = cell.font.bold;
    if (o.font.color) f.color = cell.font.color;
    if (o.font.italic) f.italic = cell.font.italic;
    if (o.font.name) f.name = cell.font.name;
    if (o.font.size) f.size = cell.font.size;
    fmt.font = f;
  }
  if (o.borders) {
    const bo = o.borders;
    const borders: Excel.CellBorderCollection = {};
    for (const edge of Object.keys(EDGE_KEY) as EdgeName[]) {
      const b = cell.borders[edge];
      const out: Excel.CellBorder = {};
      if (bo.style) out.style = (b?.style ?? 'None') as Excel.CellBorder['style'];
      if (bo.color) out.color = b?.color ?? '#000000';
      if (bo.weight) out.weight = (b?.weight ?? 'Thin') as Excel.CellBorder['weight'];
      borders[EDGE_KEY[edge]] = out;
    }
    fmt.borders = borders;
  }
  if (o.protection) fmt.protection = { locked: cell.locked, formulaHidden: false };
  if (o.wrapText) fmt.wrapText = cell.wrapText;
  if (o.horizontalAlignment) fmt.horizontalAlignment = cell.horizontalAlignment as Excel.CellPropertiesFormat['horizontalAlignment'];
  if (o.verticalAlignment) fmt.verticalAlignment = cell.verticalAlignment as Excel.CellPropertiesFormat['verticalAlignment'];
  if (o.useStandardHeight) fmt.useStandardHeight = !sheet.rowHeights.has(row);
  if (o.useStandardWidth) fmt.useStandardWidth = !sheet.columnWidths.has(col);
  for (const k of ['autoIndent', 'indentLevel', 'readingOrder', 'shrinkToFit', 'textOrientation'] as const)
    if (o[k]) throw new MemoryExcelError('NotImplemented', `The in-memory Excel does not keep format.${k} (the adapter does not use it).`);
  return fmt;
}

function cellProps(wb: MemoryWorkbook, sheet: SheetState, row: number, col: number, o: Excel.CellPropertiesLoadOptions): Excel.CellProperties {
  const p: Excel.CellProperties = {};
  const one = { top: row, left: col, bottom: row, right: col };
  if (o.address) p.address = sheetAddress(sheet.name, one);
  if (o.addressLocal) p.addressLocal = sheetAddress(sheet.name, one);
  if (o.format) p.format = cellFormatProps(wb, sheet, row, col, o.format);
  for (const k of ['hidden', 'hyperlink', 'style', 'textRuns'] as const)
    if (o[k]) throw new MemoryExcelError('NotImplemented', `The in-memory Excel does not keep cell ${k} (the adapter does not use it).`);
  return p;
}

/** Row or column properties: the cells' common properties along it (null where they differ). */
function combine(list: Excel.CellProperties[]): Excel.CellProperties {
  const merge = (values: unknown[]): unknown => {
    const first = values[0];
    if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(first)) out[k] = merge(values.map((v) => (v as Record<string, unknown>)[k]));
      return out;
    }
    return values.every((v) => JSON.stringify(v) === JSON.stringify(first)) ? first : null;
  };
  return merge(list) as Excel.CellProperties;
}

export class MemRange extends ClientObj<RangeTarget> implements XRange {
  protected readonly scalarProps = ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount', 'values', 'numberFormat', 'formulas'] as const;
  private fmt?: MemFormat;
  private dv?: MemValidation;
  private cfs?: MemConditionalFormats;

  constructor(context: MemoryRequestContext, resolve: () => RangeTarget | null, argumentBytes = 0) {
    super(context, resolve, argumentBytes);
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
    this.queueWrite('Range.numberFormat', (t) => {
      this.checkShape(t, v);
      guard(t, 'formatCells');
      forCells(t, (c, row, col) => {
        const f = v[row - t.pos.top][col - t.pos.left];
        if (f !== null && f !== undefined) c.numberFormat = f;
      });
    }, payloadBytes(v));
  }

  private checkShape(t: RangeTarget, v: unknown[][]): void {
    const rows = t.pos.bottom - t.pos.top + 1;
    const cols = t.pos.right - t.pos.left + 1;
    if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols))
      throw new MemoryExcelError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`);
  }

  private writeCells(v: XValue[][], kind: 'values' | 'formulas'): void {
    this.queueWrite(kind === 'values' ? 'Range.values' : 'Range.formulas', (t) => {
      this.checkShape(t, v);
      guard(t, 'contents');
      forCells(t, (c, row, col) => {
        const x = v[row - t.pos.top][col - t.pos.left];
        if (x === null || x === undefined) return; // null leaves the cell unchanged
        const m = t.sheet.mergeAt(row, col);
        if (m && (m.top !== row || m.left !== col)) return; // only the top-left cell of a merge holds a value
        // `formulas` takes "=…" as a formula whatever the switch; `values` coerces as documented
        writeInput(c, x, { formulaCoercion: kind === 'formulas' || this.context.wb.behaviour.formulaCoercion, typed: false });
      });
      this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin');
    }, payloadBytes(v));
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
      case 'cellCount':
        return (bottom - top + 1) * (right - left + 1);
      case 'values':
      case 'formulas':
      case 'numberFormat': {
        this.context.reading((bottom - top + 1) * (right - left + 1));
        const out: unknown[][] = [];
        for (let row = top; row <= bottom; row++) {
          const line: unknown[] = [];
          for (let col = left; col <= right; col++) {
            const c = t.sheet.peek(row, col);
            if (prop === 'numberFormat') line.push(c?.numberFormat ?? 'General');
            else if (prop === 'formulas') line.push(c?.formula ?? c?.value ?? '');
            else line.push(c?.value ?? '');
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
    if (name === 'dataValidation') return this.dataValidation as unknown as ClientObj<unknown>;
    return undefined;
  }

  get format(): MemFormat {
    this.fmt ??= new MemFormat(this.context, () => this.need());
    return this.fmt;
  }

  get dataValidation(): XDataValidation {
    this.dv ??= new MemValidation(this.context, this);
    return this.dv;
  }

  /** a range derived from this one (resolved inside the sync, from this range's target) */
  private derived(f: (t: RangeTarget) => RangePos | null): MemRange {
    return new MemRange(this.context, () => {
      const t = this.need();
      const pos = f(t);
      if (pos === null) return null;
      checkBounds(pos);
      return { sheet: t.sheet, pos };
    });
  }

  getCell(row: number, column: number): MemRange {
    return this.derived((t) => ({ top: t.pos.top + row, left: t.pos.left + column, bottom: t.pos.top + row, right: t.pos.left + column }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): MemRange {
    return this.derived((t) => ({ top: t.pos.top + rowOffset, left: t.pos.left + columnOffset, bottom: t.pos.bottom + rowOffset, right: t.pos.right + columnOffset }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): MemRange {
    return this.derived((t) => {
      const pos = { ...t.pos, bottom: t.pos.bottom + deltaRows, right: t.pos.right + deltaColumns };
      if (pos.bottom < pos.top || pos.right < pos.left) throw new MemoryExcelError('InvalidArgument', '区域缩小后为空');
      return pos;
    });
  }

  getLastRow(): MemRange {
    return this.derived((t) => ({ ...t.pos, top: t.pos.bottom }));
  }

  getEntireRow(): MemRange {
    return this.derived((t) => ({ top: t.pos.top, bottom: t.pos.bottom, left: 0, right: MAX_COLS - 1 }));
  }

  getIntersectionOrNullObject(anotherRange: Excel.Range | string): MemRange {
    return this.derived((t) => {
      let o: RangePos;
      if (typeof anotherRange === 'string') o = parseRange(anotherRange.slice(anotherRange.lastIndexOf('!') + 1).replace(/\$/g, ''));
      else if ((anotherRange as unknown) instanceof MemRange) o = (anotherRange as unknown as MemRange).need().pos;
      else throw new MemoryExcelError('InvalidArgument', 'getIntersectionOrNullObject needs an address or a range of this context');
      const pos = { top: Math.max(t.pos.top, o.top), left: Math.max(t.pos.left, o.left), bottom: Math.min(t.pos.bottom, o.bottom), right: Math.min(t.pos.right, o.right) };
      return pos.top > pos.bottom || pos.left > pos.right ? null : pos;
    });
  }

  merge(across = false): void {
    this.queueWrite('Range.merge', (t) => {
      guard(t, 'structure');
      this.context.wb.mergeArea(t.sheet, t.pos, across);
    });
  }

  unmerge(): void {
    this.queueWrite('Range.unmerge', (t) => {
      guard(t, 'structure');
      t.sheet.merges = t.sheet.merges.filter((m) => m.bottom < t.pos.top || m.top > t.pos.bottom || m.right < t.pos.left || m.left > t.pos.right);
    });
  }

  clear(applyTo: Excel.ClearApplyTo | 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks' | 'ResetContents' = 'All'): void {
    this.queueWrite('Range.clear', (t) => {
      const contents = applyTo === 'All' || applyTo === 'Contents';
      const formats = applyTo === 'All' || applyTo === 'Formats';
      if (contents) guard(t, 'contents');
      if (formats) guard(t, 'formatCells');
      forCells(t, (c, row, col) => {
        if (contents) {
          c.value = '';
          delete c.formula;
        }
        if (formats) {
          const fresh = newCell();
          fresh.value = c.value;
          if (c.formula !== undefined) fresh.formula = c.formula;
          if (c.validation) fresh.validation = c.validation; // Clear Formats keeps data validation
          t.sheet.cells.set(t.sheet.key(row, col), fresh);
        }
      });
      if (contents) this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin');
    });
  }

  select(): void {
    this.queueWrite('Range.select', (t) => {
      const wb = this.context.wb;
      if (wb.activeSheetId !== t.sheet.id) throw new MemoryExcelError('InvalidSelection', '只能在活动工作表上选择区域（请先 activate）');
      wb.selection = { sheetId: t.sheet.id, range: { ...t.pos } };
      wb.emitSelection(t.sheet, t.pos);
    });
  }

  getMergedAreasOrNullObject(): MemAreas {
    if (!this.context.wb.supports(13)) throw apiNotFound('Range.getMergedAreasOrNullObject', 13);
    return new MemAreas(this.context, () => {
      const t = this.need();
      const areas = t.sheet.merges.filter((m) => !(m.bottom < t.pos.top || m.top > t.pos.bottom || m.right < t.pos.left || m.left > t.pos.right));
      // “if the merged areas count in this range is more than 512, then this method will fail to
      // return the result” (Excel.Range.getMergedAreasOrNullObject; ExcelBehaviour.mergedAreasLimit)
      const limit = this.context.wb.behaviour.mergedAreasLimit;
      if (limit !== null && areas.length > limit)
        throw new MemoryExcelError('InvalidOperation', `getMergedAreasOrNullObject: the range holds ${areas.length} merged areas, more than ${limit}`);
      return areas.length ? { sheet: t.sheet, pos: areas[0], areas } : null;
    });
  }

  getCellProperties(cellPropertiesLoadOptions: Excel.CellPropertiesLoadOptions): XClientResult<Excel.CellProperties[][]> {
    if (!this.context.wb.supports(9)) throw apiNotFound('Range.getCellProperties', 9);
    const result = new MemClientResult<Excel.CellProperties[][]>(this.context);
    this.context.enqueue(() => {
      const t = this.need();
      this.context.reading(cellCount(t));
      const rows: Excel.CellProperties[][] = [];
      for (let row = t.pos.top; row <= t.pos.bottom; row++) {
        const line: Excel.CellProperties[] = [];
        for (let col = t.pos.left; col <= t.pos.right; col++) line.push(cellProps(this.context.wb, t.sheet, row, col, cellPropertiesLoadOptions));
        rows.push(line);
      }
      result.set(rows);
    }, payloadBytes(cellPropertiesLoadOptions));
    return result;
  }

  getRowProperties(rowPropertiesLoadOptions: Excel.RowPropertiesLoadOptions): XClientResult<Excel.RowProperties[]> {
    if (!this.context.wb.supports(9)) throw apiNotFound('Range.getRowProperties', 9);
    const { rowIndex, rowHidden, format, ...cellOptions } = rowPropertiesLoadOptions;
    const { rowHeight, ...cellFormat } = format ?? {};
    return this.lineProperties<Excel.RowProperties>('row', cellOptions, format && cellFormat, rowPropertiesLoadOptions, (p, sheet, row) => {
      if (rowIndex) p.rowIndex = row;
      if (rowHidden) p.rowHidden = false;
      if (rowHeight) p.format = { ...p.format, rowHeight: sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT };
    });
  }

  getColumnProperties(columnPropertiesLoadOptions: Excel.ColumnPropertiesLoadOptions): XClientResult<Excel.ColumnProperties[]> {
    if (!this.context.wb.supports(9)) throw apiNotFound('Range.getColumnProperties', 9);
    const { columnIndex, columnHidden, format, ...cellOptions } = columnPropertiesLoadOptions;
    const { columnWidth, ...cellFormat } = format ?? {};
    return this.lineProperties<Excel.ColumnProperties>('column', cellOptions, format && cellFormat, columnPropertiesLoadOptions, (p, sheet, col) => {
      if (columnIndex) p.columnIndex = col;
      if (columnHidden) p.columnHidden = false;
      if (columnWidth) p.format = { ...p.format, columnWidth: sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH };
    });
  }

  /** Row or column properties: each line's cells' common properties, then what only a line has (`extra`). */
  private lineProperties<P extends Excel.CellProperties>(
    axis: 'row' | 'column',
    cellOptions: Omit<Excel.CellPropertiesLoadOptions, 'format'>,
    cellFormat: Excel.CellPropertiesFormatLoadOptions | undefined,
    options: unknown,
    extra: (p: P, sheet: SheetState, index: number) => void,
  ): XClientResult<P[]> {
    const result = new MemClientResult<P[]>(this.context);
    this.context.enqueue(() => {
      const t = this.need();
      this.context.reading(cellCount(t));
      const { top, left, bottom, right } = t.pos;
      const out: P[] = [];
      const [from, to] = axis === 'row' ? [top, bottom] : [left, right];
      for (let i = from; i <= to; i++) {
        const cells: Excel.CellProperties[] = [];
        const line = axis === 'row' ? { top: i, bottom: i, left, right } : { top, bottom, left: i, right: i };
        for (let row = line.top; row <= line.bottom; row++)
          for (let col = line.left; col <= line.right; col++) cells.push(cellProps(this.context.wb, t.sheet, row, col, { ...cellOptions, ...(cellFormat ? { format: cellFormat } : {}) }));
        const p = combine(cells) as P;
        if (cellOptions.address) p.address = sheetAddress(t.sheet.name, line);
        extra(p, t.sheet, i);
        out.push(p);
      }
      result.set(out);
    }, payloadBytes(options));
    return result;
  }

  getEntireColumn(): MemRange {
    return this.derived((t) => ({ top: 0, bottom: MAX_ROWS - 1, left: t.pos.left, right: t.pos.right }));
  }

  /** ExcelApi 1.6: the conditional formats that overlap this range */
  get conditionalFormats(): MemConditionalFormats {
    if (!this.context.wb.supports(6)) throw apiNotFound('Range.conditionalFormats', 6);
    this.cfs ??= new MemConditionalFormats(this.context, () => this.need());
    return this.cfs;
  }

  /** ExcelApi 1.2: RangeSort.apply — rows only (see ./structure.ts `sortRows`) */
  get sort(): XRangeSort {
    return {
      apply: (fields, matchCase, hasHeaders, orientation, method) => {
        if (orientation === 'Columns') throw new MemoryExcelError('NotImplemented', 'The in-memory Excel sorts rows only (SortOrientation.rows).');
        if (method === 'StrokeCount') throw new MemoryExcelError('NotImplemented', 'The in-memory Excel sorts text in its own order only (no SortMethod.strokeCount).');
        for (const f of fields)
          if ((f.sortOn ?? 'Value') !== 'Value' || f.color !== undefined || f.icon !== undefined || f.subField !== undefined)
            throw new MemoryExcelError('NotImplemented', 'The in-memory Excel sorts by value only.');
        this.queueWrite('RangeSort.apply', (t) => {
          if (t.areas) throw new MemoryExcelError('InvalidOperation', '不能对多个区域排序');
          guardStructure(t, 'sort');
          sortRows(t.sheet, t.pos, fields.map((f) => ({ key: f.key, ascending: f.ascending !== false })), hasHeaders === true, matchCase === true);
          this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin');
        }, payloadBytes(fields));
      },
    };
  }

  /**
   * ExcelApi 1.1 (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-insert-member(1):
   * “Inserts a cell or a range of cells into the worksheet in place of this range, and shifts the other
   * cells to make space. Returns a new Range object at the now blank space.”): blank cells here, the
   * others shifted down or right, with what moves with them and what is refused as in
   * ./structure.ts `insertCells` — the one implementation, shared with the clerk's Insert
   * (`MemoryUser.insertRows`, `insertColumns`, `insertCells`).
   */
  insert(shift: Excel.InsertShiftDirection | 'Down' | 'Right'): MemRange {
    this.queueWrite('Range.insert', (t) => {
      const whole = shift === 'Down' ? t.pos.left === 0 && t.pos.right === MAX_COLS - 1 : t.pos.top === 0 && t.pos.bottom === MAX_ROWS - 1;
      guardStructure(t, whole ? (shift === 'Down' ? 'insertRows' : 'insertColumns') : 'cells');
      insertCells(t.sheet, t.pos, shift);
      this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin', undefined, 'Local', whole ? (shift === 'Down' ? 'RowInserted' : 'ColumnInserted') : 'CellInserted');
    }, payloadBytes(shift));
    return new MemRange(this.context, () => this.need());
  }

  /** ExcelApi 1.1: the cells removed, the others shifted up or left */
  delete(shift: 'Up' | 'Left'): void {
    this.queueWrite('Range.delete', (t) => {
      const whole = shift === 'Up' ? t.pos.left === 0 && t.pos.right === MAX_COLS - 1 : t.pos.top === 0 && t.pos.bottom === MAX_ROWS - 1;
      guardStructure(t, whole ? (shift === 'Up' ? 'deleteRows' : 'deleteColumns') : 'cells');
      deleteCells(t.sheet, t.pos, shift);
      this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin', undefined, 'Local', whole ? (shift === 'Up' ? 'RowDeleted' : 'ColumnDeleted') : 'CellDeleted');
    }, payloadBytes(shift));
  }

  /** ExcelApi 1.11: cut and paste to `destinationRange` (its top-left cell; another sheet as `Sheet2!A1`) */
  moveTo(destinationRange: Excel.Range | string): void {
    if (!this.context.wb.supports(11)) throw apiNotFound('Range.moveTo', 11);
    this.queueWrite('Range.moveTo', (t) => {
      const dst = targetOf(this.context, t.sheet, destinationRange);
      const size = { rows: t.pos.bottom - t.pos.top, cols: t.pos.right - t.pos.left };
      const to = { sheet: dst.sheet, pos: { top: dst.pos.top, left: dst.pos.left, bottom: dst.pos.top + size.rows, right: dst.pos.left + size.cols } };
      guard(t, 'contents');
      guard(to, 'contents');
      moveCells(this.context.wb, t.sheet, t.pos, dst.sheet, dst.pos.top, dst.pos.left);
      this.context.wb.emitChanged(t.sheet, t.pos, 'ThisLocalAddin');
      this.context.wb.emitChanged(to.sheet, to.pos, 'ThisLocalAddin');
    }, typeof destinationRange === 'string' ? payloadBytes(destinationRange) : 0);
  }

  /** ExcelApi 1.9: a copy of `sourceRange` here (All, Formats, Values or Formulas; no skipBlanks, no transpose) */
  copyFrom(sourceRange: Excel.Range | Excel.RangeAreas | string, copyType: 'All' | 'Formulas' | 'Values' | 'Formats' | 'Link' = 'All', skipBlanks = false, transpose = false): void {
    if (!this.context.wb.supports(9)) throw apiNotFound('Range.copyFrom', 9);
    if (copyType === 'Link' || skipBlanks || transpose) throw new MemoryExcelError('NotImplemented', 'The in-memory Excel copies without links, skipBlanks or transpose.');
    this.queueWrite('Range.copyFrom', (t) => {
      const src = targetOf(this.context, t.sheet, sourceRange);
      if (src.areas) throw new MemoryExcelError('NotImplemented', 'The in-memory Excel copies one area at a time.');
      const to = { sheet: t.sheet, pos: { top: t.pos.top, left: t.pos.left, bottom: t.pos.top + src.pos.bottom - src.pos.top, right: t.pos.left + src.pos.right - src.pos.left } };
      guard(to, copyType === 'Formats' ? 'formatCells' : 'contents');
      copyCells(this.context.wb, src.sheet, src.pos, t.sheet, t.pos.top, t.pos.left, copyType);
      this.context.wb.emitChanged(to.sheet, to.pos, 'ThisLocalAddin');
    }, typeof sourceRange === 'string' ? payloadBytes(sourceRange) : 0);
  }

  getUsedRangeOrNullObject(valuesOnly = false): MemRange {
    return this.derived((t) => {
      const u = t.sheet.usedRange(valuesOnly);
      if (!u) return null;
      const pos = { top: Math.max(u.top, t.pos.top), left: Math.max(u.left, t.pos.left), bottom: Math.min(u.bottom, t.pos.bottom), right: Math.min(u.right, t.pos.right) };
      return pos.top > pos.bottom || pos.left > pos.right ? null : pos;
    });
  }

  load(options: Excel.Interfaces.RangeLoadOptions): MemRange {
    this.loadOptions(options);
    return this;
  }
}

export class MemClientResult<T> implements XClientResult<T> {
  private v: T | undefined;
  private done = false;
  constructor(private readonly context: MemoryRequestContext) {}
  set(v: T): void {
    this.v = v;
    this.done = true;
    this.context.filledValue(v, () => {
      this.done = false;
      this.v = undefined;
    });
  }
  get value(): T {
    if (!this.done) throw notLoaded('value');
    return this.v as T;
  }
}

/** Sub-objects of a range (format, fill, font, border, protection, data validation) resolve from it. */
abstract class RangePart<T> extends ClientObj<T> {
  constructor(
    context: MemoryRequestContext,
    private readonly derive: () => T | null,
  ) {
    super(context, derive);
  }
  protected override refresh(): void {
    this.target = this.derive();
  }
}

export class MemFormat extends RangePart<RangeTarget> implements XRangeFormat {
  protected readonly scalarProps = ['wrapText', 'horizontalAlignment', 'verticalAlignment', 'columnWidth', 'rowHeight', 'useStandardHeight', 'useStandardWidth'] as const;
  private fillP?: MemFill;
  private fontP?: MemFont;
  private bordersP?: MemBorders;
  private protectionP?: MemFormatProtection;

  constructor(
    context: MemoryRequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(context, range);
  }

  get fill(): MemFill {
    this.fillP ??= new MemFill(this.context, this.range);
    return this.fillP;
  }
  get font(): MemFont {
    this.fontP ??= new MemFont(this.context, this.range);
    return this.fontP;
  }
  get borders(): XRangeBorderCollection {
    this.bordersP ??= new MemBorders(this.context, this.range);
    return this.bordersP;
  }
  get protection(): XFormatProtection {
    this.protectionP ??= new MemFormatProtection(this.context, this.range);
    return this.protectionP;
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    if (name === 'fill') return this.fill as unknown as ClientObj<unknown>;
    if (name === 'font') return this.font as unknown as ClientObj<unknown>;
    if (name === 'protection') return this.protection as unknown as ClientObj<unknown>;
    return undefined;
  }
  private set<K extends 'wrapText' | 'horizontalAlignment' | 'verticalAlignment'>(k: K, v: CellState[K]): void {
    this.queueWrite(`RangeFormat.${k}`, (t) => {
      guard(t, 'formatCells');
      forCells(t, (c) => (c[k] = v));
    }, payloadBytes(v));
  }
  get wrapText(): boolean {
    return this.get('wrapText');
  }
  set wrapText(v: boolean) {
    this.set('wrapText', v);
  }
  get horizontalAlignment(): Excel.RangeFormat['horizontalAlignment'] {
    return this.get('horizontalAlignment');
  }
  set horizontalAlignment(v: Excel.RangeFormat['horizontalAlignment']) {
    this.set('horizontalAlignment', v);
  }
  get verticalAlignment(): Excel.RangeFormat['verticalAlignment'] {
    return this.get('verticalAlignment');
  }
  set verticalAlignment(v: Excel.RangeFormat['verticalAlignment']) {
    this.set('verticalAlignment', v);
  }
  private rows(t: RangeTarget, f: (row: number) => void): void {
    for (const a of areasOf(t)) for (let row = a.top; row <= a.bottom; row++) f(row);
  }
  private cols(t: RangeTarget, f: (col: number) => void): void {
    for (const a of areasOf(t)) for (let col = a.left; col <= a.right; col++) f(col);
  }
  get columnWidth(): number {
    return this.get('columnWidth');
  }
  set columnWidth(v: number) {
    this.queueWrite('RangeFormat.columnWidth', (t) => {
      guard(t, 'formatColumns');
      this.cols(t, (col) => t.sheet.columnWidths.set(col, v));
    });
  }
  get rowHeight(): number {
    return this.get('rowHeight');
  }
  set rowHeight(v: number) {
    this.queueWrite('RangeFormat.rowHeight', (t) => {
      guard(t, 'formatRows');
      this.rows(t, (row) => t.sheet.rowHeights.set(row, v));
    });
  }
  get useStandardHeight(): boolean {
    return this.get('useStandardHeight');
  }
  set useStandardHeight(v: boolean) {
    this.queueWrite('RangeFormat.useStandardHeight', (t) => {
      guard(t, 'formatRows');
      if (v) this.rows(t, (row) => t.sheet.rowHeights.delete(row));
    });
  }
  get useStandardWidth(): boolean {
    return this.get('useStandardWidth');
  }
  set useStandardWidth(v: boolean) {
    this.queueWrite('RangeFormat.useStandardWidth', (t) => {
      guard(t, 'formatColumns');
      if (v) this.cols(t, (col) => t.sheet.columnWidths.delete(col));
    });
  }
  protected read(prop: string): unknown {
    const t = this.need();
    switch (prop) {
      case 'useStandardHeight': {
        let all = true;
        this.rows(t, (row) => (all &&= !t.sheet.rowHeights.has(row)));
        return all;
      }
      case 'useStandardWidth': {
        let all = true;
        this.cols(t, (col) => (all &&= !t.sheet.columnWidths.has(col)));
        return all;
      }
      case 'rowHeight': {
        const h = new Set<number>();
        this.rows(t, (row) => h.add(t.sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT));
        return h.size === 1 ? [...h][0] : null;
      }
      case 'columnWidth': {
        const w = new Set<number>();
        this.cols(t, (col) => w.add(t.sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH));
        return w.size === 1 ? [...w][0] : null;
      }
      case 'wrapText':
        return common(t, (c) => c?.wrapText ?? false);
      case 'horizontalAlignment':
        return common(t, (c) => c?.horizontalAlignment ?? 'General');
      case 'verticalAlignment':
        return common(t, (c) => c?.verticalAlignment ?? 'Bottom');
    }
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.RangeFormatLoadOptions): MemFormat {
    this.loadOptions(options);
    return this;
  }
}

export class MemFormatProtection extends RangePart<RangeTarget> implements XFormatProtection {
  protected readonly scalarProps = ['locked'] as const;
  get locked(): boolean {
    return this.get('locked');
  }
  set locked(v: boolean) {
    this.queueWrite('FormatProtection.locked', (t) => {
      guard(t, 'structure');
      forCells(t, (c) => (c.locked = v));
    });
  }
  protected read(prop: string): unknown {
    if (prop === 'locked') return common(this.need(), (c) => c?.locked ?? true);
    throw notLoaded(prop);
  }
}

export class MemFill extends RangePart<RangeTarget> implements XRangeFill {
  protected readonly scalarProps = ['color', 'pattern', 'patternColor', 'tintAndShade'] as const;
  private write(member: string, f: (c: CellState) => void, bytes = 0): void {
    this.queueWrite(member, (t) => {
      guard(t, 'formatCells');
      forCells(t, f);
    }, bytes);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    // setting a colour on a cell with no fill gives a solid fill of that colour (office-js #2349: a white colour is a white fill, not No Fill)
    this.write('RangeFill.color', (c) => (c.fill = { ...c.fill, color: v.toUpperCase(), pattern: c.fill.pattern === 'None' ? 'Solid' : c.fill.pattern }), payloadBytes(v));
  }
  get pattern(): Excel.RangeFill['pattern'] {
    return this.get('pattern');
  }
  set pattern(v: Excel.RangeFill['pattern']) {
    this.write('RangeFill.pattern', (c) => (c.fill = v === 'None' ? { ...NO_FILL } : { ...c.fill, pattern: v, color: c.fill.color ?? '#FFFFFF' }), payloadBytes(v));
  }
  get patternColor(): string {
    return this.get('patternColor');
  }
  set patternColor(v: string) {
    this.write('RangeFill.patternColor', (c) => (c.fill = { ...c.fill, patternColor: v.toUpperCase() }), payloadBytes(v));
  }
  /** back to No Fill (office-js #2349: `range.format.fill.clear()` reverts to the default) */
  clear(): void {
    this.write('RangeFill.clear', (c) => (c.fill = { ...NO_FILL }));
  }
  protected read(prop: string): unknown {
    const t = this.need();
    const wb = this.context.wb;
    switch (prop) {
      case 'color':
        return common(t, (c) => fillColor(wb, c?.fill.color ?? null));
      case 'pattern':
        return common(t, (c) => c?.fill.pattern ?? 'None');
      case 'patternColor':
        return common(t, (c) => c?.fill.patternColor ?? '#000000');
      case 'tintAndShade':
        return common(t, (c) => ((c?.fill.pattern ?? 'None') === 'None' ? null : 0));
    }
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.RangeFillLoadOptions): MemFill {
    this.loadOptions(options);
    return this;
  }
}

export class MemFont extends RangePart<RangeTarget> implements XRangeFont {
  protected readonly scalarProps = ['bold', 'color', 'italic', 'name', 'size'] as const;
  private setFont<K extends keyof CellState['font']>(k: K, v: CellState['font'][K]): void {
    this.queueWrite(`RangeFont.${k}`, (t) => {
      guard(t, 'formatCells');
      forCells(t, (c) => (c.font = { ...c.font, [k]: v }));
    }, payloadBytes(v));
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
    return common(t, (c) => (c ?? newCell()).font[k]);
  }
  load(options: Excel.Interfaces.RangeFontLoadOptions): MemFont {
    this.loadOptions(options);
    return this;
  }
}

class MemBorders implements XRangeBorderCollection {
  constructor(
    private readonly context: MemoryRequestContext,
    private readonly range: () => RangeTarget,
  ) {}
  getItem(index: XBorderIndex): XRangeBorder {
    return new MemBorder(this.context, this.range, index);
  }
}

/** which cell edges a border index of a range touches */
function edgesOf(t: RangeTarget, index: XBorderIndex): { row: number; col: number; edge: EdgeName }[] {
  const out: { row: number; col: number; edge: EdgeName }[] = [];
  if (index === 'DiagonalDown' || index === 'DiagonalUp') throw new MemoryExcelError('NotImplemented', 'The in-memory Excel does not keep diagonal borders (the adapter does not use them).');
  for (const { top, left, bottom, right } of areasOf(t))
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
    range: () => RangeTarget,
    private readonly index: XBorderIndex,
  ) {
    super(context, range);
  }
  private setEdge(k: 'style' | 'color' | 'weight', v: string): void {
    this.queueWrite(`RangeBorder.${k}`, (t) => {
      guard(t, 'formatCells');
      for (const e of edgesOf(t, this.index)) {
        const c = t.sheet.cell(e.row, e.col);
        if (k === 'style' && v === 'None') {
          delete c.borders[e.edge];
          continue;
        }
        const b = c.borders[e.edge] ?? { style: 'Continuous', color: '#000000', weight: 'Thin' };
        c.borders[e.edge] = { ...b, [k]: k === 'color' ? v.toUpperCase() : v };
      }
    }, payloadBytes(v));
  }
  get style(): Excel.RangeBorder['style'] {
    return this.get('style');
  }
  set style(v: Excel.RangeBorder['style']) {
    this.setEdge('style', v);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.setEdge('color', v);
  }
  get weight(): Excel.RangeBorder['weight'] {
    return this.get('weight');
  }
  set weight(v: Excel.RangeBorder['weight']) {
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
  load(options: Excel.Interfaces.RangeBorderLoadOptions): MemBorder {
    this.loadOptions(options);
    return this;
  }
}

export class MemValidation extends RangePart<RangeTarget> implements XDataValidation {
  protected readonly scalarProps = ['rule', 'type', 'prompt'] as const;
  constructor(context: MemoryRequestContext, range: MemRange) {
    super(context, () => range.need());
  }
  get rule(): Excel.DataValidationRule {
    return this.get('rule');
  }
  set rule(v: Excel.DataValidationRule) {
    this.queueWrite('DataValidation.rule', (t) => {
      guard(t, 'structure'); // Data Validation is not available on a protected sheet
      if (!v.list || typeof v.list.source !== 'string')
        throw new MemoryExcelError('NotImplemented', '内存 Excel 只保存列表型数据验证（source 为文本）；适配器也只写这种');
      const list = { inCellDropDown: v.list.inCellDropDown, source: v.list.source };
      forCells(t, (c) => (c.validation = { ...c.validation, list: { ...list } }));
    }, payloadBytes(v));
  }
  get prompt(): Excel.DataValidationPrompt {
    return this.get('prompt');
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this.queueWrite('DataValidation.prompt', (t) => {
      guard(t, 'structure');
      if (v.title.length > 32 || v.message.length > 255) throw new MemoryExcelError('InvalidArgument', '输入信息的标题不超过 32 个字符、内容不超过 255 个字符');
      forCells(t, (c) => (c.validation = { ...c.validation, prompt: { showPrompt: v.showPrompt, title: v.title, message: v.message } }));
    }, payloadBytes(v));
  }
  get type(): Excel.DataValidation['type'] {
    return this.get('type');
  }
  clear(): void {
    this.queueWrite('DataValidation.clear', (t) => {
      guard(t, 'structure');
      forCells(t, (c) => delete c.validation);
    });
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
  load(options: Excel.Interfaces.DataValidationLoadOptions): MemValidation {
    this.loadOptions(options);
    return this;
  }
}

/** RangeAreas: one or more rectangles of a sheet (merged areas, or `Worksheet.getRanges`). */
export class MemAreas extends ClientObj<RangeTarget> implements XRangeAreas {
  protected readonly scalarProps = ['address', 'areaCount', 'cellCount'] as const;
  private fmt?: MemFormat;
  private cfs?: MemConditionalFormats;
  /** ExcelApi 1.9: the conditional formats that overlap these areas; `add` applies a new one to all of them */
  get conditionalFormats(): MemConditionalFormats {
    if (!this.context.wb.supports(9)) throw apiNotFound('RangeAreas.conditionalFormats', 9);
    this.cfs ??= new MemConditionalFormats(this.context, () => this.need());
    return this.cfs;
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  get format(): MemFormat {
    this.fmt ??= new MemFormat(this.context, () => this.need());
    return this.fmt;
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    return name === 'format' ? (this.format as unknown as ClientObj<unknown>) : undefined;
  }
  protected read(prop: string): unknown {
    const t = this.need();
    if (prop === 'address') return areasOf(t).map((a) => sheetAddress(t.sheet.name, a)).join(', ');
    if (prop === 'areaCount') return areasOf(t).length;
    if (prop === 'cellCount') return cellCount(t);
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.RangeAreasLoadOptions): MemAreas {
    this.loadOptions(options);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats (ExcelApi 1.6; see ./conditional.ts)

interface CfTarget {
  sheet: SheetState;
  cf: ConditionalFormatState;
  /** the members of the collection the format was reached through, in priority order, as they are now */
  list: () => ConditionalFormatState[];
  /** reached through the whole sheet's collection (`Worksheet.getRange().conditionalFormats`) */
  whole: boolean;
}

/** the format must still exist when it is used (one deleted meanwhile is ItemNotFound) */
function live(t: CfTarget): CfTarget {
  if (!t.sheet.conditionalFormats.includes(t.cf)) throw new MemoryExcelError('ItemNotFound', `条件格式 ${t.cf.id} 不存在`);
  return t;
}

/** changing a conditional format is formatting cells: a protected sheet needs allowFormatCells */
function guardFormats(sheet: SheetState): void {
  guard({ sheet, pos: { top: 0, left: 0, bottom: 0, right: 0 } }, 'formatCells');
}

function overlaps(cf: ConditionalFormatState, t: RangeTarget): boolean {
  return cf.ranges.some((r) => areasOf(t).some((a) => !(r.bottom < a.top || r.top > a.bottom || r.right < a.left || r.left > a.right)));
}

function sameCells(a: ConditionalFormatState, b: ConditionalFormatState): boolean {
  const x = cellKeysOf(a.ranges, MAX_COLS);
  const y = cellKeysOf(b.ranges, MAX_COLS);
  return x.size === y.size && [...x].every((k) => y.has(k));
}

/**
 * ExcelBehaviour.conditionalFormatReadFaults: the collections whose items' `rule` and `format`
 * cannot be read — two CellValue formats on the same range (office-js #6827), or a rule duplicated
 * (Manage Rules › Duplicate Rule: the same kind, rule and range twice; office-js #6835).
 */
export function unreadableFormats(list: ConditionalFormatState[]): boolean {
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i];
      const b = list[j];
      if (a.type !== b.type || !sameCells(a, b)) continue;
      if (a.type === 'CellValue') return true;
      if (a.formula === b.formula && JSON.stringify(a.parts ?? null) === JSON.stringify(b.parts ?? null)) return true;
    }
  return false;
}

/** reading a rule or a format of a format: fails in a collection `unreadableFormats` names (when the switch is on) */
function readablePart(context: MemoryRequestContext, t: CfTarget): CfTarget {
  live(t);
  if (context.wb.behaviour.conditionalFormatReadFaults && unreadableFormats(t.list()))
    throw new MemoryExcelError('GeneralException', 'An internal error has occurred while reading the conditional format (office-js #6827, #6835).');
  return t;
}

export class MemConditionalFormats extends ClientObj<RangeTarget> implements XConditionalFormatCollection {
  protected readonly scalarProps = ['items'] as const;

  constructor(context: MemoryRequestContext, private readonly scope: () => RangeTarget) {
    super(context, scope);
  }

  protected override refresh(): void {
    this.target = this.scope();
  }

  /** the formats of the scope's sheet that overlap it, in priority order */
  private list(): CfTarget[] {
    const t = this.need();
    const members = () => t.sheet.conditionalFormats.filter((cf) => overlaps(cf, t));
    const whole = t.areas === undefined && t.pos.top === 0 && t.pos.left === 0 && t.pos.bottom === MAX_ROWS - 1 && t.pos.right === MAX_COLS - 1;
    return members().map((cf) => ({ sheet: t.sheet, cf, list: members, whole }));
  }

  /** the member an id names: its position when ids are positions (ExcelBehaviour.conditionalFormatIdIsPosition), else its handle */
  private byId(id: string): CfTarget | undefined {
    const all = this.list();
    if (this.context.wb.behaviour.conditionalFormatIdIsPosition) return /^\d+$/.test(id) ? all[Number(id)] : undefined;
    return all.find((x) => x.cf.id === id);
  }

  get items(): XConditionalFormat[] {
    return this.get('items');
  }

  /**
   * “Adds a new conditional format to the collection at the first/top priority” (d.ts); at the
   * bottom when ExcelBehaviour.conditionalFormatAddAt says so. Every kind the ribbon makes.
   */
  add(type: ConditionalFormatKind): MemConditionalFormat {
    return new MemConditionalFormat(
      this.context,
      () => {
        const t = this.need();
        guardFormats(t.sheet);
        if (!CONDITIONAL_FORMAT_KINDS.includes(type)) throw new MemoryExcelError('InvalidArgument', `未知的条件格式类型：${type}`);
        const cf: ConditionalFormatState = { id: this.context.wb.nextConditionalFormatId(), type, formula: '', fill: null, stopIfTrue: false, ranges: rectsOf(cellKeysOf(areasOf(t))) };
        if (type !== 'Custom') cf.parts = {};
        if (this.context.wb.behaviour.conditionalFormatAddAt === 'bottom') t.sheet.conditionalFormats.push(cf);
        else t.sheet.conditionalFormats.unshift(cf);
        return this.list().find((x) => x.cf === cf) as CfTarget;
      },
      payloadBytes(type),
      'ConditionalFormatCollection.add',
    );
  }

  getItem(id: string): MemConditionalFormat {
    return new MemConditionalFormat(this.context, () => {
      const hit = this.byId(id);
      if (!hit) throw new MemoryExcelError('ItemNotFound', `条件格式 ${id} 不存在`);
      return hit;
    }, payloadBytes(id));
  }

  /** ExcelApi 1.14 */
  getItemOrNullObject(id: string): MemConditionalFormat {
    if (!this.context.wb.supports(14)) throw apiNotFound('ConditionalFormatCollection.getItemOrNullObject', 14);
    return new MemConditionalFormat(this.context, () => this.byId(id) ?? null, payloadBytes(id));
  }

  getItemAt(index: number): MemConditionalFormat {
    return new MemConditionalFormat(this.context, () => {
      const hit = this.list()[index];
      if (!hit) throw new MemoryExcelError('ItemNotFound', `没有第 ${index} 个条件格式`);
      return hit;
    });
  }

  getCount(): XClientResult<number> {
    const result = new MemClientResult<number>(this.context);
    this.context.enqueue(() => result.set(this.list().length));
    return result;
  }

  /** “Clears all conditional formats active on the current specified range”: its cells leave every format (a format left with none is gone). */
  clearAll(): void {
    this.queueWrite('ConditionalFormatCollection.clearAll', (t) => {
      guardFormats(t.sheet);
      const drop = cellKeysOf(areasOf(t), MAX_COLS);
      for (const cf of t.sheet.conditionalFormats) cf.ranges = rectsOf([...cellKeysOf(cf.ranges, MAX_COLS)].filter((k) => !drop.has(k)), MAX_COLS);
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => cf.ranges.length > 0);
    });
  }

  protected override loadOne(name: string): void {
    const prev = this.peekItems();
    const props = name === '*' || name === 'items' ? ['id', 'type', 'priority', 'stopIfTrue'] : [name];
    const items = this.list().map((x, i) => (prev?.[i] ?? new MemConditionalFormat(this.context, null)).adopt(x, props));
    this.setLoaded('items', items);
  }

  private peekItems(): MemConditionalFormat[] | undefined {
    try {
      return this.get<MemConditionalFormat[]>('items');
    } catch {
      return undefined;
    }
  }

  protected read(_prop: string): unknown {
    return undefined;
  }

  /** the options name the properties of every item */
  load(options: Excel.Interfaces.ConditionalFormatCollectionLoadOptions & Excel.Interfaces.CollectionLoadOptions): MemConditionalFormats {
    this.loadOptions(options);
    return this;
  }
}

/** the kinds' members (`cellValue`, `cellValueOrNullObject`, …) besides `custom` */
const KIND_OF_MEMBER = new Map<string, ConditionalFormatKind>(CONDITIONAL_FORMAT_KINDS.filter((k) => k !== 'Custom').map((k) => [KIND_MEMBER[k], k]));

export class MemConditionalFormat extends ClientObj<CfTarget> implements XConditionalFormat {
  protected readonly scalarProps = ['id', 'type', 'priority', 'stopIfTrue'] as const;
  private customP?: MemCustomFormat;
  private customOrNullP?: MemCustomFormat;
  private kindP = new Map<string, MemKindFormat>();

  get id(): string {
    return this.get('id');
  }
  get type(): Excel.ConditionalFormat['type'] {
    return this.get('type');
  }
  get priority(): number {
    return this.get('priority');
  }
  /**
   * “Changing this also changes other conditional formats' priorities, to allow for a contiguous
   * priority order. Use a negative priority to begin from the back.” (d.ts). Here: the order of the sheet's formats.
   */
  set priority(v: number) {
    this.queueWrite('ConditionalFormat.priority', (t) => {
      live(t);
      guardFormats(t.sheet);
      const rest = t.sheet.conditionalFormats.filter((cf) => cf !== t.cf);
      const at = v < 0 ? Math.max(0, rest.length + 1 + v) : Math.min(v, rest.length);
      rest.splice(at, 0, t.cf);
      t.sheet.conditionalFormats = rest;
    }, payloadBytes(v));
  }
  get stopIfTrue(): boolean {
    return this.get('stopIfTrue');
  }
  set stopIfTrue(v: boolean) {
    this.queueWrite('ConditionalFormat.stopIfTrue', (t) => {
      live(t);
      guardFormats(t.sheet);
      t.cf.stopIfTrue = v === true;
    }, payloadBytes(v));
  }
  /** the custom rule's parts; not a Custom format: InvalidArgument */
  get custom(): MemCustomFormat {
    this.customP ??= new MemCustomFormat(this.context, () => {
      const t = live(this.need());
      if (t.cf.type !== 'Custom') throw new MemoryExcelError('InvalidArgument', '此条件格式不是自定义（Custom）类型');
      return t;
    });
    return this.customP;
  }
  /** the custom rule's parts; a null object when the format is not Custom */
  get customOrNullObject(): MemCustomFormat {
    this.customOrNullP ??= new MemCustomFormat(this.context, () => {
      const t = live(this.need());
      return t.cf.type === 'Custom' ? t : null;
    });
    return this.customOrNullP;
  }
  /** `cellValue`, `textComparison`, `topBottom`, `preset`, `colorScale`, `dataBar`, `iconSet` and their `…OrNullObject` */
  private kind(member: string): MemKindFormat {
    const orNull = member.endsWith('OrNullObject');
    const base = orNull ? member.slice(0, -'OrNullObject'.length) : member;
    const kind = KIND_OF_MEMBER.get(base) as ConditionalFormatKind;
    let p = this.kindP.get(member);
    if (!p) {
      p = new MemKindFormat(this.context, () => {
        const t = live(this.need());
        if (t.cf.type === kind) return t;
        if (orNull) return null;
        throw new MemoryExcelError('InvalidArgument', `此条件格式不是 ${kind} 类型`);
      }, kind);
      this.kindP.set(member, p);
    }
    return p;
  }
  get cellValue(): MemKindFormat {
    return this.kind('cellValue');
  }
  get cellValueOrNullObject(): MemKindFormat {
    return this.kind('cellValueOrNullObject');
  }
  get textComparison(): MemKindFormat {
    return this.kind('textComparison');
  }
  get textComparisonOrNullObject(): MemKindFormat {
    return this.kind('textComparisonOrNullObject');
  }
  get topBottom(): MemKindFormat {
    return this.kind('topBottom');
  }
  get topBottomOrNullObject(): MemKindFormat {
    return this.kind('topBottomOrNullObject');
  }
  get preset(): MemKindFormat {
    return this.kind('preset');
  }
  get presetOrNullObject(): MemKindFormat {
    return this.kind('presetOrNullObject');
  }
  get colorScale(): MemKindFormat {
    return this.kind('colorScale');
  }
  get colorScaleOrNullObject(): MemKindFormat {
    return this.kind('colorScaleOrNullObject');
  }
  get dataBar(): MemKindFormat {
    return this.kind('dataBar');
  }
  get dataBarOrNullObject(): MemKindFormat {
    return this.kind('dataBarOrNullObject');
  }
  get iconSet(): MemKindFormat {
    return this.kind('iconSet');
  }
  get iconSetOrNullObject(): MemKindFormat {
    return this.kind('iconSetOrNullObject');
  }
  /** loading a kind's parts (`customOrNullObject/rule/formula`, …): ExcelBehaviour.conditionalFormatReadFaults */
  protected override loadOne(name: string): void {
    const head = name.split('/')[0];
    if (name.includes('/') && (head === 'custom' || KIND_OF_MEMBER.has(head.replace(/OrNullObject$/, '').replace(/^customOrNull$/, 'custom')) || head === 'customOrNullObject')) readablePart(this.context, this.need());
    super.loadOne(name);
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    if (name === 'custom') return this.custom as unknown as ClientObj<unknown>;
    if (name === 'customOrNullObject') return this.customOrNullObject as unknown as ClientObj<unknown>;
    if (KIND_OF_MEMBER.has(name.replace(/OrNullObject$/, ''))) return this.kind(name) as unknown as ClientObj<unknown>;
    return undefined;
  }
  /**
   * With ExcelBehaviour.conditionalFormatReadFaults, a format reached through the whole sheet's
   * collection, on a cell another format also covers, is not found (office-js #5222).
   */
  delete(): void {
    this.queueWrite('ConditionalFormat.delete', (t) => {
      live(t);
      guardFormats(t.sheet);
      if (this.context.wb.behaviour.conditionalFormatReadFaults && t.whole) {
        const mine = cellKeysOf(t.cf.ranges, MAX_COLS);
        if (t.sheet.conditionalFormats.some((cf) => cf !== t.cf && [...cellKeysOf(cf.ranges, MAX_COLS)].some((k) => mine.has(k))))
          throw new MemoryExcelError('ItemNotFound', 'Item Not Found. (office-js #5222: a format deleted through the whole sheet’s collection where another format covers its cells)');
      }
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => cf !== t.cf);
    });
  }
  /** “Throws an error if the conditional format is applied to multiple ranges.” */
  getRange(): MemRange {
    return new MemRange(this.context, () => {
      const t = live(this.need());
      if (t.cf.ranges.length !== 1) throw new MemoryExcelError('InvalidOperation', '此条件格式应用于多个区域（请用 getRanges）');
      return { sheet: t.sheet, pos: { ...t.cf.ranges[0] } };
    });
  }
  /** ExcelApi 1.9: the RangeAreas the format applies to */
  getRanges(): MemAreas {
    if (!this.context.wb.supports(9)) throw apiNotFound('ConditionalFormat.getRanges', 9);
    return new MemAreas(this.context, () => {
      const t = live(this.need());
      const areas = t.cf.ranges.map((r) => ({ ...r }));
      return { sheet: t.sheet, pos: areas[0], areas };
    });
  }
  protected read(prop: string): unknown {
    const t = live(this.need());
    // d.ts: id is “the priority of the conditional format in the current ConditionalFormatCollection”
    if (prop === 'id') return this.context.wb.behaviour.conditionalFormatIdIsPosition ? String(t.list().indexOf(t.cf)) : t.cf.id;
    if (prop === 'type') return t.cf.type;
    if (prop === 'priority') return t.list().indexOf(t.cf);
    if (prop === 'stopIfTrue') return t.cf.stopIfTrue;
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.ConditionalFormatLoadOptions): MemConditionalFormat {
    this.loadOptions(options);
    return this;
  }
}

/**
 * The parts of a format of another kind than Custom (Excel.CellValueConditionalFormat,
 * TextConditionalFormat, TopBottomConditionalFormat, PresetCriteriaConditionalFormat,
 * ColorScaleConditionalFormat, DataBarConditionalFormat, IconSetConditionalFormat): each property
 * set is kept as written and read back as such; `format.fill` where the kind has a format.
 */
export class MemKindFormat extends RangePart<CfTarget> {
  protected readonly scalarProps = ['rule', 'criteria', 'style', 'barDirection', 'showDataBarOnly', 'reverseIconOrder', 'showIconOnly', 'threeColorScale'] as const;
  private formatP?: MemConditionalRangeFormat;
  constructor(
    context: MemoryRequestContext,
    derive: () => CfTarget | null,
    readonly kind: ConditionalFormatKind,
  ) {
    super(context, derive);
  }
  get format(): MemConditionalRangeFormat {
    this.formatP ??= new MemConditionalRangeFormat(this.context, () => this.need());
    return this.formatP;
  }
  private part(name: string): unknown {
    return this.get(name);
  }
  private setPart(name: string, v: unknown): void {
    this.queueWrite(`${this.kind}ConditionalFormat.${name}`, (t) => {
      live(t);
      guardFormats(t.sheet);
      t.cf.parts = { ...t.cf.parts, [name]: JSON.parse(JSON.stringify(v)) as unknown };
    }, payloadBytes(v));
  }
  get rule(): unknown {
    return this.part('rule');
  }
  set rule(v: unknown) {
    this.setPart('rule', v);
  }
  get criteria(): unknown {
    return this.part('criteria');
  }
  set criteria(v: unknown) {
    this.setPart('criteria', v);
  }
  get style(): unknown {
    return this.part('style');
  }
  set style(v: unknown) {
    this.setPart('style', v);
  }
  get barDirection(): unknown {
    return this.part('barDirection');
  }
  set barDirection(v: unknown) {
    this.setPart('barDirection', v);
  }
  get showDataBarOnly(): unknown {
    return this.part('showDataBarOnly');
  }
  set showDataBarOnly(v: unknown) {
    this.setPart('showDataBarOnly', v);
  }
  get reverseIconOrder(): unknown {
    return this.part('reverseIconOrder');
  }
  set reverseIconOrder(v: unknown) {
    this.setPart('reverseIconOrder', v);
  }
  get showIconOnly(): unknown {
    return this.part('showIconOnly');
  }
  set showIconOnly(v: unknown) {
    this.setPart('showIconOnly', v);
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    if (name === 'format') return this.format as unknown as ClientObj<unknown>;
    return undefined;
  }
  protected read(prop: string): unknown {
    const t = readablePart(this.context, this.need());
    if (prop === 'threeColorScale') {
      const c = t.cf.parts?.criteria as { midpoint?: unknown } | undefined;
      return c?.midpoint !== undefined && c.midpoint !== null;
    }
    return t.cf.parts?.[prop] ?? null;
  }
  load(options: object): MemKindFormat {
    this.loadOptions(options);
    return this;
  }
}

export class MemCustomFormat extends RangePart<CfTarget> implements XCustomConditionalFormat {
  protected readonly scalarProps = [] as const;
  private ruleP?: MemFormatRule;
  private formatP?: MemConditionalRangeFormat;
  get rule(): MemFormatRule {
    this.ruleP ??= new MemFormatRule(this.context, () => this.need());
    return this.ruleP;
  }
  get format(): MemConditionalRangeFormat {
    this.formatP ??= new MemConditionalRangeFormat(this.context, () => this.need());
    return this.formatP;
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    if (name === 'rule') return this.rule as unknown as ClientObj<unknown>;
    if (name === 'format') return this.format as unknown as ClientObj<unknown>;
    return undefined;
  }
  protected read(prop: string): unknown {
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.CustomConditionalFormatLoadOptions): MemCustomFormat {
    this.loadOptions(options);
    return this;
  }
}

export class MemFormatRule extends RangePart<CfTarget> implements XConditionalFormatRule {
  protected readonly scalarProps = ['formula'] as const;
  get formula(): string {
    return this.get('formula');
  }
  set formula(v: string) {
    this.queueWrite('ConditionalFormatRule.formula', (t) => {
      live(t);
      guardFormats(t.sheet);
      if (typeof v !== 'string' || !v.startsWith('=')) throw new MemoryExcelError('InvalidArgument', `条件格式公式应以“=”开头：${v}`);
      t.cf.formula = v;
    }, payloadBytes(v));
  }
  protected read(prop: string): unknown {
    if (prop === 'formula') return readablePart(this.context, this.need()).cf.formula;
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.ConditionalFormatRuleLoadOptions): MemFormatRule {
    this.loadOptions(options);
    return this;
  }
}

export class MemConditionalRangeFormat extends RangePart<CfTarget> implements XConditionalRangeFormat {
  protected readonly scalarProps = [] as const;
  private fillP?: MemConditionalFill;
  get fill(): MemConditionalFill {
    this.fillP ??= new MemConditionalFill(this.context, () => this.need());
    return this.fillP;
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    return name === 'fill' ? (this.fill as unknown as ClientObj<unknown>) : undefined;
  }
  protected read(prop: string): unknown {
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.ConditionalRangeFormatLoadOptions): MemConditionalRangeFormat {
    this.loadOptions(options);
    return this;
  }
}

export class MemConditionalFill extends RangePart<CfTarget> implements XConditionalRangeFill {
  protected readonly scalarProps = ['color'] as const;
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.queueWrite('ConditionalRangeFill.color', (t) => {
      live(t);
      guardFormats(t.sheet);
      t.cf.fill = v.toUpperCase();
    }, payloadBytes(v));
  }
  clear(): void {
    this.queueWrite('ConditionalRangeFill.clear', (t) => {
      live(t);
      guardFormats(t.sheet);
      t.cf.fill = null;
    });
  }
  protected read(prop: string): unknown {
    if (prop === 'color') return readablePart(this.context, this.need()).cf.fill;
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.ConditionalRangeFillLoadOptions): MemConditionalFill {
    this.loadOptions(options);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

export class MemWorksheet extends ClientObj<SheetState> implements XWorksheet {
  protected readonly scalarProps = ['id', 'name'] as const;
  private protectionP?: MemSheetProtection;

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
  get protection(): MemSheetProtection {
    this.protectionP ??= new MemSheetProtection(this.context, () => this.need());
    return this.protectionP;
  }
  protected override child(name: string): ClientObj<unknown> | undefined {
    return name === 'protection' ? (this.protection as unknown as ClientObj<unknown>) : undefined;
  }
  activate(): void {
    this.queueWrite('Worksheet.activate', (s) => {
      const wb = this.context.wb;
      if (wb.activeSheetId !== s.id) {
        wb.activeSheetId = s.id;
        wb.selection = { sheetId: s.id, range: { top: 0, left: 0, bottom: 0, right: 0 } };
        wb.emitActivated(s);
      }
    });
  }
  getRange(address?: string): MemRange {
    return new MemRange(
      this.context,
      () => {
        const sheet = this.need();
        let pos: RangePos;
        try {
          pos = address === undefined ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseAddress(address);
        } catch {
          throw new MemoryExcelError('InvalidArgument', `无效的区域地址：${address}`);
        }
        checkBounds(pos);
        return { sheet, pos };
      },
      payloadBytes(address ?? ''),
    );
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): MemRange {
    return new MemRange(this.context, () => {
      const pos = { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
      if (rowCount < 1 || columnCount < 1) throw new MemoryExcelError('InvalidArgument', '行数和列数必须至少为 1');
      checkBounds(pos);
      return { sheet: this.need(), pos };
    });
  }
  getRanges(address?: string): MemAreas {
    if (!this.context.wb.supports(9)) throw apiNotFound('Worksheet.getRanges', 9);
    return new MemAreas(this.context, () => {
      const sheet = this.need();
      let list: RangePos[];
      try {
        list = address === undefined ? [{ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 }] : address.split(/[,;]/).map((a) => parseAddress(a));
      } catch {
        throw new MemoryExcelError('InvalidArgument', `无效的区域地址：${address}`);
      }
      // a long multi-area address fails (office-js #5198; ExcelBehaviour.rangeAreasLimit)
      const limit = this.context.wb.behaviour.rangeAreasLimit;
      if (limit && address !== undefined && (list.length > limit.areas || address.length > limit.chars))
        throw new MemoryExcelError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${list.length} areas, ${address.length} characters)`);
      list.forEach(checkBounds);
      return { sheet, pos: list[0], areas: list };
    }, payloadBytes(address ?? ''));
  }
  getUsedRange(valuesOnly = false): MemRange {
    return new MemRange(this.context, () => {
      const sheet = this.need();
      return { sheet, pos: sheet.usedRange(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): MemRange {
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
  load(options: Excel.Interfaces.WorksheetLoadOptions): MemWorksheet {
    this.loadOptions(options);
    return this;
  }
}

export class MemSheetProtection extends ClientObj<SheetState> implements XWorksheetProtection {
  protected readonly scalarProps = ['protected', 'options'] as const;
  get protected(): boolean {
    return this.get('protected');
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.get('options');
  }
  protected read(prop: string): unknown {
    const p = this.need().protection;
    if (prop === 'protected') return p.protected;
    if (prop === 'options') return { ...p.options };
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.WorksheetProtectionLoadOptions): MemSheetProtection {
    this.loadOptions(options);
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
  get onActivated(): XEventHandlers<XActivatedEventArgs> {
    if (!this.context.wb.supports(7)) throw apiNotFound('WorksheetCollection.onActivated', 7);
    return new MemEventHandlers(this.context, this.context.wb.activatedListeners);
  }
  getItem(key: string): MemWorksheet {
    return new MemWorksheet(this.context, () => this.need().sheet(key));
  }
  getItemOrNullObject(key: string): MemWorksheet {
    return new MemWorksheet(this.context, () => this.need().findSheet(key) ?? null);
  }
  getActiveWorksheet(): MemWorksheet {
    return new MemWorksheet(this.context, () => this.need().activeSheet());
  }
  protected override loadOne(name: string): void {
    const wb = this.need();
    const prev = this.peekItems();
    const props = name === '*' || name === 'items' ? ['id', 'name'] : [name];
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
  /** the options name the properties of every item (“For EACH ITEM in the collection”) */
  load(options: Excel.Interfaces.WorksheetCollectionLoadOptions & Excel.Interfaces.CollectionLoadOptions): MemWorksheets {
    this.loadOptions(options);
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

function guardNotes(sheet: SheetState): void {
  guard({ sheet, pos: { top: 0, left: 0, bottom: 0, right: 0 } }, 'objects');
}

export class MemNote extends ClientObj<NoteTarget> implements XNote {
  protected readonly scalarProps = ['content', 'authorName'] as const;
  get content(): string {
    return this.get('content');
  }
  set content(v: string) {
    this.queueWrite('Note.content', (t) => {
      guardNotes(t.sheet);
      const n = t.sheet.notes.get(noteKey(t));
      if (!n) throw new MemoryExcelError('ItemNotFound', '批注不存在');
      n.content = v;
    }, payloadBytes(v));
  }
  delete(): void {
    this.queueWrite('Note.delete', (t) => {
      guardNotes(t.sheet);
      t.sheet.notes.delete(noteKey(t));
    });
  }
  getLocation(): MemRange {
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
  load(options: Excel.Interfaces.NoteLoadOptions): MemNote {
    this.loadOptions(options);
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
    } else if ('cells' in scope) {
      sheet = scope as SheetState;
    } else {
      sheet = wb.activeSheet();
    }
    const p = parseA1(cell.split(':')[0].replace(/\$/g, ''));
    return { sheet, row: p.row, col: p.col };
  }

  get items(): XNote[] {
    return this.get('items');
  }
  add(cellAddress: Excel.Range | string, content: unknown): MemNote {
    return new MemNote(this.context, () => {
      let t: NoteTarget;
      if (typeof cellAddress === 'string') t = this.locate(cellAddress);
      else if ((cellAddress as unknown) instanceof MemRange) {
        const r = (cellAddress as unknown as MemRange).need();
        t = { sheet: r.sheet, row: r.pos.top, col: r.pos.left };
      } else throw new MemoryExcelError('InvalidArgument', 'NoteCollection.add needs an address or a range of this context');
      guardNotes(t.sheet);
      if (t.sheet.notes.has(noteKey(t))) throw new MemoryExcelError('InvalidArgument', `单元格${rangeToA1({ top: t.row, left: t.col, bottom: t.row, right: t.col })}已有批注`);
      t.sheet.notes.set(noteKey(t), { content: String(content), authorName: 'jxmb' });
      return t;
    }, payloadBytes(content) + (typeof cellAddress === 'string' ? payloadBytes(cellAddress) : 0), 'NoteCollection.add');
  }
  getItemOrNullObject(key: string): MemNote {
    return new MemNote(this.context, () => {
      const t = this.locate(key);
      return t.sheet.notes.has(noteKey(t)) ? t : null;
    });
  }
  protected override loadOne(name: string): void {
    const { scope } = this.need();
    const sheets = 'cells' in scope ? [scope as SheetState] : (scope as MemoryWorkbook).sheets;
    const props = name === '*' || name === 'items' ? ['content'] : [name];
    const items: MemNote[] = [];
    for (const sheet of sheets)
      for (const k of sheet.notes.keys()) {
        const [row, col] = k.split(',').map(Number);
        items.push(new MemNote(this.context, null).adopt({ sheet, row, col }, props));
      }
    this.setLoaded('items', items);
  }
  protected read(_prop: string): unknown {
    return undefined;
  }
  load(options: Excel.Interfaces.NoteCollectionLoadOptions & Excel.Interfaces.CollectionLoadOptions): MemNotes {
    this.loadOptions(options);
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
    this.queueWrite('Setting.value', (t) => this.context.wb.settings.set(t.key, JSON.parse(JSON.stringify(v))), payloadBytes(v));
  }
  delete(): void {
    this.queueWrite('Setting.delete', (t) => this.context.wb.settings.delete(t.key));
  }
  protected read(prop: string): unknown {
    const t = this.need();
    if (prop === 'key') return t.key;
    if (prop === 'value') return this.context.wb.settings.get(t.key);
    throw notLoaded(prop);
  }
  load(options: Excel.Interfaces.SettingLoadOptions): MemSetting {
    this.loadOptions(options);
    return this;
  }
}

class MemSettings implements XSettingCollection {
  constructor(private readonly context: MemoryRequestContext) {}
  add(key: string, value: unknown): MemSetting {
    return new MemSetting(
      this.context,
      () => {
        this.context.wb.settings.set(key, JSON.parse(JSON.stringify(value)));
        return { key };
      },
      payloadBytes(key) + payloadBytes(value),
      'SettingCollection.add',
    );
  }
  getItemOrNullObject(key: string): MemSetting {
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
  get notes(): MemNotes {
    if (!this.context.wb.supports(18)) throw apiNotFound('Workbook.notes', 18);
    return new MemNotes(this.context, () => ({ scope: this.context.wb }));
  }
  getSelectedRange(): MemRange {
    return new MemRange(this.context, () => {
      const wb = this.context.wb;
      const sel = wb.selection;
      if (!sel) return { sheet: wb.activeSheet(), pos: { top: 0, left: 0, bottom: 0, right: 0 } };
      return { sheet: wb.sheet(sel.sheetId), pos: { ...sel.range } };
    });
  }
}
