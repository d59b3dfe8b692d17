import assert from 'node:assert/strict';
import { pullRequestUrl } from '../../../src/git/pullRequestUrl';

describe('pullRequestUrl', function () {
  describe('GitHub', function () {
    const expected = 'https://github.com/acme/ops/pull/new/run/db-outage';

    for (const remote of [
      'git@github.com:acme/ops.git',
      'git@github.com:acme/ops',
      'ssh://git@github.com/acme/ops.git',
      'ssh://git@github.com:22/acme/ops.git',
      'ssh://git@ssh.github.com:443/acme/ops.git',
      'git+ssh://git@github.com/acme/ops.git',
      'https://github.com/acme/ops.git',
      'https://github.com/acme/ops',
      'https://github.com/acme/ops/',
      'https://user:ghp_secret@github.com/acme/ops.git',
      'https://x-access-token:tok@GitHub.com/acme/ops.git',
      '  git@github.com:acme/ops.git\n',
    ]) {
      it(`understands ${JSON.stringify(remote)}`, function () {
        assert.equal(pullRequestUrl(remote, 'run/db-outage'), expected);
      });
    }

    it('never leaks credentials', function () {
      const url = pullRequestUrl('https://user:ghp_secret@github.com/acme/ops.git', 'x') ?? '';
      assert.doesNotMatch(url, /ghp_secret|user/);
    });

    it('uses a compare URL when a base branch is given', function () {
      assert.equal(
        pullRequestUrl('git@github.com:acme/ops.git', 'run/db-outage', 'main'),
        'https://github.com/acme/ops/compare/main...run/db-outage?expand=1',
      );
    });

    it('percent-encodes branch names but keeps "/" readable', function () {
      assert.equal(
        pullRequestUrl('git@github.com:acme/ops.git', 'fix/#12 ünïcode&more'),
        'https://github.com/acme/ops/pull/new/fix/%2312%20%C3%BCn%C3%AFcode%26more',
      );
    });

    it('recognises GitHub Enterprise hosts and keeps an https port', function () {
      assert.equal(
        pullRequestUrl('git@github.example.com:team/repo.git', 'b'),
        'https://github.example.com/team/repo/pull/new/b',
      );
      assert.equal(
        pullRequestUrl('https://github.corp.example:8443/team/repo.git', 'b'),
        'https://github.corp.example:8443/team/repo/pull/new/b',
      );
      assert.equal(pullRequestUrl('http://github.local/team/repo.git', 'b'), 'http://github.local/team/repo/pull/new/b');
    });
  });

  describe('GitLab', function () {
    it('builds a merge request URL with the source branch encoded', function () {
      const expected = 'https://gitlab.com/acme/ops/-/merge_requests/new?merge_request%5Bsource_branch%5D=run%2Fdb-outage';
      assert.equal(pullRequestUrl('git@gitlab.com:acme/ops.git', 'run/db-outage'), expected);
      assert.equal(pullRequestUrl('https://oauth2:glpat-x@gitlab.com/acme/ops.git', 'run/db-outage'), expected);
      assert.equal(pullRequestUrl('ssh://git@altssh.gitlab.com:443/acme/ops.git', 'run/db-outage'), expected);
    });

    it('keeps nested groups and adds the target branch', function () {
      assert.equal(
        pullRequestUrl('ssh://git@gitlab.example.org:2222/group/sub/repo.git', 'feature', 'develop'),
        'https://gitlab.example.org/group/sub/repo/-/merge_requests/new' +
          '?merge_request%5Bsource_branch%5D=feature&merge_request%5Btarget_branch%5D=develop',
      );
    });
  });

  describe('Bitbucket', function () {
    it('builds a Bitbucket Cloud pull request URL', function () {
      assert.equal(
        pullRequestUrl('git@bitbucket.org:acme/ops.git', 'run/db outage'),
        'https://bitbucket.org/acme/ops/pull-requests/new?source=run%2Fdb%20outage',
      );
      assert.equal(
        pullRequestUrl('https://someone@bitbucket.org/acme/ops.git', 'b', 'main'),
        'https://bitbucket.org/acme/ops/pull-requests/new?source=b&dest=main',
      );
    });

    it('uses the Bitbucket Server layout for self-hosted instances', function () {
      const expected =
        'https://bitbucket.example.com/projects/OPS/repos/playbooks/pull-requests?create&sourceBranch=refs%2Fheads%2Frun%2Fx';
      assert.equal(pullRequestUrl('https://me@bitbucket.example.com/scm/ops/playbooks.git', 'run/x'), expected);
      assert.equal(pullRequestUrl('ssh://git@bitbucket.example.com:7999/ops/playbooks.git', 'run/x'), expected);
      assert.equal(
        pullRequestUrl('https://bitbucket.example.com/scm/~jane/playbooks.git', 'b', 'main'),
        'https://bitbucket.example.com/users/jane/repos/playbooks/pull-requests?create' +
          '&sourceBranch=refs%2Fheads%2Fb&targetBranch=refs%2Fheads%2Fmain',
      );
    });
  });

  describe('unsupported remotes', function () {
    for (const remote of [
      'https://dev.azure.com/acme/ops/_git/ops',
      'git@example.com:acme/ops.git',
      '/srv/git/ops.git',
      'file:///srv/git/ops.git',
      'C:\\repos\\ops',
      '../ops.git',
      'https://github.com/just-owner',
      'not a url',
      '',
    ]) {
      it(`returns undefined for ${JSON.stringify(remote)}`, function () {
        assert.equal(pullRequestUrl(remote, 'b'), undefined);
      });
    }

    it('returns undefined for an empty branch', function () {
      assert.equal(pullRequestUrl('git@github.com:acme/ops.git', ''), undefined);
    });
  });
});

