import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { byName, closure, codeLayers, importsOf, isNodeBuiltin, layerOf, layers, relativeToRoot, ROOT, sourceFiles, violation } from '../helpers/layers';

// The lint rules generated from scripts/layers.json are tested in test/slow/architecture.test.ts
// (loading ESLint takes more than the whole domain tier can spare).
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

  it('every mocha test file is in a tier: test/unit, test/slow, an in-host test/integration* folder or test/tools (scripts/e2e.sh)', () => {
    const stray = sourceFiles(path.join(ROOT, 'test'))
      .map(relativeToRoot)
      .filter((file) => file.endsWith('.test.ts') && !/^test\/(unit|slow|integration[^/]*|tools)\//.test(file));
    assert.deepEqual(stray, [], 'npm test would never run these');
  });

  it('no unit test is a fuzz test (fast-check tests belong in test/slow)', () => {
    const fuzz = sourceFiles(path.join(ROOT, 'test/unit'))
      .filter((file) => /from ['"]fast-check['"]|require\(['"]fast-check['"]\)/.test(fs.readFileSync(file, 'utf8')))
      .map(relativeToRoot);
    assert.deepEqual(fuzz, []);
  });

  it('only the folder model creates a file watcher (one per workspace folder, feeding the tree and the diagnostics)', () => {
    const callers = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => /\bcreateFileSystemWatcher\b/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
    assert.deepEqual(callers, ['src/platform/workspaceModel.ts']);
    const calls = fs.readFileSync(path.join(ROOT, 'src/platform/workspaceModel.ts'), 'utf8').match(/\bcreateFileSystemWatcher\(/g) ?? [];
    assert.equal(calls.length, 1, 'one watcher, in PlaybookFolder');
  });

  it('core refusals speak of the domain: no command-line flag or command in them (each surface adds its own hint)', () => {
    const surfaceWords = /OperationRefused\([^;]*?(--[a-z]|git-playbooks (run|timeline|playbook|retro))/;
    const offenders = sourceFiles(path.join(ROOT, 'src/core'))
      .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').map((line, index) => ({ line, where: `${relativeToRoot(file)}:${index + 1}` })))
      .filter(({ line }) => surfaceWords.test(line))
      .map(({ where }) => where);
    assert.deepEqual(offenders, []);
  });
});
