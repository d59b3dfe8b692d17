import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { formatProblem, type Problem } from '../../../src/core/files/problem';
import { Layout } from '../../../src/core/repository/layout';
import { tempDir, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';

function repoWith(file: string, content: string | Buffer): { repo: PlaybooksRepository; root: string } {
  const root = tempDir('gp-hostile-');
  fs.mkdirSync(path.join(root, 'playbooks', 'runs'), { recursive: true });
  writeFile(root, '.gitattributes', 'playbooks/runs/*/timeline.yaml merge=union\nplaybooks/runs/**/run.yaml merge=git-playbooks-run\nplaybooks/runs/**/retrospective.md merge=git-playbooks-retrospective\n');
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return { repo: PlaybooksRepository.at(root), root };
}

function single(problems: Problem[]): Problem {
  assert.equal(problems.length, 1, problems.map(formatProblem).join('\n'));
  return problems[0] as Problem;
}

describe('hostile and broken input', () => {
  it('refuses a YAML alias bomb quickly without expanding it', () => {
    const bomb = ['apiVersion: git-playbooks/v1', 'kind: Playbook', 'title: Bomb', 'checklists: []', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const { repo } = repoWith('playbooks/bomb.yaml', bomb.join('\n') + '\n');
    const started = process.hrtime.bigint();
    const problem = single(validateRepository(repo));
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.match(problem.message, /alias/);
    assert.equal(problem.file, 'playbooks/bomb.yaml');
    assert.ok(elapsedMs < 5000, `took ${elapsedMs} ms`);
  });

  it('reads Markdown emphasis and legitimate anchors normally', () => {
    const withBold = SAMPLE_PLAYBOOK.replace('template: "Impact:"', 'template: |\n    **Impact:** *none* & more');
    assert.deepEqual(validateRepository(repoWith('playbooks/bold.yaml', withBold).repo), []);
    const withAnchor = SAMPLE_PLAYBOOK.replace('      - title: Write the customer note', '      - &note\n        title: Write the customer note\n  - title: Again\n    items:\n      - *note');
    assert.deepEqual(validateRepository(repoWith('playbooks/anchor.yaml', withAnchor).repo).map(formatProblem), []);
  });

  it('refuses a deeply nested document', () => {
    const deep = `apiVersion: git-playbooks/v1\nkind: Playbook\ntitle: Deep\nchecklists: []\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const { repo } = repoWith('playbooks/deep.yaml', deep);
    assert.match(single(validateRepository(repo)).message, /nests deeper than 64 levels/);
  });

  it('refuses a 50 MB file without reading it', () => {
    const { repo } = repoWith('playbooks/huge.yaml', '');
    fs.truncateSync(path.join(repo.layout.playbooksDir, 'huge.yaml'), 50 * 1024 * 1024);
    const problem = single(validateRepository(repo));
    assert.match(problem.message, /file is 52,428,800 bytes; files over 5,242,880 bytes \(5 MB\) are refused/);
    assert.equal(problem.line, 1);
  });

  it('reports NUL bytes and invalid UTF-8 with their line', () => {
    const nul = repoWith('playbooks/nul.yaml', SAMPLE_PLAYBOOK.replace('title: Database incident', 'title: Data\0base'));
    const nulProblem = single(validateRepository(nul.repo));
    assert.match(nulProblem.message, /NUL byte/);
    assert.equal(nulProblem.line, 4);
    const bytes = Buffer.concat([Buffer.from('apiVersion: git-playbooks/v1\nkind: Playbook\ntitle: '), Buffer.from([0xc3, 0x28]), Buffer.from('\nchecklists: []\n')]);
    const bad = repoWith('playbooks/latin.yaml', bytes);
    const utf8Problem = single(validateRepository(bad.repo));
    assert.match(utf8Problem.message, /not valid UTF-8/);
    assert.equal(utf8Problem.line, 3);
  });

  it('reports a non-mapping document and an empty file clearly', () => {
    assert.match(single(validateRepository(repoWith('playbooks/list.yaml', '- a\n- b\n').repo)).message, /expected a Playbook document/);
    assert.match(single(validateRepository(repoWith('playbooks/empty.yaml', '').repo)).message, /expected a Playbook document/);
  });

  it('reports duplicate keys as a syntax problem at their line', () => {
    const problem = single(validateRepository(repoWith('playbooks/dup.yaml', SAMPLE_PLAYBOOK.replace('kind: Playbook\n', 'kind: Playbook\nkind: Playbook\n')).repo));
    assert.match(problem.message, /duplicate|duplicated/i);
    assert.equal(problem.line, 4);
  });

  it('never lets a name leave the playbooks folder', () => {
    const layout = new Layout(tempDir());
    for (const name of ['../x', '..', 'a/b', '/etc/passwd', 'C:\\x', 'x.yaml', '', 'A', '-x']) {
      assert.throws(() => layout.playbookFile(name), /not a valid name/, name);
      assert.throws(() => layout.runDir(name), /not a valid name/, name);
    }
    assert.throws(() => new Layout(tempDir(), '../elsewhere'), /inside the repository/);
    assert.throws(() => new Layout(tempDir(), '/abs'), /inside the repository/);
  });

  it('ignores run folders and playbook files whose names are not slugs, and says so', () => {
    const { repo, root } = repoWith('playbooks/Bad Name.yaml', SAMPLE_PLAYBOOK);
    fs.mkdirSync(path.join(root, 'playbooks/runs/..hidden'), { recursive: true });
    const problems = validateRepository(repo);
    assert.deepEqual(problems.map((problem) => `${problem.severity} ${problem.file}`), ['warning playbooks/Bad Name.yaml']);
    assert.deepEqual(repo.listRunIds(), []);
  });
});
