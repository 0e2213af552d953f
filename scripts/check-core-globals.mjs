// The core (src/core/) runs in Node and in workers: it never names the page's globals (window,
// document, navigator, self, …), starts a worker, makes a blob: URL or touches WebGL. Those belong
// to the platform layer above it (src/platform/, src/render/, the element). The type checker
// resolves each name, so a comment, a string, a property or a local variable of the same name is
// not the global. Prints each use and fails if there is any.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Globals of a page or a worker's scope that Node lacks, or that start workers. */
const FORBIDDEN = new Set([
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'globalThis.postMessage',
  'Worker',
  'SharedWorker',
  'importScripts',
  'OffscreenCanvas',
  'ImageBitmap',
  'createImageBitmap',
  'requestAnimationFrame',
  'indexedDB',
  'localStorage',
  'sessionStorage',
  'customElements',
]);
/** WebGL and the DOM's element classes, by name. */
const FORBIDDEN_PREFIX = /^(WebGL|HTML|SVG)/;
/** Blob URLs (how the single-file bundle starts its workers). */
const FORBIDDEN_STATIC = new Map([['URL', new Set(['createObjectURL', 'revokeObjectURL'])]]);

const root = resolve(process.argv[2] ?? 'src/core');
const files = readdirSync(root, { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(root, f));

// The project's compiler options (the DOM library included, so its globals resolve to symbols).
const config = ts.getParsedCommandLineOfConfigFile(
  resolve('tsconfig.json'),
  { noEmit: true },
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const program = ts.createProgram(files, { ...config.options, noEmit: true });
const checker = program.getTypeChecker();

/** Declared by a library file (lib.*.d.ts or a package's types), not by our sources. */
const fromLibrary = (symbol) =>
  (symbol.declarations ?? []).length > 0 &&
  symbol.declarations.every((d) => {
    const file = d.getSourceFile();
    return program.isSourceFileDefaultLibrary(file) || file.fileName.includes('/node_modules/');
  });

/** The global symbols named above, as the checker sees them from `file`. */
function forbiddenSymbols(file) {
  const inScope = checker.getSymbolsInScope(file, ts.SymbolFlags.Value | ts.SymbolFlags.Type);
  return new Set(inScope.filter((s) => (FORBIDDEN.has(s.name) || FORBIDDEN_PREFIX.test(s.name)) && fromLibrary(s)));
}

const problems = [];
for (const file of program.getSourceFiles()) {
  if (!files.includes(resolve(file.fileName))) continue;
  const forbidden = forbiddenSymbols(file);
  const report = (node, what) => {
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
    problems.push(`${relative(process.cwd(), file.fileName)}:${line + 1}:${character + 1}: ${what}`);
  };
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      const symbol = ts.isShorthandPropertyAssignment(node.parent)
        ? checker.getShorthandAssignmentValueSymbol(node.parent)
        : checker.getSymbolAtLocation(node);
      if (symbol && forbidden.has(symbol)) report(node, `uses the global \`${symbol.name}\``);
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const statics = FORBIDDEN_STATIC.get(node.expression.text);
      const symbol = checker.getSymbolAtLocation(node.expression);
      if (statics?.has(node.name.text) && symbol && fromLibrary(symbol))
        report(node, `uses \`${node.expression.text}.${node.name.text}\``);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`${relative(process.cwd(), root) || '.'}/ must run in Node: move these to src/platform/.`);
  process.exit(1);
}
console.log(`No page or worker global in the ${files.length} modules under ${relative(process.cwd(), root) || '.'}/.`);
