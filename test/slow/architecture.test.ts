import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { codeLayers, layers, ROOT, RULE, sampleFileOf, specifierTo } from '../helpers/layers';

// Here rather than in test/unit/architecture.test.ts: loading ESLint and the TypeScript parser, and
// running a script, take more than the whole domain tier can spare.
describe('architecture (lint and docs)', () => {
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
