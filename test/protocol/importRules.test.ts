/**
 * The map of the house (CONTRIBUTING.md, "What may import what") as a test: every import of every
 * file under src/ and webview/, parsed with TypeScript's own pre-processor (imports, re-exports,
 * `import type`, `require()` and `import()`, never a match inside a comment or a string), checked
 * against the layer rules. The rules are a pure function of the import list, so the cases below
 * show each one failing on a tree that breaks it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

type Layer = 'protocol' | 'engine' | 'inspector' | 'cli' | 'views' | 'webview';

/** An import as the rules see it: another file of the repository (by path from the root) or a package. */
type Target = { file: string } | { pkg: string };

/** The layer a repository path belongs to, or null for a file outside every layer (itself a violation). */
function layerOf(file: string): Layer | null {
  if (file.startsWith('webview/')) return 'webview';
  if (file.startsWith('src/protocol/')) return 'protocol';
  if (file.startsWith('src/engine/')) return 'engine';
  if (file.startsWith('src/inspector/')) return 'inspector';
  if (file === 'src/cli.ts' || file.startsWith('src/cli/')) return 'cli';
  if (file === 'src/extension.ts' || file.startsWith('src/views/')) return 'views';
  return null;
}

/** What src/views may take from src/engine: the client that starts the worker and talks to it. */
const ENGINE_CLIENT = ['src/engine/engineClient.ts', 'src/engine/restartingEngine.ts'];

/** The inspector's one way in for the CLI and the extension. */
const INSPECTOR_SURFACE = 'src/inspector/inspector.ts';

/** The layers every side imports; only src/protocol/ may be among them. */
const SIDES: readonly Layer[] = ['webview', 'views', 'cli', 'engine'];

/** Every broken rule, one line each; empty when the tree keeps them all. */
function importViolations(imports: ReadonlyMap<string, readonly Target[]>): string[] {
  const out: string[] = [];
  const usedBy = new Map<Layer, Set<Layer>>();
  for (const [file, targets] of imports) {
    const from = layerOf(file);
    if (!from) {
      out.push(`${file}: outside every layer (add it to the map in CONTRIBUTING.md and here)`);
      continue;
    }
    for (const t of targets) {
      if ('pkg' in t) {
        const node = isBuiltin(t.pkg);
        if (t.pkg === 'vscode' && from !== 'views') out.push(`${file}: imports vscode (only src/extension.ts and src/views/ may)`);
        else if (from === 'protocol') out.push(`${file}: imports ${t.pkg} (src/protocol/ imports only itself)`);
        else if (from === 'webview' && node) out.push(`${file}: imports ${t.pkg} (the webview runs in a browser)`);
        continue;
      }
      const to = layerOf(t.file);
      if (to === from) continue;
      if (to) {
        if (!usedBy.has(to)) usedBy.set(to, new Set());
        usedBy.get(to)!.add(from);
      }
      const broken =
        to === null ? `${t.file} is outside every layer`
          : from === 'protocol' ? 'src/protocol/ imports nothing from the other layers'
            : from === 'webview' && to !== 'protocol' ? 'webview/ imports only webview/ and src/protocol/'
              : (from === 'engine' || from === 'inspector') && (to === 'views' || to === 'cli' || to === 'webview')
                ? 'src/engine/ and src/inspector/ import nothing from the extension, the CLI or the webview'
                : from === 'views' && to === 'engine' && !ENGINE_CLIENT.includes(t.file) ? 'src/views/ takes from src/engine/ only the engine client'
                  : from === 'cli' && (to === 'views' || to === 'webview') ? 'the CLI imports nothing from the extension or the webview'
                    : (from === 'cli' || from === 'views') && to === 'inspector' && t.file !== INSPECTOR_SURFACE ? 'the CLI and the extension reach src/inspector/ through inspector.ts alone'
                    : from === 'views' && to === 'webview' ? 'the extension loads the webview bundle, never its modules'
                      : null;
      if (broken) out.push(`${file}: imports ${t.file} (${broken})`);
    }
  }
  const shared = (['protocol', 'engine', 'inspector', 'cli', 'views', 'webview'] as Layer[]).filter((l) =>
    SIDES.every((side) => side === l || usedBy.get(l)?.has(side)),
  );
  if (shared.join() !== 'protocol') out.push(`imported by every side (${SIDES.join(', ')}): ${shared.join(', ') || 'nothing'}; it must be src/protocol/ alone`);
  return out;
}

