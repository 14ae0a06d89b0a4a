/**
 * Requirement sets, checked against @types/office-js itself: every Office member the adapter
 * (src/excel, the in-memory Excel aside) uses — property, method, argument, load option, event
 * field — is resolved by the compiler to its declaration in @types/office-js, whose JSDoc says
 * `[Api set: ExcelApi 1.x]`. Each use must be at or below what manifest.xml requires, or sit
 * behind the capability check for that set (src/excel/capabilities.ts: `if (caps.x) …`,
 * `caps.x && …`, `caps.x ? … : …`, an early `if (!caps.x) return`, or a function marked
 * `@requires caps.x` whose every call is itself behind that check). docs/excel.md's list of what
 * degrades on older Excel is checked against the same data.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { CAPABILITY_SETS, DEGRADED, type Capability } from '../../src/excel/capabilities';

const root = path.resolve(__dirname, '../..');
// the real path: TypeScript resolves a symlinked node_modules (a worktree's) to where it points
const officeTypes = fs.realpathSync(path.join(root, 'node_modules/@types/office-js/index.d.ts'));
const realPaths = new Map<string, string>();
const realPath = (f: string): string => {
  let r = realPaths.get(f);
  if (r === undefined) realPaths.set(f, (r = fs.existsSync(f) ? fs.realpathSync(f) : path.resolve(f)));
  return r;
};

function adapterFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'memory') out.push(...adapterFiles(p));
    } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** the ExcelApi minor version manifest.xml requires */
function manifestMinor(): number {
  const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="1\.(\d+)"\s*\/>/.exec(xml);
  if (!m) throw new Error('manifest.xml names no ExcelApi requirement set');
  return Number(m[1]);
}

/** What a declaration needs: the highest ExcelApi minor its `[Api set: …]` names (another set: Infinity); undefined: untagged. */
function setOf(doc: string): number | undefined {
  const tags = [...doc.matchAll(/\[Api set: ([^\]]*)\]/g)].map((m) => m[1]);
  if (tags.length === 0) return undefined;
  let need = 0;
  for (const t of tags) {
    const cleaned = t.replace(/ExcelApi Preview[^,;]*/g, '');
    if (/ExcelApi(Online|Desktop)|WordApi|OneNoteApi|PowerPointApi|Mailbox/.test(cleaned)) return Infinity;
    for (const m of cleaned.matchAll(/1\.(\d+)/g)) need = Math.max(need, Number(m[1]));
  }
  return need;
}

function leadingDoc(node: ts.Node): string {
  const sf = node.getSourceFile();
  return sf.text.slice(node.getFullStart(), node.getStart(sf));
}

/** the requirement of a member declared in @types/office-js (falling back to its class's tag) */
function requirementOf(decl: ts.Declaration): number | undefined {
  const own = setOf(leadingDoc(decl));
  if (own !== undefined) return own;
  let p: ts.Node | undefined = decl.parent;
  while (p && !ts.isClassDeclaration(p) && !ts.isInterfaceDeclaration(p)) p = p.parent;
  return p ? setOf(leadingDoc(p)) : undefined;
}

/** the requirement `@param name … [Api set: …]` of a declaration puts on one of its parameters */
function paramRequirement(decl: ts.Declaration, name: string): number | undefined {
  const doc = leadingDoc(decl);
  const m = new RegExp(`@param ${name}\\b([^@]*)`).exec(doc);
  return m ? setOf(m[1]) : undefined;
}

interface Use {
  where: string;
  member: string;
  need: number;
  guards: Set<Capability>;
}

