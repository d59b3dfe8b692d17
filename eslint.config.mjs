import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import tseslint from 'typescript-eslint';

// The layers and what each may import (docs/architecture.md), as data: scripts/layers.json.
const { layers } = JSON.parse(fs.readFileSync(new URL('./scripts/layers.json', import.meta.url), 'utf8'));
/** Deepest folder nesting inside a layer that gets its own rules (files deeper than this get none). */
const MAX_DEPTH = 6;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const withoutTs = (file) => file.replace(/\.ts$/, '');
const NODE_BUILTINS = `^(node:|(${builtinModules.filter((name) => !name.startsWith('_')).map(escape).join('|')})(/|$))`;

/**
 * The restricted-import patterns of a file `depth` folders below its layer's folder: a relative
 * import climbing to another layer's folder that the layer may not import (or, for an `only` layer,
 * to a file not listed).
 */
function patternsFor(layer, depth) {
  const folder = layer.path.endsWith('.ts') ? path.posix.dirname(layer.path) : layer.path;
  // A stand-in for the file's folder: `depth` folders below the layer's, named so no real one matches.
  const here = path.posix.join(folder, ...Array.from({ length: depth }, (_, index) => `(depth${index})`));
  const allowed = layer.mayImport.join(', ') || 'no other layer';
  const message = `${layer.path} may import only ${allowed} (scripts/layers.json, docs/architecture.md).`;
  const patterns = [];
  for (const other of layers) {
    if (other === layer) continue;
    const relative = path.posix.relative(here, withoutTs(other.path));
    const target = escape(relative.startsWith('../') ? relative : `./${relative}`);
    if (!layer.mayImport.includes(other.name)) {
      patterns.push({ regex: `^${target}${other.path.endsWith('.ts') ? '(\\.ts)?$' : '(/|$)'}`, message });
    } else if (layer.only?.[other.name]) {
      const files = layer.only[other.name].map((file) => escape(withoutTs(file).slice(other.path.length + 1))).join('|');
      const list = layer.only[other.name].join(', ');
      patterns.push({ regex: `^${target}(/(?!(${files})(\\.ts)?$)|$)`, message: `${layer.path} may import only these files of ${other.path}: ${list} (scripts/layers.json).` });
    }
  }
  if (layer.node === false) patterns.push({ regex: NODE_BUILTINS, message: `${layer.path} runs in a browser: no Node modules.` });
  return patterns;
}

function layerRules() {
  const configs = [];
  for (const layer of layers.filter((candidate) => candidate.path.startsWith('src/') || candidate.path.startsWith('webview/'))) {
    const isFile = layer.path.endsWith('.ts');
    const paths = layer.vscode === false ? [{ name: 'vscode', message: `${layer.path} must not import vscode (scripts/layers.json).` }] : [];
    for (let depth = 0; depth <= (isFile ? 0 : MAX_DEPTH); depth += 1) {
      const files = [isFile ? layer.path : `${layer.path}/${'*/'.repeat(depth)}*.ts`];
      configs.push({ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns: patternsFor(layer, depth) }] } });
    }
  }
  return configs;
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test-output/**', 'bench-output/**', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  // Each layer imports only the layers scripts/layers.json allows (test/unit/architecture.test.ts plants violations).
  ...layerRules(),
);
