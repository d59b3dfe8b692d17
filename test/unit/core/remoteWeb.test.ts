import assert from 'node:assert/strict';
import { buildSelectionNote } from '../../../src/commands/selectionNote';
import { linkWebUrl, recordedCommit } from '../../../src/core/runs/links';
import { repositoryWeb } from '../../../src/core/util/remoteWeb';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('web pages of a remote', () => {
  const cases: Array<[string, string, string]> = [
    ['git@github.com:acme/shop.git', `https://github.com/acme/shop/blob/${SHA}/src/db%20pool.ts#L3-L5`, `https://github.com/acme/shop/commit/${SHA}`],
    ['https://user:secret@gitlab.example.com/group/sub/shop.git', `https://gitlab.example.com/group/sub/shop/-/blob/${SHA}/src/db%20pool.ts#L3-5`, `https://gitlab.example.com/group/sub/shop/-/commit/${SHA}`],
    ['git@bitbucket.org:acme/shop.git', `https://bitbucket.org/acme/shop/src/${SHA}/src/db%20pool.ts#lines-3:5`, `https://bitbucket.org/acme/shop/commits/${SHA}`],
    ['https://bitbucket.corp.example/scm/ops/shop.git', `https://bitbucket.corp.example/projects/OPS/repos/shop/browse/src/db%20pool.ts?at=${SHA}#3-5`, `https://bitbucket.corp.example/projects/OPS/repos/shop/commits/${SHA}`],
  ];
  for (const [remote, file, commit] of cases) {
    it(`links files at a commit and commits for ${remote}`, () => {
      const web = repositoryWeb(remote);
      assert.equal(web?.file('src/db pool.ts', SHA, { start: 3, end: 5 }), file);
      assert.equal(web?.commit(SHA), commit);
      assert.doesNotMatch(`${file} ${commit}`, /secret|user@/);
    });
  }

  it('knows no pages for local or unknown remotes', () => {
    assert.equal(repositoryWeb('/srv/git/shop.git'), undefined);
    assert.equal(repositoryWeb('file:///srv/git/shop.git'), undefined);
    assert.equal(repositoryWeb('https://git.example.com/acme/shop.git'), undefined);
  });
});

describe('a link\'s web page', () => {
  const web = repositoryWeb('git@github.com:acme/shop.git');

  it('opens path:line at the commit a note from a selection recorded', () => {
    const note = buildSelectionNote({ text: 'max = 10', relativePath: 'src/pool.ts', startLine: 7, endLine: 7, commit: SHA, languageId: 'typescript' });
    assert.equal(recordedCommit(note.details, note.link ?? ''), SHA);
    assert.equal(linkWebUrl(note.link ?? '', note.details, web), `https://github.com/acme/shop/blob/${SHA}/src/pool.ts#L7`);
  });

  it('has none for a path without a recorded commit, and a URL is its own', () => {
    assert.equal(linkWebUrl('src/pool.ts:7', 'Seen here.', web), undefined);
    assert.equal(linkWebUrl('src/pool.ts:7', `From src/other.ts:7 at commit ${SHA}`, web), undefined);
    assert.equal(linkWebUrl('https://grafana.example.com/d/1', undefined, undefined), 'https://grafana.example.com/d/1');
  });
});