/** The import list of the real tree: relative specifiers resolved to files, which must exist. */
function treeImports(): Map<string, Target[]> {
  const files = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'webview'))];
  const out = new Map<string, Target[]>();
  for (const abs of files) {
    const file = relative(ROOT, abs).split(sep).join('/');
    const specs = ts.preProcessFile(readFileSync(abs, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
    out.set(file, specs.map((spec): Target => {
      if (!spec.startsWith('.')) return { pkg: spec };
      const base = resolve(dirname(abs), spec);
      const hit = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
      assert.ok(hit, `${file}: cannot resolve '${spec}'`);
      return { file: relative(ROOT, hit).split(sep).join('/') };
    }));
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

test('every import under src/ and webview/ keeps the layer rules', () => {
  const imports = treeImports();
  assert.ok(imports.size > 200, `${imports.size} files parsed`);
  assert.ok([...imports.values()].flat().some((t) => 'file' in t && t.file === 'src/protocol/engineApi.ts'), 'imports were read');
  assert.deepEqual(importViolations(imports), []);
});

test('each rule fails on a tree that breaks it', () => {
  // A small tree that keeps every rule: protocol shared by every side, the rest apart.
  const good: [string, Target[]][] = [
    ['src/protocol/engineApi.ts', [{ file: 'src/protocol/rpc.ts' }]],
    ['src/protocol/rpc.ts', []],
    ['src/engine/engine.ts', [{ file: 'src/protocol/engineApi.ts' }, { pkg: 'node:fs' }]],
    ['src/engine/engineClient.ts', [{ file: 'src/protocol/rpc.ts' }]],
    ['src/inspector/inspector.ts', [{ pkg: 'devtools-protocol' }, { file: 'src/protocol/format.ts' }, { file: 'src/inspector/cdp.ts' }]],
    ['src/inspector/cdp.ts', []],
    ['src/cli/summaryCommand.ts', [{ file: 'src/protocol/engineApi.ts' }, { file: 'src/engine/engineClient.ts' }, { file: 'src/inspector/inspector.ts' }]],
    ['src/views/engineHost.ts', [{ pkg: 'vscode' }, { file: 'src/engine/engineClient.ts' }, { file: 'src/protocol/rpc.ts' }]],
    ['webview/main.ts', [{ pkg: 'd3-selection' }, { file: 'src/protocol/rpc.ts' }, { file: 'webview/table.ts' }]],
    ['webview/table.ts', []],
  ];
  assert.deepEqual(importViolations(new Map(good)), []);
  const cases: [string, string, Target, RegExp][] = [
    ['the engine imports vscode', 'src/engine/engine.ts', { pkg: 'vscode' }, /imports vscode/],
    ['the inspector imports vscode', 'src/inspector/inspector.ts', { pkg: 'vscode' }, /imports vscode/],
    ['the engine imports the extension', 'src/engine/engine.ts', { file: 'src/views/engineHost.ts' }, /src\/engine\/ and src\/inspector\/ import nothing/],
    ['the inspector imports the CLI', 'src/inspector/inspector.ts', { file: 'src/cli/summaryCommand.ts' }, /src\/engine\/ and src\/inspector\/ import nothing/],
    ['the engine imports the webview', 'src/engine/engine.ts', { file: 'webview/table.ts' }, /src\/engine\/ and src\/inspector\/ import nothing/],
    ['the webview imports the extension', 'webview/main.ts', { file: 'src/views/engineHost.ts' }, /webview\/ imports only webview\/ and src\/protocol\//],
    ['the webview imports the engine', 'webview/main.ts', { file: 'src/engine/engine.ts' }, /webview\/ imports only/],
    ['the webview imports a Node module', 'webview/main.ts', { pkg: 'node:path' }, /runs in a browser/],
    ['the extension imports engine internals', 'src/views/engineHost.ts', { file: 'src/engine/engine.ts' }, /only the engine client/],
    ['protocol imports the engine', 'src/protocol/rpc.ts', { file: 'src/engine/engine.ts' }, /src\/protocol\/ imports nothing/],
    ['protocol imports a package', 'src/protocol/rpc.ts', { pkg: 'node:crypto' }, /imports only itself/],
    ['the CLI imports the extension', 'src/cli/summaryCommand.ts', { file: 'src/views/engineHost.ts' }, /the CLI imports nothing from the extension/],
    ['the CLI reaches into the inspector', 'src/cli/summaryCommand.ts', { file: 'src/inspector/cdp.ts' }, /through inspector\.ts alone/],
    ['the extension reaches into the inspector', 'src/views/engineHost.ts', { file: 'src/inspector/cdp.ts' }, /through inspector\.ts alone/],
    ['the CLI imports vscode', 'src/cli/summaryCommand.ts', { pkg: 'vscode' }, /imports vscode/],
    ['the extension imports a webview module', 'src/views/engineHost.ts', { file: 'webview/table.ts' }, /never its modules/],
    ['a file outside every layer', 'src/utils/misc.ts', { file: 'src/protocol/rpc.ts' }, /outside every layer/],
    ['an import of a file outside every layer', 'src/engine/engine.ts', { file: 'src/shared/types.ts' }, /outside every layer/],
  ];
  for (const [name, file, target, message] of cases) {
    const tree = new Map(good.map(([f, t]): [string, Target[]] => [f, f === file ? [...t, target] : t]));
    if (!tree.has(file)) tree.set(file, [target]);
    const found = importViolations(tree);
    assert.ok(found.some((v) => v.startsWith(`${file}:`) && message.test(v)), `${name}: ${JSON.stringify(found)}`);
  }
  // Something besides protocol imported by every side (here a shared engine module), or protocol not shared.
  const alsoShared = new Map(good.map(([f, t]): [string, Target[]] => [f, f.startsWith('webview/') || f.startsWith('src/cli/') || f.startsWith('src/views/') ? [...t, { file: 'src/engine/engineClient.ts' }] : t]));
  assert.ok(importViolations(alsoShared).some((v) => /imported by every side .*: protocol, engine;/.test(v)), JSON.stringify(importViolations(alsoShared)));
  const notShared = new Map(good.map(([f, t]): [string, Target[]] => [f, f.startsWith('src/engine/') ? [] : t]));
  assert.ok(importViolations(notShared).some((v) => /imported by every side .*: nothing;/.test(v)), JSON.stringify(importViolations(notShared)));
});
