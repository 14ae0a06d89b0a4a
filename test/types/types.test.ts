/**
 * The type-test fixtures compiled with the project's own compiler options: ./misuse.ts (each
 * marked misuse of Office.js must fail to compile) and ./conforms.ts (the adapter's uses compile,
 * and the real Office.js objects are the adapter's views). `npm run lint` compiles them too; this
 * test also proves each marked line fails for itself: without its `@ts-expect-error` it is an error.
 */
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const misuse = path.join(__dirname, 'misuse.ts');
const conforms = path.join(__dirname, 'conforms.ts');

function compilerOptions(): ts.CompilerOptions {
  const file = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(file.config, ts.sys, root);
  return { ...parsed.options, noEmit: true };
}

let previous: ts.Program | undefined;

/** diagnostics of `files`, with `override` standing in for the text of some of them (the lib files of the last program are reused) */
function diagnostics(files: string[], override: Map<string, string> = new Map()): ts.Diagnostic[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) => {
    const text = override.get(path.resolve(name));
    return text === undefined ? read(name, lang, onError, create) : ts.createSourceFile(name, text, lang);
  };
  const program = ts.createProgram(files, options, host, previous);
  previous = program;
  const wanted = new Set(files.map((f) => path.resolve(f)));
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file && wanted.has(path.resolve(d.file.fileName)));
}

const show = (d: ts.Diagnostic) => `${path.basename(d.file!.fileName)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;

describe('Office.js misuse does not compile', () => {
  test('the fixtures compile as they are: every expected error occurs (no unused @ts-expect-error), the conforming uses compile', () => {
    expect(diagnostics([misuse, conforms]).map(show)).toEqual([]);
  }, 120000);

  test('each marked misuse is an error of its own: without its directive, that line fails', () => {
    const text = ts.sys.readFile(misuse) as string;
    const lines = text.split('\n');
    const marked: number[] = [];
    const stripped = lines.map((l, i) => {
      if (!/^\s*\/\/ @ts-expect-error/.test(l)) return l;
      marked.push(i + 2); // 1-based number of the line after the directive
      return '';
    });
    expect(marked.length).toBeGreaterThanOrEqual(12);
    const errors = diagnostics([misuse], new Map([[path.resolve(misuse), stripped.join('\n')]]));
    const failing = new Set(errors.map((d) => d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1));
    for (const line of marked) expect([line, lines[line - 1].trim(), failing.has(line)]).toEqual([line, lines[line - 1].trim(), true]);
    // and nothing else fails: the errors are the marked misuses
    expect([...failing].filter((l) => !marked.includes(l))).toEqual([]);
  }, 120000);
});
