import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

describe('architecture', () => {
  // The lint rule behind this check is tested in test/slow/architecture.test.ts (ESLint is slow to load).
  it('no file in src/core, src/git or src/cli imports vscode', () => {
    const offenders = ['src/core', 'src/git', 'src/cli']
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('every mocha test file is in a tier: test/unit, test/slow or an in-host test/integration* folder', () => {
    const stray = sourceFiles(path.join(ROOT, 'test'))
      .map(relative)
      .filter((file) => file.endsWith('.test.ts') && !/^test\/(unit|slow|integration[^/]*)\//.test(file));
    assert.deepEqual(stray, [], 'npm test would never run these');
  });

  it('no unit test is a fuzz test (fast-check tests belong in test/slow)', () => {
    const fuzz = sourceFiles(path.join(ROOT, 'test/unit'))
      .filter((file) => /from ['"]fast-check['"]|require\(['"]fast-check['"]\)/.test(fs.readFileSync(file, 'utf8')))
      .map(relative);
    assert.deepEqual(fuzz, []);
  });
});
