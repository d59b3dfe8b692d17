import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { markdownText, stepSummary, STEP_SUMMARY_LIMIT_BYTES, SUMMARY_RETROSPECTIVES } from '../../../../src/core/review/stepSummary';
import { finding, findings, retrospective, reviewResult } from '../../../helpers/reviewFixtures';

// GitHub renders job summaries as Markdown with HTML allowed; markdown-it with html on stands in.
const markdown = new MarkdownIt({ html: true, linkify: true });
const render = (text: string): string => markdown.render(text);
const decode = (html: string): string =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** The text a reader sees: tags removed, entities decoded. */
const visibleText = (html: string): string => decode(html.replace(/<[^>]*>/g, ''));

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'a|b',
  '**bold** _em_ `code` [link](javascript:alert(1)) ![pixel](https://example.com/p.png)',
  '&lt; already an entity &amp;',
  '# heading\n- item\r\n| x |',
  '$x^2$ :tada: @everyone ~~gone~~ \\ backslash',
];

describe('review --format github: the job summary', () => {
  it('renders any user text as exactly that text: no HTML, no Markdown', () => {
    for (const text of HOSTILE) {
      const html = render(markdownText(text));
      assert.equal(html.replace(/^<p>|<\/p>\n$/g, '').includes('<'), false, `no element from ${JSON.stringify(text)}: ${html}`);
      assert.equal(visibleText(html).trim(), text.replace(/\r\n|\r|\n/g, ' ').trim());
    }
  });

  it('shows a hostile run name, playbook, metric and event as text in the whole summary', () => {
    const result = reviewResult({
      retrospectives: [
        retrospective({
          runName: '<img src=x onerror=alert(1)>',
          playbook: 'a|b',
          metrics: [{ id: 'm', title: 'Time | to <b>fix</b>', value: '1h|2h', target: '<1h', met: false }],
          keyEvents: [{ at: '2026-12-01T09:00:00Z', type: 'note', summary: 'line one\nline two <script>x</script>' }],
        }),
      ],
      findings: [finding({ message: 'says <iframe src=//evil>', file: 'runs/<b>.md' })],
    });
    const summary = stepSummary(result);
    const html = render(summary);
    assert.doesNotMatch(html, /<(img|script|iframe|b)\b/i);
    assert.ok(summary.includes('### &lt;img src=x onerror=alert\\(1\\)&gt;'), summary);
    const text = visibleText(html);
    for (const shown of ['<img src=x onerror=alert(1)>', 'a|b', 'Time | to <b>fix</b>', '1h|2h', '<1h', 'line one line two <script>x</script>', 'says <iframe src=//evil>']) {
      assert.ok(text.includes(shown), `${shown} appears as text`);
    }
    // The pipes stayed inside their cells: the metrics row has four cells.
    const row = /<tr>\s*<td>Time[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    assert.equal((row.match(/<td/g) ?? []).length, 4, row);
  });

  it('gives totals, then per retrospective its metrics against targets, checks and key events, then the findings', () => {
    const result = reviewResult({
      retrospectives: [retrospective()],
      findings: [finding({ severity: 'error', title: 'Missing metric', ruleId: 'metrics/missing', message: 'Time to resolve has no value.' }), finding()],
    });
    const summary = stepSummary(result);
    assert.match(summary, /^# git-playbooks review\n\n\*\*1 error\*\*, 1 warning, 0 notices in 1 file \(changes since origin\/main\)\./);
    assert.ok(summary.includes('| Time to detect | 4m | 5m | ✓ met |'), summary);
    assert.ok(summary.includes('| Time to resolve | 1h30m | 1h | ✗ missed |'));
    assert.ok(summary.includes('| Customer credits | *not filled in* | €0 | — |'));
    assert.ok(summary.includes('- ✅ passed: Template sections filled'));
    assert.ok(summary.includes('- ❌ failed: Blameless language — 2 findings'));
    assert.ok(summary.includes('Run started by alice') && summary.includes('Service restored'));
    const order = ['# git-playbooks review', '### Primary database outage', '#### Metrics against targets', '#### Checks', '#### Key timeline events', '## Findings'];
    const positions = order.map((heading) => summary.indexOf(heading));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    assert.ok(positions.every((position) => position >= 0));
    const findingLines = summary.split('\n').filter((line) => line.startsWith('- ❌ error') || line.startsWith('- ⚠️ warning'));
    assert.equal(findingLines.length, 2);
    assert.ok(findingLines[0]?.startsWith('- ❌ error'), 'errors first');
  });

  it('says "the whole repository" without a base, and "No findings." when clean', () => {
    const summary = stepSummary(reviewResult({ scope: { files: [] } }));
    assert.match(summary, /0 errors\*\*, 0 warnings, 0 notices in 0 files \(the whole repository\)/);
    assert.match(summary, /## Findings\n\nNo findings\./);
  });

  it('lists the first 50 findings and counts the rest', () => {
    const summary = stepSummary(reviewResult({ findings: findings(60, 'warning') }));
    assert.equal(summary.split('\n').filter((line) => line.startsWith('- ⚠️ warning')).length, 50);
    assert.ok(summary.includes('- …and 10 more'));
  });

  it('stays under GitHub\'s 1 MiB per step for a whole-repository review of thousands of long-named retrospectives', () => {
    const many = Array.from({ length: 5000 }, (_, index) => retrospective({ runName: `${'<long name> '.repeat(400)}${index}` }));
    const summary = stepSummary(reviewResult({ retrospectives: many, findings: findings(200, 'error') }));
    assert.ok(Buffer.byteLength(summary) < STEP_SUMMARY_LIMIT_BYTES, `${Buffer.byteLength(summary)} bytes`);
    const shown = summary.split('\n').filter((line) => line.startsWith('### ')).length;
    assert.ok(shown > 0 && shown <= SUMMARY_RETROSPECTIVES);
    assert.ok(summary.includes(`…and ${5000 - shown} more retrospectives not shown here.`));
    assert.ok(summary.includes('## Findings'), 'the findings are never crowded out');
  });

  it('stops adding retrospectives at the size budget when each is large, and still lists the findings', () => {
    const metrics = Array.from({ length: 400 }, (_, index) => ({ id: `m${index}`, title: `${'<metric> '.repeat(60)}${index}`, value: '1', target: '2', met: true }));
    const many = Array.from({ length: 20 }, (_, index) => retrospective({ runName: `Run ${index}`, metrics }));
    const summary = stepSummary(reviewResult({ retrospectives: many, findings: findings(60, 'error') }));
    assert.ok(Buffer.byteLength(summary) < STEP_SUMMARY_LIMIT_BYTES, `${Buffer.byteLength(summary)} bytes`);
    const shown = summary.split('\n').filter((line) => line.startsWith('### ')).length;
    assert.ok(shown >= 1 && shown < 20, `${shown} shown`);
    assert.ok(summary.includes(`…and ${20 - shown} more retrospectives not shown here.`));
    assert.equal(summary.split('\n').filter((line) => line.startsWith('- ❌ error')).length, 50);
  });
});
