import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

// Here rather than in test/unit/architecture.test.ts: loading ESLint and the TypeScript parser takes
// over a second, more than the whole domain tier can spare.
describe('architecture', () => {
  it('the lint rule rejects a vscode import in src/core (and allows it in the extension layer)', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const code = "import * as vscode from 'vscode';\nexport const x = vscode;\n";
    const [core] = await eslint.lintText(code, { filePath: path.join(ROOT, 'src/core/example.ts') });
    assert.ok(core?.messages.some((message) => message.ruleId === '@typescript-eslint/no-restricted-imports'), JSON.stringify(core?.messages));
    const [view] = await eslint.lintText(code, { filePath: path.join(ROOT, 'src/views/example.ts') });
    assert.ok(!view?.messages.some((message) => message.ruleId === '@typescript-eslint/no-restricted-imports'));
  });
});
