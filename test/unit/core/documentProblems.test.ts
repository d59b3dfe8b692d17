import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem, type Problem } from '../../../src/core/files/problem';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { cachingContext, classifyPath, playbooksFiles, problemsForFile, problemsForText } from '../../../src/core/validation/documentProblems';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { readFile, tempDir, writeFile } from '../../helpers/tempRepo';

const FIXTURE = path.resolve(__dirname, '../../fixtures/valid');
const PLAYBOOK = 'playbooks/payments-outage.yaml';
const RUN = 'playbooks/runs/2026/11/2026-11-02-checkout-errors/run.yaml';
const TIMELINE = 'playbooks/runs/2026/11/2026-11-02-checkout-errors/timeline.yaml';
const RETRO = 'playbooks/runs/2026/11/2026-11-02-checkout-errors/retrospective.md';

function copyFixture(): string {
  const dir = tempDir('gp-docproblems-');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function replaced(root: string, file: string, from: string, to: string): string {
  const text = readFile(root, file);
  assert.ok(text.includes(from), `fixture ${file} has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

const lines = (problems: Problem[] | undefined): string[] => (problems ?? []).map(formatProblem);

describe('documentProblems', () => {
  let root: string;
  let repo: PlaybooksRepository;
  const abs = (relative: string): string => path.join(root, relative);

  beforeEach(() => {
    root = copyFixture();
    repo = PlaybooksRepository.at(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('tells which kind of playbooks file a path is', () => {
    assert.deepEqual(classifyPath(repo, abs(PLAYBOOK)), { kind: 'playbook', slug: 'payments-outage' });
    assert.deepEqual(classifyPath(repo, abs(RUN)), { kind: 'run', runId: '2026-11-02-checkout-errors' });
    assert.deepEqual(classifyPath(repo, abs(TIMELINE)), { kind: 'timeline', runId: '2026-11-02-checkout-errors' });
    assert.deepEqual(classifyPath(repo, abs(RETRO)), { kind: 'retrospective', runId: '2026-11-02-checkout-errors' });
    assert.deepEqual(classifyPath(repo, abs('playbooks/Payments.yaml')), { kind: 'stray' });
    assert.deepEqual(classifyPath(repo, abs('playbooks/payments.yml')), { kind: 'stray' });
    for (const other of [
      'playbooks',
      'playbooks/README.md',
      'playbooks/payments-outage.retro.md',
      'playbooks/runs/2026/11/2026-11-02-checkout-errors/notes.yaml',
      'playbooks/runs/Bad_Run/run.yaml',
      'playbooks/runs/a/b/run.yaml',
      'playbooks/other/x/run.yaml',
      'docs/payments-outage.yaml',
      'payments-outage.yaml',
    ]) {
      assert.equal(classifyPath(repo, abs(other)), undefined, other);
    }
    assert.equal(classifyPath(repo, path.join(path.dirname(root), 'playbooks', 'x.yaml')), undefined);
  });

  it('warns where a timeline has two different starts: two runs started under one id were merged by git', () => {
    const start = (id: string, who: string): string => `  - {id: "${id}", at: "2026-11-02T10:00:04Z", type: run_started, actor: "${who}", summary: "Run started"}\n`;
    // A third start too: one warning per timeline, however many starts it has.
    const text = replaced(root, TIMELINE, '  - {id: "e2-update"', `${start('e1b-start', 'bob')}${start('e1c-start', 'carol')}  - {id: "e2-update"`);
    const problems = lines(problemsForText(repo, abs(TIMELINE), text));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /timeline\.yaml:5:\d+: warning: the run was started twice: by bob here and by alice \(event 1\); two runs started under one id on two clones were merged into one/);
    // One start, or the same start copied by a merge, says nothing of the kind.
    assert.deepEqual(lines(problemsForText(repo, abs(TIMELINE), readFile(root, TIMELINE))), []);
  });

  it('follows a configured folder', () => {
    const custom = PlaybooksRepository.at(root, 'ops/pb');
    assert.deepEqual(classifyPath(custom, abs('ops/pb/db.yaml')), { kind: 'playbook', slug: 'db' });
    assert.equal(classifyPath(custom, abs(PLAYBOOK)), undefined);
  });

  it('is undefined for a file that is not a playbooks file, whatever its text', () => {
    assert.equal(problemsForText(repo, abs('README.md'), 'kind: nonsense'), undefined);
    assert.equal(problemsForFile(repo, abs('.gitattributes')), undefined);
  });

  it('finds nothing in the valid fixture, from disk or from text', () => {
    for (const file of [PLAYBOOK, RUN, TIMELINE, RETRO]) {
      assert.deepEqual(lines(problemsForFile(repo, abs(file))), [], file);
      assert.deepEqual(lines(problemsForText(repo, abs(file), readFile(root, file))), [], file);
    }
  });

  it('checks the unsaved text, not the disk, at the exact line and column', () => {
    const text = replaced(root, PLAYBOOK, 'enabled: true\n  reminder: 1h', 'enabled: "yes please"\n  reminder: 1h');
    const problems = problemsForText(repo, abs(PLAYBOOK), text) ?? [];
    assert.equal(problems.length, 1, lines(problems).join('\n'));
    const [problem] = problems as [Problem];
    assert.equal(problem.file, PLAYBOOK);
    assert.deepEqual([problem.line, problem.column, problem.endLine, problem.endColumn], [21, 12, 21, 24]);
    assert.match(problem.message, /"enabled" must be a boolean/);
    assert.deepEqual(lines(problemsForFile(repo, abs(PLAYBOOK))), [], 'the disk is still valid');
  });

  it('shifts retrospective front-matter problems to the file line', () => {
    const text = replaced(root, RETRO, 'status: published', 'status: finished');
    const problems = problemsForText(repo, abs(RETRO), text) ?? [];
    assert.ok(problems.some((problem) => problem.line === 4 && problem.column === 9), lines(problems).join('\n'));
  });

  it('checks a retrospective against the metrics of its run\'s playbook on disk', () => {
    const text = replaced(root, RETRO, '  refunds: 1250.5\n', '  refunds: 1250.5\n  uptime: 99\n');
    const before = problemsForText(repo, abs(RETRO), text) ?? [];
    assert.equal(before.length, 1, lines(before).join('\n'));
    assert.match(before[0]?.message ?? '', /unknown metric "uptime" \(the playbook's metrics: time-to-mitigate, failed-payments, refunds\)/);
    assert.equal(before[0]?.line, 9);

    writeFile(root, PLAYBOOK, `${readFile(root, PLAYBOOK)}  - title: Uptime\n    type: integer\n`);
    assert.deepEqual(lines(problemsForText(repo, abs(RETRO), text)), [], 'the metric now exists');

    writeFile(root, RUN, readFile(root, RUN).replace('playbook: payments-outage', 'playbook: gone'));
    assert.deepEqual(lines(problemsForText(repo, abs(RETRO), text)), [], 'no playbook: metric keys cannot be checked');
  });

  it('warns when a run names a playbook that does not exist', () => {
    const text = replaced(root, RUN, 'playbook: payments-outage', 'playbook: nowhere');
    const problems = problemsForText(repo, abs(RUN), text) ?? [];
    assert.deepEqual(problems.map((problem) => [problem.severity, problem.line, problem.message]), [['warning', 5, 'playbook "nowhere" does not exist']]);
  });

  it('refuses conflict markers and NUL bytes in unsaved text like on disk', () => {
    const conflict = problemsForText(repo, abs(TIMELINE), `${readFile(root, TIMELINE)}<<<<<<< HEAD\n`) ?? [];
    assert.match(conflict[0]?.message ?? '', /unresolved merge conflict marker/);
    const nul = problemsForText(repo, abs(RUN), 'apiVersion: git-playbooks/v1\0') ?? [];
    assert.match(nul[0]?.message ?? '', /NUL byte/);
  });

  it('warns about a stray YAML file and gives [] for a deleted one', () => {
    writeFile(root, 'playbooks/Old Playbook.yml', 'title: x\n');
    assert.equal(problemsForFile(repo, abs('playbooks/Old Playbook.yml'))?.[0]?.severity, 'warning');
    fs.rmSync(abs(TIMELINE));
    assert.deepEqual(problemsForFile(repo, abs(TIMELINE)), []);
  });

  it('lists every file, playbooks first, and agrees with validateRepository file by file', () => {
    // Break one file of each kind, then compare with the CLI's validation of the whole repository.
    writeFile(root, PLAYBOOK, replaced(root, PLAYBOOK, 'type: integer', 'type: count'));
    writeFile(root, RUN, replaced(root, RUN, 'state: open', 'state: pending'));
    writeFile(root, TIMELINE, replaced(root, TIMELINE, 'id: "e3-note"', 'id: "e1-start"'));
    writeFile(root, RETRO, replaced(root, RETRO, 'failed-payments: 340', 'failed-payments: lots'));
    writeFile(root, 'playbooks/runs/2026-12-01-second/run.yaml', readFile(root, RUN).replace('Checkout errors', 'Second'));
    writeFile(root, 'playbooks/Stray.yaml', 'x: 1\n');

    const files = [...playbooksFiles(repo)].map((file) => path.relative(root, file).split(path.sep).join('/'));
    assert.deepEqual(files, [
      PLAYBOOK,
      'playbooks/Stray.yaml',
      RUN,
      TIMELINE,
      RETRO,
      'playbooks/runs/2026-12-01-second/run.yaml',
    ]);
    const context = cachingContext(repo);
    const ours = files.flatMap((file) => problemsForFile(repo, abs(file), context) ?? []);
    // validateRepository also reports missing files and .gitattributes: those are not file contents.
    const theirs = validateRepository(repo).filter((problem) => files.includes(problem.file));
    const sort = (list: Problem[]): string[] => lines(list).sort();
    assert.deepEqual(sort(ours), sort(theirs));
    assert.ok(ours.length >= 5, lines(ours).join('\n'));
  });
});