function analyse(files: string[]) {
  const file = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(file.config, ts.sys, root);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const caps = new Set(Object.keys(CAPABILITY_SETS));
  const uses: Use[] = [];
  const requiresCalls: { where: string; fn: string; need: Capability[]; guards: Set<Capability> }[] = [];
  const officeDecl = (s: ts.Symbol | undefined): ts.Declaration | undefined => {
    const d = s?.declarations?.[0];
    return d && realPath(d.getSourceFile().fileName) === officeTypes ? d : undefined;
  };

  const isCapsAccess = (e: ts.Expression): Capability | undefined => {
    if (!ts.isPropertyAccessExpression(e) || !caps.has(e.name.text)) return undefined;
    const t = checker.getTypeAtLocation(e.expression);
    return t.getProperty('messages') && t.getProperty('liveEvents') ? (e.name.text as Capability) : undefined;
  };
  const whenTrue = (e: ts.Expression): Capability[] => {
    if (ts.isParenthesizedExpression(e)) return whenTrue(e.expression);
    const c = isCapsAccess(e);
    if (c) return [c];
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...whenTrue(e.left), ...whenTrue(e.right)];
    return [];
  };
  const whenFalse = (e: ts.Expression): Capability[] => {
    if (ts.isParenthesizedExpression(e)) return whenFalse(e.expression);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return whenTrue(e.operand);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...whenFalse(e.left), ...whenFalse(e.right)];
    return [];
  };
  const jumps = (s: ts.Statement): boolean =>
    ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isContinueStatement(s) || ts.isBreakStatement(s) || (ts.isBlock(s) && s.statements.length > 0 && jumps(s.statements[s.statements.length - 1]));
  const requiresOf = (fn: ts.Node): Capability[] =>
    [...leadingDoc(fn).matchAll(/@requires caps\.(\w+)/g)].map((m) => m[1]).filter((c): c is Capability => caps.has(c));

  /** the capabilities known to be true at `node` */
  function guardsAt(node: ts.Node): Set<Capability> {
    const out = new Set<Capability>();
    let child: ts.Node = node;
    for (let p = node.parent; p; child = p, p = p.parent) {
      if (ts.isIfStatement(p)) {
        if (child === p.thenStatement) whenTrue(p.expression).forEach((c) => out.add(c));
        if (child === p.elseStatement) whenFalse(p.expression).forEach((c) => out.add(c));
      } else if (ts.isConditionalExpression(p)) {
        if (child === p.whenTrue) whenTrue(p.condition).forEach((c) => out.add(c));
        if (child === p.whenFalse) whenFalse(p.condition).forEach((c) => out.add(c));
      } else if (ts.isBinaryExpression(p) && child === p.right) {
        if (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) whenTrue(p.left).forEach((c) => out.add(c));
        if (p.operatorToken.kind === ts.SyntaxKind.BarBarToken) whenFalse(p.left).forEach((c) => out.add(c));
      } else if (ts.isBlock(p) || ts.isSourceFile(p)) {
        for (const s of p.statements) {
          if (s === child) break;
          if (ts.isIfStatement(s) && !s.elseStatement && jumps(s.thenStatement)) whenFalse(s.expression).forEach((c) => out.add(c));
        }
      } else if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) requiresOf(p).forEach((c) => out.add(c));
    }
    return out;
  }

  const where = (n: ts.Node) => {
    const sf = n.getSourceFile();
    return `${path.relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  };
  const record = (n: ts.Node, decl: ts.Declaration, extra = 0) => {
    const need = Math.max(requirementOf(decl) ?? 0, extra);
    const owner = decl.parent && (ts.isClassDeclaration(decl.parent) || ts.isInterfaceDeclaration(decl.parent)) && decl.parent.name ? `${decl.parent.name.text}.` : '';
    uses.push({ where: where(n), member: `${owner}${(decl as ts.NamedDeclaration).name?.getText() ?? '?'}`, need, guards: guardsAt(n) });
  };

  /** the properties of an options literal, against the Office.js type it stands for */
  function walkLiteral(lit: ts.ObjectLiteralExpression, shape: ts.Type | undefined, at: ts.Node): void {
    for (const p of lit.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
      const name = p.name.getText();
      const prop = shape ? checker.getPropertyOfType(checker.getNonNullableType(shape), name) ?? shape.getNonNullableType().getProperty(name) : undefined;
      const d = officeDecl(prop);
      if (d) record(at === lit ? p : at, d);
      const init = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
      if (init && ts.isObjectLiteralExpression(init) && prop) walkLiteral(init, checker.getNonNullableType(checker.getTypeOfSymbol(prop)), at === lit ? init : at);
    }
  }
  /**
   * The Office.js type an argument stands for: for the view's exact-options methods
   * (`<T extends O>(options: T & Exact<T, O>)`), the constraint O; otherwise the parameter's type.
   */
  function parameterShape(call: ts.CallExpression, index: number): ts.Type | undefined {
    const sigs = checker.getSignaturesOfType(checker.getTypeAtLocation(call.expression), ts.SignatureKind.Call);
    const tps = sigs.length === 1 ? sigs[0].getTypeParameters() : undefined;
    if (tps && tps.length === 1 && index === 0) return tps[0].getConstraint();
    const p = checker.getResolvedSignature(call)?.parameters[index];
    return p ? checker.getTypeOfSymbolAtLocation(p, call) : undefined;
  }
  const unwrap = (e: ts.Expression): ts.Expression => (ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e);

  function visit(n: ts.Node): void {
    if (ts.isPropertyAccessExpression(n)) {
      const d = officeDecl(checker.getSymbolAtLocation(n.name));
      if (d) record(n, d);
    }
    if (ts.isCallExpression(n)) {
      const callee = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression);
      const d = officeDecl(callee);
      if (d && (ts.isMethodDeclaration(d) || ts.isMethodSignature(d) || ts.isFunctionDeclaration(d))) {
        // an argument that only a later set accepts (`@param valuesOnly … [Api set: ExcelApi 1.2]`)
        d.parameters.forEach((param, i) => {
          if (i < n.arguments.length) {
            const need = paramRequirement(d, param.name.getText());
            if (need !== undefined) record(n.arguments[i], d, need);
          }
        });
      }
      // the options passed, inline or as a constant, against the parameter's Office.js type
      n.arguments.forEach((arg, i) => {
        let lit: ts.Expression = unwrap(arg);
        if (ts.isIdentifier(lit)) {
          const decl = checker.getSymbolAtLocation(lit)?.valueDeclaration;
          if (decl && ts.isVariableDeclaration(decl) && decl.initializer) lit = unwrap(decl.initializer);
        }
        if (ts.isObjectLiteralExpression(lit)) walkLiteral(lit, parameterShape(n, i), lit === unwrap(arg) ? lit : arg);
      });
      // a call of a function marked `@requires caps.x`
      const target = callee && (callee.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(callee) : callee);
      const fd = target?.valueDeclaration;
      if (fd && ts.isFunctionDeclaration(fd) && requiresOf(fd).length > 0) requiresCalls.push({ where: where(n), fn: fd.name?.text ?? '?', need: requiresOf(fd), guards: guardsAt(n) });
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isObjectLiteralExpression(unwrap(n.right))) {
      // an object assigned to an Office property (`dataValidation.rule = { list: … }`)
      walkLiteral(unwrap(n.right) as ts.ObjectLiteralExpression, checker.getTypeAtLocation(n.left), unwrap(n.right));
    }
    ts.forEachChild(n, visit);
  }
  for (const f of files) visit(program.getSourceFile(f) as ts.SourceFile);
  // references to a `@requires` function that are not calls cannot be checked
  return { uses, requiresCalls };
}

describe('requirement sets (manifest.xml: ExcelApi 1.8)', () => {
  const min = manifestMinor();
  let data: ReturnType<typeof analyse>;
  beforeAll(() => {
    data = analyse(adapterFiles(path.join(root, 'src/excel')));
  }, 120000);

  /** what the checks below call a fault */
  const unguarded = (d: ReturnType<typeof analyse>) => [
    ...d.uses.filter((u) => u.need > min && ![...u.guards].some((c) => CAPABILITY_SETS[c] >= u.need)).map((u) => u.where),
    ...d.requiresCalls.filter((c) => !c.need.every((n) => [...c.guards].some((g) => CAPABILITY_SETS[g] >= CAPABILITY_SETS[n]))).map((c) => c.where),
  ];

  test('negative control: in a fixture, exactly the unguarded uses and calls are found', () => {
    const fixture = path.join(root, 'test/types/unguarded.ts');
    const lines = fs.readFileSync(fixture, 'utf8').split('\n');
    const flagged = lines.flatMap((l, i) => (l.includes('// FLAGGED') ? [`test/types/unguarded.ts:${i + 1}`] : []));
    expect(flagged.length).toBe(4);
    expect([...new Set(unguarded(analyse([fixture])))].sort()).toEqual(flagged.sort());
  }, 120000);

  test('the manifest asks for ExcelApi 1.8', () => {
    expect(min).toBe(8);
  });

  test('the walk sees the adapter’s Office.js uses (negative control: it finds later sets, and the guards around them)', () => {
    const later = data.uses.filter((u) => u.need > min);
    expect(data.uses.length).toBeGreaterThan(150);
    expect(later.length).toBeGreaterThan(10);
    const members = new Set(later.map((u) => u.member));
    for (const m of ['Range.getMergedAreasOrNullObject', 'Range.getCellProperties', 'Range.getRowProperties', 'Worksheet.notes', 'WorksheetChangedEventArgs.triggerSource', 'Worksheet.getRanges', 'RangeAreas.conditionalFormats', 'ConditionalFormat.getRanges', 'RunOptions.mergeUndoGroup'])
      expect([m, members.has(m)]).toEqual([m, true]);
  });

  test('every use of a set above 1.8 sits behind the capability for that set', () => {
    expect(unguarded(data)).toEqual([]);
    const bad = data.uses
      .filter((u) => u.need > min)
      .filter((u) => ![...u.guards].some((c) => CAPABILITY_SETS[c] >= u.need))
      .map((u) => `${u.where} ${u.member} needs ExcelApi 1.${u.need}, guarded by ${[...u.guards].join(', ') || 'nothing'}`);
    expect(bad).toEqual([]);
  });

  test('every call of a function marked @requires caps.x is behind caps.x (or inside another such function)', () => {
    expect(data.requiresCalls.length).toBeGreaterThan(3);
    const bad = data.requiresCalls
      .filter((c) => !c.need.every((n) => [...c.guards].some((g) => CAPABILITY_SETS[g] >= CAPABILITY_SETS[n])))
      .map((c) => `${c.where} ${c.fn} needs ${c.need.join(', ')}, guarded by ${[...c.guards].join(', ') || 'nothing'}`);
    expect(bad).toEqual([]);
  });

  test('each capability stands for the highest set it guards (none claims more than it needs)', () => {
    for (const [cap, minor] of Object.entries(CAPABILITY_SETS)) {
      // the uses this capability's check makes safe (a use may sit behind several checks)
      const guarded = data.uses.filter((u) => u.need > min && u.need <= minor && u.guards.has(cap as Capability)).map((u) => u.need);
      expect([cap, guarded.length > 0]).toEqual([cap, true]);
      expect([cap, Math.max(...guarded)]).toEqual([cap, minor]);
    }
  });

  test('the pane’s messages and docs/excel.md’s list of what degrades on older Excel match the capabilities', () => {
    for (const [cap, message] of Object.entries(DEGRADED)) expect([cap, message.includes(`ExcelApi 1.${CAPABILITY_SETS[cap as Capability]}`)]).toEqual([cap, true]);
    const doc = fs.readFileSync(path.join(root, 'docs/excel.md'), 'utf8');
    const section = doc.slice(doc.indexOf('<!-- requirement-sets -->'), doc.indexOf('<!-- /requirement-sets -->'));
    expect(section.length).toBeGreaterThan(100);
    expect(section).toContain(`ExcelApi 1.${min}`);
    const rows = [...section.matchAll(/^\|\s*`(\w+)`[^|]*\|\s*ExcelApi 1\.(\d+)\s*\|/gm)].map((m) => [m[1], Number(m[2])]);
    const expected = Object.entries(DEGRADED).map(([cap]) => [cap, CAPABILITY_SETS[cap as Capability]]);
    expect(rows.sort()).toEqual(expected.sort());
  });
});
