import assert from 'node:assert/strict';
import { OperationRefused } from '../../../src/core/model/errors';
import { resolveTrackerTarget } from '../../../src/trackers/trackerTarget';

describe('action sync: which tracker, repository and API', () => {
  it('reads GitHub and GitLab repositories from https, ssh and scp-like remotes', () => {
    const cases: Array<[string, string, string, string]> = [
      ['git@github.com:acme/shop.git', 'github', 'acme/shop', 'https://api.github.com'],
      ['https://github.com/acme/shop', 'github', 'acme/shop', 'https://api.github.com'],
      ['ssh://git@ssh.github.com:443/acme/shop.git', 'github', 'acme/shop', 'https://api.github.com'],
      ['https://user:secret@github.example.com/acme/shop.git', 'github', 'acme/shop', 'https://github.example.com/api/v3'],
      ['git@gitlab.com:group/sub/shop.git', 'gitlab', 'group/sub/shop', 'https://gitlab.com/api/v4'],
      ['https://gitlab.example.com:8443/group/shop.git', 'gitlab', 'group/shop', 'https://gitlab.example.com:8443/api/v4'],
    ];
    for (const [remoteUrl, provider, repository, apiBase] of cases) {
      assert.deepEqual(
        (({ provider: p, repository: r, apiBase: a }) => [p, r, a])(resolveTrackerTarget({ remoteUrl, env: {} })),
        [provider, repository, apiBase],
        remoteUrl,
      );
    }
  });

  it('takes the API base from GITHUB_API_URL, GITLAB_API_URL or CI_API_V4_URL, as CI sets them', () => {
    assert.equal(resolveTrackerTarget({ remoteUrl: 'https://ghe.corp/acme/shop.git', env: { GITHUB_API_URL: 'https://ghe.corp/api/v3/' } }).apiBase, 'https://ghe.corp/api/v3/');
    assert.equal(resolveTrackerTarget({ remoteUrl: 'git@gitlab.corp:g/p.git', env: { CI_API_V4_URL: 'https://gitlab.corp/api/v4' } }).apiBase, 'https://gitlab.corp/api/v4');
    const pipeline = resolveTrackerTarget({ repo: 'g/p', env: { CI_API_V4_URL: 'https://gitlab.corp/api/v4' } });
    assert.deepEqual([pipeline.provider, pipeline.apiBase], ['gitlab', 'https://gitlab.corp/api/v4'], 'only a GitLab variable: GitLab');
    assert.equal(resolveTrackerTarget({ repo: 'acme/shop', env: {} }).provider, 'github');
  });

  it('--repo and --provider win over the remote', () => {
    const target = resolveTrackerTarget({ provider: 'gitlab', repo: 'group/sub/shop', remoteUrl: 'git@github.com:acme/shop.git', env: {} });
    assert.deepEqual([target.provider, target.repository], ['gitlab', 'group/sub/shop']);
  });

  it('refuses in one line: an unknown provider, no repository, a path that is none, an API URL that is none', () => {
    const refusals: Array<[Parameters<typeof resolveTrackerTarget>[0], RegExp]> = [
      [{ provider: 'jira', env: {} }, /^--provider supports "github" and "gitlab", not "jira"$/],
      [{ env: {} }, /^which repository's issues\? Pass --repo OWNER\/NAME/],
      [{ remoteUrl: '/srv/git/shop.git', env: {} }, /^which repository's issues\?/],
      [{ repo: 'acme/shop/extra', env: {} }, /^"acme\/shop\/extra" is not a GitHub repository \(OWNER\/NAME\)$/],
      [{ provider: 'gitlab', repo: 'shop', env: {} }, /is not a GitLab project path/],
      [{ repo: 'acme/shop', env: { GITHUB_API_URL: 'file:///etc' } }, /is not an API URL/],
    ];
    for (const [input, message] of refusals) assert.throws(() => resolveTrackerTarget(input), (error: unknown) => error instanceof OperationRefused && message.test(error.message));
  });
});
