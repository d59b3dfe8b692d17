import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { exportRunMarkdown, nestHeadings } from '../../../src/core/export/exportMarkdown';
import { escapeTableCell } from '../../../src/core/export/markdownText';
import { collectRunExport } from '../../../src/core/export/runExportModel';
import { FixtureRepo, RUN_ID, writeRealisticRun } from './fixtures';

/** Cells of a Markdown table row, splitting on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('exportRunMarkdown', () => {
  let fixture: FixtureRepo;
  let markdown: string;
  before(() => {
    fixture = new FixtureRepo();
    writeRealisticRun(fixture);
    markdown = exportRunMarkdown(collectRunExport(fixture.repo, RUN_ID));
  });
  after(() => fixture.cleanup());

  it('starts with the run name and a summary table', () => {
    const lines = markdown.split('\n');
    assert.equal(lines[0], '# Checkout database outage');
    assert.ok(lines.includes('| Playbook | Incident response (`incident-response`) |'));
    assert.ok(lines.includes('| Status | Finished |'));
    assert.ok(lines.includes('| Duration | 3h 20m |'));
    assert.ok(lines.includes('| Participants | alice, bob, carol@example.com |'));
  });

  it('shows status updates oldest first, quoted, with time since start', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('### 2024-'));
    assert.deepEqual(headings, [
      '### 2024-05-01 10:30 UTC · alice (+30m)',
      '### 2024-05-01 12:10 UTC · bob (+2h 10m)',
      '### 2024-05-01 13:20 UTC · alice (+3h 20m)',
    ]);
    assert.ok(markdown.includes('> Investigating elevated 5xx on **checkout**.\n>\n> Next update in 1h.'));
  });

  it('lists checklists as task lists, skipped items struck through', () => {
    const tasks = markdown.split('\n').filter((line) => /^- \[[ x]\] /.test(line));
    assert.deepEqual(tasks, [
      '- [x] Page on-call — alice · due 2024-05-01 10:15 UTC',
      '- [x] Assess impact',
      '- [ ] ~~Notify customers~~ (skipped) — carol@example.com',
      '- [ ] Fail over the database (in progress) — bob',
      '- [ ] Find the root cause',
      // From the retrospective body, which is kept as written.
      '- [ ] Alert on pool saturation (see https://wiki.example.com/db)',
    ]);
  });

  it('keeps every timeline row on one line with six cells, even with pipes and newlines', () => {
    const section = markdown.slice(markdown.indexOf('## Timeline'), markdown.indexOf('## Retrospective'));
    const rows = section.split('\n').filter((line) => line.startsWith('| '));
    assert.equal(rows.length, 2 + 8);
    for (const row of rows) assert.equal(cells(row).length, 6, row);
    const note = rows.find((row) => row.includes('First alert'));
    assert.deepEqual(cells(note ?? ''), [
      '2024-05-01 10:12 UTC',
      '+12m',
      'Note',
      'carol@example.com',
      'First alert fired, "checkout" 5xx > 2% \\| p99<br>second line',
      '<https://grafana.example.com/d/abc?from=1&to=2>',
    ]);
  });

  it('puts the retrospective metrics table before the report, headings nested under it', () => {
    const retro = markdown.slice(markdown.indexOf('## Retrospective'));
    assert.ok(retro.includes('**Published** 2024-05-02 09:00 UTC by bob.'));
    assert.ok(retro.includes('| Time to detect | 25m | 30m |'));
    assert.ok(retro.includes('| Cost of downtime | USD 1,250.50 | USD 1,000.00 |'));
    assert.ok(retro.indexOf('| Metric |') < retro.indexOf('### Summary'));
    assert.ok(!retro.includes('\n## Summary'));
  });
});

describe('exportRunMarkdown with HTML in user Markdown', () => {
  const HOSTILE_UPDATE = 'Mitigated **checkout**. <svg onload=alert(1)>\n\nSee `<b>inline code</b>` and <https://status.example.com>.';
  const HOSTILE_BODY = [
    '## Summary',
    '',
    '<img src=x onerror=alert(2)> the pool ran dry & _nobody_ noticed.',
    '',
    '<script>alert(3)</script>',
    '',
    '```html',
    '<b>kept as code</b>',
    '```',
    '',
  ].join('\n');
  let fixture: FixtureRepo;
  let markdown: string;
  let rendered: string;
  before(() => {
    fixture = new FixtureRepo();
    writeRealisticRun(fixture);
    fixture.timeline(RUN_ID, [
      { id: 'ev-0001', at: '2024-05-01T10:00:00Z', type: 'run_started', actor: 'alice', summary: 'alice started the run' },
      { id: 'ev-0002', at: '2024-05-01T10:30:00Z', type: 'status_updated', actor: 'alice', summary: 'Mitigated', details: HOSTILE_UPDATE },
    ]);
    fixture.retrospective(RUN_ID, { status: 'draft', metrics: {} }, HOSTILE_BODY);
    markdown = exportRunMarkdown(collectRunExport(fixture.repo, RUN_ID));
    // As a viewer that lets HTML through (a wiki, a static site, VS Code's preview with HTML on) shows it.
    rendered = new MarkdownIt({ html: true, linkify: true }).render(markdown);
  });
  after(() => fixture.cleanup());

  it('shows raw HTML from status updates and the retrospective as text, keeping Markdown, code and autolinks', () => {
    assert.ok(!/<(?:svg|img|script)\b/i.test(rendered), rendered);
    assert.ok(rendered.includes('&lt;svg onload=alert(1)&gt;'));
    assert.ok(rendered.includes('&lt;img src=x onerror=alert(2)&gt; the pool ran dry &amp; <em>nobody</em> noticed.'));
    assert.ok(rendered.includes('&lt;script&gt;alert(3)&lt;/script&gt;'));
    // Readable as written: formatting, code and autolinks are left alone.
    assert.ok(rendered.includes('<strong>checkout</strong>'));
    assert.ok(markdown.includes('> See `<b>inline code</b>` and <https://status.example.com>.'));
    assert.ok(rendered.includes('<code>&lt;b&gt;inline code&lt;/b&gt;</code>'));
    assert.ok(rendered.includes('<a href="https://status.example.com">'));
    assert.ok(markdown.includes('```html\n<b>kept as code</b>\n```'));
  });
});

describe('escapeTableCell', () => {
  it('escapes pipes, backslashes, newlines and HTML', () => {
    assert.equal(escapeTableCell('a|b'), 'a\\|b');
    assert.equal(escapeTableCell('a\\|b'), 'a\\\\\\|b');
    assert.equal(escapeTableCell('one\r\ntwo\nthree'), 'one<br>two<br>three');
    assert.equal(escapeTableCell('<script>'), '&lt;script>');
  });

  it('leaves code spans as written and escapes only outside them, even against a crafted link', () => {
    const render = (text: string): string => new MarkdownIt({ html: true }).render(`| h |\n| --- |\n| ${escapeTableCell(text)} |`);
    assert.ok(render('`a && b <c>` and <b>x</b> & co').includes('<td><code>a &amp;&amp; b &lt;c&gt;</code> and &lt;b&gt;x&lt;/b&gt; &amp; co</td>'));
    // The backtick inside the link's URL opens no code span, so the <svg> after it is text.
    assert.ok(!render('[x](http://a`b) <svg onload=alert(1)> c`').includes('<svg'));
  });
});

describe('nestHeadings', () => {
  it('shifts headings to the given level and leaves code blocks alone', () => {
    const text = '# Top\n\n```\n# not a heading\n```\n\nSub\n---\n\ntext\n';
    assert.equal(nestHeadings(text, 3), '### Top\n\n```\n# not a heading\n```\n\n#### Sub\n\ntext\n');
  });

  it('never goes past level 6 and leaves deep enough headings alone', () => {
    assert.equal(nestHeadings('# a\n\n###### b', 3), '### a\n\n###### b');
    assert.equal(nestHeadings('#### deep', 3), '#### deep');
  });
});