describe('pullRequestUrl with a title and body', function () {
  const text = { title: 'Retrospective: DB down & out', body: '## Summary\n\nDisk full; 45 minutes.\n\n| Metric | Value |' };

  it('GitHub: the compare page reads title and body from the query', function () {
    const url = new URL(pullRequestUrl('git@github.com:acme/ops.git', 'retro/x', 'main', text) ?? '');
    assert.equal(url.pathname, '/acme/ops/compare/main...retro/x');
    assert.equal(url.searchParams.get('expand'), '1');
    assert.equal(url.searchParams.get('title'), text.title);
    assert.equal(url.searchParams.get('body'), text.body);
  });

  it('GitLab: merge_request[title] and merge_request[description]', function () {
    const url = new URL(pullRequestUrl('git@gitlab.example.com:acme/ops.git', 'retro/x', 'main', text) ?? '');
    assert.equal(url.searchParams.get('merge_request[source_branch]'), 'retro/x');
    assert.equal(url.searchParams.get('merge_request[title]'), text.title);
    assert.equal(url.searchParams.get('merge_request[description]'), text.body);
  });

  it('a body too long for a URL loses lines from its end and says so; the URL stays under 8,000 characters', function () {
    const long = { title: 'Retrospective: long', body: Array.from({ length: 400 }, (_, i) => `- action ${i} with some words to make it longer`).join('\n') };
    const url = pullRequestUrl('https://github.com/acme/ops.git', 'retro/x', 'main', long) ?? '';
    assert.ok(url.length <= 8000, `${url.length}`);
    const body = new URL(url).searchParams.get('body') ?? '';
    assert.match(body, /^- action 0 with/);
    assert.match(body, /…\(shortened: the whole retrospective is in the changed files\)$/);
  });

  it('hosts without a documented way to fill them get the plain link', function () {
    assert.equal(pullRequestUrl('git@bitbucket.org:acme/ops.git', 'retro/x', 'main', text), 'https://bitbucket.org/acme/ops/pull-requests/new?source=retro%2Fx&dest=main');
  });
});
