import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';

/**
 * Every command that writes, given strings a person (or a script) might pass: each either refuses
 * with one clear line, or leaves files that validate accepts. `npm run fuzz`-style FUZZ_RUNS runs more.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 8);

const piece = fc.oneof(
  fc.constantFrom(
    '\n', '\r', '\r\n', '\t', '\u0000', '\u0001', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u200f', '\ufeff',
    'שלום', 'مرحبا', '🔥', '👩‍👩‍👧', ' ', '#', ': ', '- ', '"', "'", '\\', '%20', 'null', '~', 'yes', '0x1F', '&a', '*a', '!!js/function',
    'https://ok.example/a', 'src/db.ts:42', '../..', '2026-02-30T10:00:00Z', '15m ago', '1h', '999999999w', '99999999999999999999.99',
    'x'.repeat(199), 'x'.repeat(1000), 'x'.repeat(5000), '🔥'.repeat(150),
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
/** Any text but lone surrogate halves, which no command line can carry. */
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('').replace(/[\uD800-\uDFFF]/g, (char, index: number, all: string) => (isPaired(all, index) ? char : '?')));

function isPaired(all: string, index: number): boolean {
  const code = all.charCodeAt(index);
  if (code <= 0xdbff) return index + 1 < all.length && all.charCodeAt(index + 1) >= 0xdc00 && all.charCodeAt(index + 1) <= 0xdfff;
  return index > 0 && all.charCodeAt(index - 1) >= 0xd800 && all.charCodeAt(index - 1) <= 0xdbff;
}

type Command = (value: string, active: string, finished: string) => string[];
const COMMANDS: Record<string, Command> = {
  'run start --name': (value) => ['run', 'start', 'db-incident', '--name', value],
  'run start --owner': (value) => ['run', 'start', 'db-incident', '--name', 'ok', '--owner', value],
  'run update': (value, active) => ['run', 'update', active, '--message', value],
  'run owner': (value, active) => ['run', 'owner', active, '--', value],
  'run participants --add': (value, active) => ['run', 'participants', active, '--add', value],
  'run participants --remove': (value, active) => ['run', 'participants', active, '--remove', value],
  'run task --assign': (value, active) => ['run', 'task', active, '1.1', '--assign', value],
  'run task --state': (value, active) => ['run', 'task', active, '1.2', '--state', value],
  'run task <item>': (value, active) => ['run', 'task', active, '--state', 'closed', '--', value],
  'run note --summary': (value, active) => ['run', 'note', active, '--summary', value],
  'run note --details': (value, active) => ['run', 'note', active, '--summary', 'ok', '--details', value],
  'run note --link': (value, active) => ['run', 'note', active, '--summary', 'ok', '--link', value],
  'run note --at': (value, active) => ['run', 'note', active, '--summary', 'ok', '--at', value],
  'run delete-event': (value, active) => ['run', 'delete-event', active, '--', value],
  'run finish --as': (value, active) => ['--as', value, 'run', 'finish', active],
  'run restore --as': (value, _active, finished) => ['--as', value, 'run', 'restore', finished],
  'retro metric duration': (value, active) => ['retro', 'metric', active, 'time-to-mitigate', '--', value],
  'retro metric integer': (value, active) => ['retro', 'metric', active, 'tickets', '--', value],
  'retro metric currency': (value, active) => ['retro', 'metric', active, 'credits', '--', value],
  'retro skip --reason': (value, _active, finished) => ['retro', 'skip', finished, '--reason', value],
  'retro skip --as': (value, _active, finished) => ['--as', value, 'retro', 'skip', finished, '--reason', 'duplicate'],
  'run note --as': (value, active) => ['--as', value, 'run', 'note', active, '--summary', 'ok'],
  'action add --title': (value, active) => ['action', 'add', active, '--title', value],
  'action add --owner': (value, active) => ['action', 'add', active, '--title', 'ok', '--owner', value],
  'action add --due': (value, active) => ['action', 'add', active, '--title', 'ok', '--due', value],
  'action set --link': (value, active) => ['action', 'set', active, actionId, '--link', value],
};

/** The action of the active run that `action set` changes (added before the snapshot). */
let actionId = '';

describe('fuzzing the write paths', function () {
  this.timeout(600_000);
  const root = tempGitRepo();
  const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
  const runsDir = path.join(root, 'playbooks/runs');
  const snapshot = path.join(root, '.runs-snapshot');
  let active = '';
  let finished = '';

  before(async () => {
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    active = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Active', '--as', 'alice'], env)).last;
    finished = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Finished', '--as', 'alice'], env)).last;
    await cliOk(root, ['run', 'finish', finished, '--as', 'alice'], env);
    actionId = (await cliOk(root, ['action', 'add', active, '--title', 'Alert on lag', '--as', 'alice'], env)).last;
    fs.cpSync(runsDir, snapshot, { recursive: true });
  });

  it(`refuses in one line or writes what validate accepts, for ${RUNS} generated values per command`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(COMMANDS)), text, async (name, value) => {
        fs.rmSync(runsDir, { recursive: true, force: true });
        fs.cpSync(snapshot, runsDir, { recursive: true });
        const args = (COMMANDS[name] as Command)(value, active, finished);
        const result = await cli(root, args, env);
        const shown = `git-playbooks ${JSON.stringify(args)} exited ${result.code}:\n${result.stderr}`;
        if (result.code === 0) {
          const validate = await cli(root, ['validate'], env);
          assert.equal(validate.code, 0, `${shown}\nleft files validate refuses:\n${validate.stdout}\n${validate.stderr}`);
          return;
        }
        assert.equal(result.code, 1, shown);
        assert.match(result.stderr, /^error: \S/, shown);
        assert.equal(result.stderr.split('\n').length, 1, `one line expected from ${shown}`);
        assert.doesNotMatch(result.stderr, /\n\s+at |internal error/, shown);
      }),
      { numRuns: RUNS * Object.keys(COMMANDS).length },
    );
  });
});
