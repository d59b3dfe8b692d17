import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const RULE = '@typescript-eslint/no-restricted-imports';

/** One entry of scripts/layers.json: the allowed import graph (docs/architecture.md). */
interface Layer {
  name: string;
  path: string;
  role: string;
  mayImport: string[];
  vscode?: boolean;
  node?: boolean;
  only?: Record<string, string[]>;
}

const { layers } = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/layers.json'), 'utf8')) as { layers: Layer[] };
const byName = new Map(layers.map((layer) => [layer.name, layer]));
const codeLayers = layers.filter((layer) => layer.path.startsWith('src/') || layer.path.startsWith('webview/'));
const NODE_BUILTINS = new Set(builtinModules);

const relativeToRoot = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: imports (type-only too), `export … from`, `import()` and `require()`. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

/** The file a relative import names, relative to the repository root; undefined when there is none. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [`${base}.ts`, base, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  return found === undefined ? undefined : relativeToRoot(found);
}

/** The layer a repository path belongs to: the one with the longest matching path. */
function layerOf(file: string): Layer | undefined {
  return layers
    .filter((layer) => file === layer.path || file.startsWith(`${layer.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

const isNodeBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier);

/** What is wrong with one import of `file` (in `layer`) by scripts/layers.json; undefined when nothing is. */
function violation(file: string, layer: Layer, specifier: string): string | undefined {
  const where = `${relativeToRoot(file)} imports '${specifier}'`;
  if (!specifier.startsWith('.')) {
    if (specifier === 'vscode' && layer.vscode === false) return `${where}: ${layer.path} may not import vscode`;
    if (isNodeBuiltin(specifier) && layer.node === false) return `${where}: ${layer.path} may not import Node modules`;
    return undefined;
  }
  const target = resolveImport(file, specifier);
  if (target === undefined) return `${where}: no such file`;
  const targetLayer = layerOf(target);
  if (targetLayer === undefined) return `${where}: ${target} is in no layer of scripts/layers.json`;
  if (targetLayer === layer) return undefined;
  if (!layer.mayImport.includes(targetLayer.name)) return `${where}: ${layer.name} may not import ${targetLayer.name}`;
  const only = layer.only?.[targetLayer.name];
  if (only && !only.includes(target)) return `${where}: ${layer.name} may import only ${only.join(', ')} of ${targetLayer.name}`;
  return undefined;
}

/** Files reachable from `start` through relative imports (type-only ones too), and the packages they name. */
function closure(start: readonly string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const pending = [...start];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.ts')) continue;
    for (const specifier of importsOf(path.join(ROOT, file))) {
      if (!specifier.startsWith('.')) {
        if (!packages.has(specifier)) packages.set(specifier, file);
        continue;
      }
      const target = resolveImport(path.join(ROOT, file), specifier);
      assert.ok(target, `${file}: cannot resolve '${specifier}'`);
      pending.push(target);
    }
  }
  return { files, packages };
}

/** A relative import from a file in `folder` to `target` (both relative to the root), as one would write it. */
function specifierTo(folder: string, target: string): string {
  const relative = path.posix.relative(folder, target.replace(/\.ts$/, ''));
  return relative.startsWith('../') ? relative : `./${relative}`;
}

/** A file of `layer` to plant an import of (a listed one when the importer is limited to some). */
function sampleFileOf(layer: Layer, allowedOnly?: readonly string[]): string {
  if (allowedOnly?.[0]) return allowedOnly[0];
  return layer.path.endsWith('.ts') ? layer.path : `${layer.path}/planted/sample.ts`;
}

describe('architecture', () => {
  it('every import of every file under src/ and webview/src follows scripts/layers.json', () => {
    const files = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'webview/src'))];
    assert.ok(files.length > 100, `only ${files.length} files found`);
    const problems = files.flatMap((file) => {
      const layer = layerOf(relativeToRoot(file));
      if (layer === undefined) return [`${relativeToRoot(file)} is in no layer of scripts/layers.json`];
      return importsOf(file).flatMap((specifier) => violation(file, layer, specifier) ?? []);
    });
    assert.deepEqual(problems, []);
  });

  it("no file sits deeper in its layer than eslint.config.mjs generates rules for (MAX_DEPTH)", () => {
    const maxDepth = Number(/const MAX_DEPTH = (\d+);/.exec(fs.readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8'))?.[1]);
    assert.ok(maxDepth > 0);
    const tooDeep = codeLayers
      .filter((layer) => !layer.path.endsWith('.ts'))
      .flatMap((layer) => sourceFiles(path.join(ROOT, layer.path)).map((file) => path.relative(path.join(ROOT, layer.path), file).split(path.sep).length - 1).filter((depth) => depth > maxDepth).map((depth) => `${layer.path}: a file ${depth} folders down`));
    assert.deepEqual(tooDeep, []);
  });

  it('scripts/layers.json names only known layers and never lets a layer import one that imports it back', () => {
    for (const layer of layers) for (const name of [...layer.mayImport, ...Object.keys(layer.only ?? {})]) assert.ok(byName.has(name), `${layer.name} names ${name}`);
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      from === to || (!seen.has(from) && (seen.add(from), (byName.get(from)?.mayImport ?? []).some((next) => reaches(next, to, seen))));
    for (const layer of layers) for (const name of layer.mayImport) assert.ok(!reaches(name, layer.name), `${layer.name} and ${name} may import each other`);
  });

  it("the core files the webview may import reach no Node module and no vscode, following every import (type-only ones too)", () => {
    const webview = byName.get('webview');
    const allowed = webview?.only?.['core'] ?? [];
    assert.ok(allowed.length > 0);
    for (const file of allowed) assert.equal(layerOf(file)?.name, 'core', `${file} is not in src/core`);
    const { files, packages } = closure([...allowed, ...(webview?.only?.['shared'] ?? [])]);
    const offending = [...packages].filter(([name]) => name === 'vscode' || isNodeBuiltin(name)).map(([name, file]) => `${file} imports ${name}`);
    assert.deepEqual(offending, [], `reached: ${[...files].join(', ')}`);
  });

  it('command ids and tree context values import nothing (views, webviews and reminders use them without reaching src/commands)', () => {
    for (const file of ['src/shared/commandIds.ts', 'src/shared/contextValues.ts']) assert.deepEqual(importsOf(path.join(ROOT, file)), [], file);
  });

  describe('lint (eslint.config.mjs, generated from scripts/layers.json)', () => {
    let eslint: ESLint;
    before(() => {
      eslint = new ESLint({ cwd: ROOT });
    });

    /** The lines of `code`, linted as if it were `file`, that the layer rule rejects (1-based). */
    async function rejectedLines(code: string, file: string): Promise<number[]> {
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
      return [...new Set((result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.line))].sort((a, b) => a - b);
    }

    it('rejects a planted back-import of src/commands in src/core', async () => {
      const code = "import { registerCommands } from '../commands/registerCommands';\nexport const x = registerCommands;\n";
      assert.deepEqual(await rejectedLines(code, 'src/core/foo.ts'), [1]);
      assert.deepEqual(await rejectedLines(code.replace('../', '../../'), 'src/core/runs/foo.ts'), [1]);
    });

    it('rejects src/views importing src/commands (ids come from src/shared)', async () => {
      assert.deepEqual(await rejectedLines("import { registerCommands } from '../../commands/registerCommands';\nexport const x = registerCommands;\n", 'src/views/nodes/foo.ts'), [1]);
      assert.deepEqual(await rejectedLines("import { COMMANDS } from '../../shared/commandIds';\nexport const x = COMMANDS;\n", 'src/views/nodes/foo.ts'), []);
    });

    it('rejects a vscode import in src/core (and allows it in the extension layer)', async () => {
      const code = "import * as vscode from 'vscode';\nexport const x = vscode;\n";
      assert.deepEqual(await rejectedLines(code, 'src/core/example.ts'), [1]);
      assert.deepEqual(await rejectedLines(code, 'src/views/example.ts'), []);
    });

    it('rejects webview imports of core outside the allow-list and of Node modules', async () => {
      const code = [
        "import { startRun } from '../../../src/core/runs/startRun';",
        "import { formatDuration } from '../../../src/core/util/duration';",
        "import * as fs from 'node:fs';",
        "import type { PageState } from '../../../src/shared/protocol';",
        "import { COMMANDS } from '../../../src/shared/commandIds';",
        'export const x = [startRun, formatDuration, fs, COMMANDS];',
        'export type Y = PageState;',
      ].join('\n');
      assert.deepEqual(await rejectedLines(code, 'webview/src/run/foo.ts'), [1, 3, 5]);
    });

    it('for every layer and two folder depths, rejects an import of each layer the table forbids and accepts each it allows', async () => {
      for (const layer of codeLayers) {
        for (const depth of layer.path.endsWith('.ts') ? [0] : [0, 1]) {
          const folder = layer.path.endsWith('.ts') ? path.posix.dirname(layer.path) : [layer.path, ...(depth > 0 ? ['planted'] : [])].join('/');
          const file = layer.path.endsWith('.ts') ? layer.path : `${folder}/plantedImport.ts`;
          const others = layers.filter((other) => other !== layer);
          const lines = others.map((other, index) => `import * as m${index} from '${specifierTo(folder, sampleFileOf(other, layer.only?.[other.name]))}';`);
          const code = `${lines.join('\n')}\nexport const all = [${others.map((_, index) => `m${index}`).join(', ')}];\n`;
          const expected = others.flatMap((other, index) => (layer.mayImport.includes(other.name) ? [] : [index + 1]));
          assert.deepEqual(await rejectedLines(code, file), expected, `${file}:\n${code}`);
        }
      }
    });
  });

  it('docs/architecture.md shows the table of scripts/layers.json (node scripts/architectureDoc.mjs rewrites it)', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/architectureDoc.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  });
});
