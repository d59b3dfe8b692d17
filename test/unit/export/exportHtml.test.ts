import assert from 'node:assert/strict';
import { exportRunHtml, renderMarkdown } from '../../../src/core/export/exportHtml';
import { collectRunExport, type RunExport } from '../../../src/core/export/runExportModel';
import { FixtureRepo, RUN_ID, writeRealisticRun } from './fixtures';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

/** Asserts that nothing in the document can run or load: the properties a reader relies on. */
function assertInert(html: string): void {
  assert.ok(!/<script/i.test(html), 'has <script');
  assert.ok(!/<img/i.test(html), 'has <img');
  assert.ok(!/<(?:iframe|object|embed|link|base|form|svg)\b/i.test(html), 'has an active or external element');
  assert.ok(!/<[^>]*javascript:/i.test(html), 'has javascript: in markup');
  assert.ok(!/<[^>]*\son[a-z]+\s*=/i.test(html), 'has an event handler attribute');
  assert.ok(!/\b(?:src|href)="(?!https?:|mailto:|data:image\/)/i.test(html), 'links to something that is not web or mail');
  assert.ok(html.includes(CSP), 'has no CSP');
}

describe('exportRunHtml', () => {
  let fixture: FixtureRepo;
  before(() => (fixture = new FixtureRepo()));
  after(() => fixture.cleanup());

  describe('a realistic run', () => {
    let html: string;
    before(() => {
      writeRealisticRun(fixture);
      html = exportRunHtml(collectRunExport(fixture.repo, RUN_ID));
    });

    it('is a self-contained HTML5 document with light, dark and print styles', () => {
      assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
      assert.ok(html.includes('<meta charset="utf-8">'));
      assert.ok(html.includes('<title>Checkout database outage · run report</title>'));
      assert.ok(html.includes('@media (prefers-color-scheme: dark)'));
      assert.ok(html.includes('@media print'));
      assertInert(html);
    });

    it('shows status updates rendered from Markdown', () => {
      assert.ok(html.includes('<p>Investigating elevated 5xx on <strong>checkout</strong>.</p>'));
      assert.equal(html.match(/<article class="update">/g)?.length, 3);
    });

    it('shows checklists with state, skipped items struck', () => {
      assert.ok(html.includes('<del>Notify customers</del> <span class="muted">(skipped)</span>'));
      assert.ok(html.includes('<h3>Triage <span class="muted">3/3</span></h3>'));
      assert.ok(html.includes('<li class="task in_progress">'));
    });

    it('lists the timeline with offsets and a safe link for the note', () => {
      assert.equal(html.match(/<tr class="[a-z_]+">/g)?.length, 8);
      assert.ok(html.includes('<td class="nowrap">+2h 10m</td>'));
      assert.ok(html.includes('First alert fired, &quot;checkout&quot; 5xx &gt; 2% | p99<br>second line'));
      assert.ok(html.includes('<a href="https://grafana.example.com/d/abc?from=1&amp;to=2" rel="noopener noreferrer">'));
    });

    it('shows the retrospective metrics and report, headings under its own', () => {
      assert.ok(html.includes('<td>Cost of downtime</td><td class="num">USD 1,250.50</td><td class="num">USD 1,000.00</td>'));
      assert.ok(html.includes('<h3>Summary</h3>'));
      assert.ok(html.includes('<li>☐ Alert on pool saturation'));
    });
  });

  describe('hostile content', () => {
    let html: string;
    before(() => {
      fixture.playbook('hostile', { title: '<b>bold</b> playbook', checklists: [] });
      fixture.run('xss', {
        name: '<img src=x onerror=alert(1)>',
        playbook: 'hostile',
        owner: '"><script>alert(3)</script>',
        participants: [],
        status: 'in_progress',
        startedAt: '2024-05-01T10:00:00Z',
        statusUpdates: { enabled: true },
        retrospective: { enabled: true },
        checklists: [{ title: '<svg onload=alert(4)>', items: [{ id: 'a-task', title: '<iframe src=//evil>', state: 'skipped' }] }],
      });
      fixture.timeline('xss', [
        { id: 'ev-0001', at: '2024-05-01T10:05:00Z', type: 'note', actor: 'mallory', summary: '<script>alert(1)</script>', details: '<img src=x onerror=alert(5)> [y](javascript:alert(6))' },
        { id: 'ev-0002', at: '2024-05-01T10:06:00Z', type: 'status_updated', actor: 'mallory', summary: 'x', details: '<script>alert(7)</script>\n\n[z](JaVaScRiPt:alert(8)) <a href="javascript:alert(9)">a</a>' },
      ]);
      fixture.retrospective(
        'xss',
        { status: 'draft', metrics: {} },
        '## Notes\n\n<script>alert(2)</script>\n\n[x](javascript:alert(1))\n\n![pixel](https://tracker.example.com/p.gif)\n\n[data](data:text/html;base64,PHNjcmlwdD4=)\n',
      );
      html = exportRunHtml(collectRunExport(fixture.repo, 'xss'));
    });

    it('runs nothing and loads nothing', () => {
      assertInert(html);
    });

    it('shows the hostile text escaped', () => {
      assert.ok(html.includes('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>'));
      assert.ok(html.includes('<title>&lt;img src=x onerror=alert(1)&gt; · run report</title>'));
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(html.includes('&lt;script&gt;alert(2)&lt;/script&gt;'));
      assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;'));
      assert.ok(html.includes('&lt;b&gt;bold&lt;/b&gt; playbook'));
      assert.ok(html.includes('<del>&lt;iframe src=//evil&gt;</del>'));
    });

    it('turns a remote image into a link instead of loading it', () => {
      assert.ok(html.includes('<a href="https://tracker.example.com/p.gif" rel="noopener noreferrer">pixel</a>'));
    });
  });

  it('renders a status update\'s Markdown in the timeline, its HTML shown as text', () => {
    fixture.playbook('plain', { title: 'Plain', checklists: [] });
    fixture.run('md-update', {
      name: 'Markdown update',
      playbook: 'plain',
      owner: 'alice',
      participants: [],
      status: 'in_progress',
      startedAt: '2024-05-01T10:00:00Z',
      statusUpdates: { enabled: true },
      retrospective: { enabled: false },
      checklists: [],
    });
    const message = 'Investigating **checkout** <svg onload=alert(1)> see `pool.max` and https://status.example.com';
    fixture.timeline('md-update', [{ id: 'ev-0001', at: '2024-05-01T10:05:00Z', type: 'status_updated', actor: 'alice', summary: message, details: `${message}\n\nNext update in 1h.` }]);
    const html = exportRunHtml(collectRunExport(fixture.repo, 'md-update'));
    assertInert(html);
    const row = /<tr class="status_updated">.*<\/tr>/.exec(html)?.[0] ?? '';
    assert.ok(
      row.includes('Investigating <strong>checkout</strong> &lt;svg onload=alert(1)&gt; see <code>pool.max</code> and <a href="https://status.example.com" rel="noopener noreferrer">https://status.example.com</a>'),
      row,
    );
    assert.ok(!row.includes('**'), row);
  });

  it('treats a link that slipped past validation as text', () => {
    writeRealisticRun(fixture);
    const model: RunExport = collectRunExport(fixture.repo, RUN_ID);
    const first = model.timeline[0];
    assert.ok(first);
    const html = exportRunHtml({ ...model, timeline: [{ ...first, link: 'javascript:alert(1)' }] });
    assertInert(html);
    assert.ok(html.includes('<code>javascript:alert(1)</code>'));
  });
});

describe('renderMarkdown', () => {
  it('links web and mail addresses only', () => {
    const html = renderMarkdown('[a](https://a.example) [b](mailto:b@example.com) [c](vbscript:x) [d](file:///etc/passwd) [e](./rel.md) http://plain.example');
    assert.ok(html.includes('<a href="https://a.example" rel="noopener noreferrer">a</a>'));
    assert.ok(html.includes('<a href="mailto:b@example.com" rel="noopener noreferrer">b</a>'));
    assert.ok(html.includes('<a href="http://plain.example" rel="noopener noreferrer">http://plain.example</a>'));
    assert.ok(html.includes('[c](vbscript:x) [d](file:///etc/passwd) [e](./rel.md)'));
    assert.equal(html.match(/<a /g)?.length, 3);
  });

  it('keeps inline data images, which the CSP allows', () => {
    const html = renderMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)');
    assert.ok(html.includes('<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">'));
  });

  it('nests headings under the given level', () => {
    assert.equal(renderMarkdown('# A\n\n## B', 4), '<h4>A</h4>\n<h5>B</h5>\n');
  });
});
