/** The allowed import graph of scripts/layers.json and how to read a file's imports, for both architecture tests. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');
export const RULE = '@typescript-eslint/no-restricted-imports';

/** One entry of scripts/layers.json: the allowed import graph (docs/architecture.md). */
export interface Layer {
  name: string;
  path: string;
  role: string;
  mayImport: string[];
  vscode?: boolean;
  node?: boolean;
  only?: Record<string, string[]>;
}

export const { layers } = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/layers.json'), 'utf8')) as { layers: Layer[] };
export const byName = new Map(layers.map((layer) => [layer.name, layer]));
export const codeLayers = layers.filter((layer) => layer.path.startsWith('src/') || layer.path.startsWith('webview/'));
const NODE_BUILTINS = new Set(builtinModules);

export const relativeToRoot = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: imports (type-only too), `export … from`, `import()` and `require()`. */
export function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

/** The file a relative import names, relative to the repository root; undefined when there is none. */
export function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [`${base}.ts`, base, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  return found === undefined ? undefined : relativeToRoot(found);
}

/** The layer a repository path belongs to: the one with the longest matching path. */
export function layerOf(file: string): Layer | undefined {
  return layers
    .filter((layer) => file === layer.path || file.startsWith(`${layer.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

export const isNodeBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier);

/** What is wrong with one import of `file` (in `layer`) by scripts/layers.json; undefined when nothing is. */
export function violation(file: string, layer: Layer, specifier: string): string | undefined {
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
export function closure(start: readonly string[]): { files: Set<string>; packages: Map<string, string> } {
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
export function specifierTo(folder: string, target: string): string {
  const relative = path.posix.relative(folder, target.replace(/\.ts$/, ''));
  return relative.startsWith('../') ? relative : `./${relative}`;
}

/** A file of `layer` to plant an import of (a listed one when the importer is limited to some). */
export function sampleFileOf(layer: Layer, allowedOnly?: readonly string[]): string {
  if (allowedOnly?.[0]) return allowedOnly[0];
  return layer.path.endsWith('.ts') ? layer.path : `${layer.path}/planted/sample.ts`;
}
