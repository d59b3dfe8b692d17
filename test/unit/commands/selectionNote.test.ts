import assert from 'node:assert/strict';
import { buildSelectionNote, lineLink, summaryOf } from '../../../src/commands/selectionNote';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { addNote, withLinkCommit } from '../../../src/core/runs/runOperations';
import { startRun } from '../../../src/core/runs/startRun';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

describe('a note from a selection', () => {
  it('summarises with the first non-empty line, cut to about 120 characters', () => {
    assert.equal(summaryOf('\n\n  first line  \nsecond'), 'first line');
    const long = 'x'.repeat(300);
    const cut = summaryOf(long);
    assert.equal(cut.length, 120);
    assert.ok(cut.endsWith('…'));
  });

  it('links path:line or path:start-end', () => {
    assert.equal(lineLink('src/a.ts', 3, 3), 'src/a.ts:3');
    assert.equal(lineLink('src/a.ts', 3, 5), 'src/a.ts:3-5');
  });

  it('keeps the whole selection as details, fenced for code, with the commit', () => {
    const note = buildSelectionNote({ text: 'const a = 1;\nconst b = 2;\n', relativePath: 'src/a.ts', startLine: 10, endLine: 11, commit: 'abc123', languageId: 'typescript' });
    assert.equal(note.summary, 'const a = 1;');
    assert.equal(note.link, 'src/a.ts:10-11');
    assert.equal(note.details, '```typescript\nconst a = 1;\nconst b = 2;\n```\n\nFrom src/a.ts:10-11 at commit abc123');
  });

  it('leaves prose as it is and never lets code close its fence early', () => {
    assert.equal(buildSelectionNote({ text: 'Impact began', startLine: 1, endLine: 1, languageId: 'markdown' }).details, 'Impact began');
    const tricky = buildSelectionNote({ text: 'a ``` b', startLine: 1, endLine: 1, languageId: 'shellscript' }).details ?? '';
    assert.ok(tricky.startsWith('````shellscript\n'), tricky);
  });

  it('drops a link the timeline would refuse (spaces in the path) but says where it came from', () => {
    const note = buildSelectionNote({ text: 'x', relativePath: 'my notes/a.md', startLine: 2, endLine: 4, languageId: 'markdown' });
    assert.equal(note.link, undefined);
    assert.equal(note.details, 'x\n\nFrom my notes/a.md lines 2-4');
  });

  it('is written to the timeline with its commit recorded once, without asking git again', async () => {
    const root = tempDir('gp-selection-');
    const repo = PlaybooksRepository.at(root);
    initRepository(repo);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const context = { actor: 'alice', now: () => new Date('2026-11-24T10:05:00Z') };
    const { runId } = startRun(repo, { ...context, now: () => new Date('2026-11-24T10:00:00Z') }, { playbook: 'db-incident', name: 'DB down' });
    const commit = 'abc1234def5678';
    const selected = buildSelectionNote({ text: 'const a = 1;', relativePath: 'src/a.ts', startLine: 3, endLine: 3, commit, languageId: 'typescript' });
    let asked = 0;
    const note = await withLinkCommit(selected, async () => (asked += 1, 'f'.repeat(40)));
    const event = addNote(repo, context, runId, note);
    assert.equal(asked, 0, 'the commit was known already');
    assert.equal(event.details?.split(`at commit ${commit}`).length, 2, event.details);
  });
});
