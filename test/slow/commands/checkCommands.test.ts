import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const SCRIPT = path.resolve(__dirname, '../../../scripts/checkCommands.mjs');

function check(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const created: string[] = [];

/** A minimal extension: two commands, a tree menu, the id and context files. */
function project(overrides: { manifest?: (manifest: Record<string, unknown>) => void; registration?: string } = {}): string {
  const root = tempDir('gp-check-');
  created.push(root);
  const manifest: Record<string, unknown> = {
    contributes: {
      commands: [{ command: 'playbooks.a' }, { command: 'playbooks.b' }],
      menus: { 'view/item/context': [{ command: 'playbooks.a', when: 'view == x && viewItem =~ /^run\\./' }] },
      viewsWelcome: [{ view: 'x', contents: '[Go](command:playbooks.b)' }],
    },
  };
  overrides.manifest?.(manifest);
  writeFile(root, 'package.json', JSON.stringify(manifest));
  writeFile(root, 'src/shared/commandIds.ts', "export const COMMANDS = {\n  a: 'playbooks.a',\n  b: 'playbooks.b',\n} as const;\n");
  writeFile(root, 'src/shared/contextValues.ts', "export const CONTEXT = {\n  runInProgress: 'run.inProgress',\n} as const;\n");
  writeFile(root, 'src/commands/registerCommands.ts', overrides.registration ?? 'const HANDLERS = {\n  [COMMANDS.a]: a,\n};\nvscode.commands.registerCommand(COMMANDS.b, b);\nregisterCommand(id, handler);\n');
  return root;
}

describe('scripts/checkCommands.mjs', () => {
  after(() => {
    for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  it('passes on this repository', () => {
    const result = check(path.resolve(__dirname, '../../..'));
    assert.equal(result.status, 0, result.output);
  });

  it('passes when package.json, COMMANDS, registrations and menus agree', () => {
    const result = check(project());
    assert.equal(result.status, 0, result.output);
  });

  it('fails on a contributed command nobody registers', () => {
    const result = check(project({ registration: 'const HANDLERS = {\n  [COMMANDS.a]: a,\n};\nregisterCommand(x);\n' }));
    assert.equal(result.status, 1);
    assert.match(result.output, /contributes playbooks\.b, but nothing in src registers it/);
  });

  it('fails on a registered command package.json does not contribute', () => {
    const result = check(project({ registration: "const HANDLERS = {\n  [COMMANDS.a]: a,\n  [COMMANDS.b]: b,\n};\nregisterCommand('playbooks.secret', s);\n" }));
    assert.match(result.output, /src registers playbooks\.secret, which package\.json does not contribute/);
    assert.equal(result.status, 1);
  });

  it('fails on menus naming unknown commands or impossible viewItem values', () => {
    const root = project({
      manifest: (manifest) => {
        const contributes = manifest.contributes as { menus: Record<string, unknown[]>; viewsWelcome: Array<{ contents: string }> };
        contributes.menus['view/item/context']?.push({ command: 'playbooks.gone', when: 'viewItem == run.inProgress' }, { command: 'playbooks.a', when: 'viewItem == runs' }, { command: 'playbooks.a', when: 'viewItem =~ /^task/' });
        contributes.viewsWelcome.push({ contents: '[x](command:playbooks.nope)' });
      },
    });
    const result = check(root);
    assert.equal(result.status, 1);
    assert.match(result.output, /refers to unknown command playbooks\.gone/);
    assert.match(result.output, /viewItem == runs is not a value of CONTEXT/);
    assert.match(result.output, /viewItem =~ \/\^task\/ matches no value of CONTEXT/);
    assert.match(result.output, /links to unknown command playbooks\.nope/);
  });
});
