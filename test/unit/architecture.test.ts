import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture', () => {
  it('the lint rule rejects a vscode import in src/core (and allows it in the extension layer)', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const code = "import * as vscode from 'vscode';\nexport const x = vscode;\n";
    const [core] = await eslint.lintText(code, { filePath: path.join(ROOT, 'src/core/example.ts') });
    assert.ok(core?.messages.some((message) => message.ruleId === '@typescript-eslint/no-restricted-imports'), JSON.stringify(core?.messages));
    const [view] = await eslint.lintText(code, { filePath: path.join(ROOT, 'src/views/example.ts') });
    assert.ok(!view?.messages.some((message) => message.ruleId === '@typescript-eslint/no-restricted-imports'));
  });

  it('no file in src/core, src/git or src/cli imports vscode', () => {
    const offenders = ['src/core', 'src/git', 'src/cli']
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('only the folder model creates a file watcher (one per workspace folder, feeding the tree and the diagnostics)', () => {
    const callers = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => /\bcreateFileSystemWatcher\b/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
    assert.deepEqual(callers, ['src/platform/workspaceModel.ts']);
    const calls = fs.readFileSync(path.join(ROOT, 'src/platform/workspaceModel.ts'), 'utf8').match(/\bcreateFileSystemWatcher\(/g) ?? [];
    assert.equal(calls.length, 1, 'one watcher, in PlaybookFolder');
  });
});
