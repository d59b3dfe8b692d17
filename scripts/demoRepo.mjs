// Builds the demo repository used by `npm start` and as the fixture of the integration and e2e tiers:
// a small service repo whose playbooks folder has eight weeks of history, made with the real CLI
// (dist/cli.js, run in-process for speed) and git.
//
//   node scripts/demoRepo.mjs <dir> [--small] [--now ISO]
//
// Deterministic for a given --now (default: the current hour, UTC): the CLI's clock is pinned per step
// with GIT_PLAYBOOKS_NOW, commits carry pinned dates, and the random part of event ids comes from a
// seeded source, so two builds with the same --now have the same files and the same commit ids.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A run's folder as git-playbooks writes it: in the folder of its start month (playbooks/runs/2026/11/<id>). */
const runFolder = (id) => `playbooks/runs/${id.slice(0, 4)}/${id.slice(5, 7)}/${id}`;

function parseArgs(argv) {
  const options = { dir: undefined, small: false, now: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--small') options.small = true;
    else if (arg === '--now') options.now = argv[++i];
    else if (!arg.startsWith('--') && options.dir === undefined) options.dir = arg;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!options.dir) throw new Error('usage: node scripts/demoRepo.mjs <dir> [--small] [--now ISO]');
  const now = options.now ? new Date(options.now) : new Date(Math.floor(Date.now() / HOUR) * HOUR);
  if (Number.isNaN(now.getTime())) throw new Error(`--now ${options.now}: not an ISO 8601 date and time`);
  return { dir: path.resolve(options.dir), small: options.small, now };
}

const iso = (time) => new Date(time).toISOString().replace(/\.000Z$/, 'Z');

/** Event ids end in random bytes (so two branches never collide); a seeded source keeps the demo reproducible. */
function seedRandomBytes(seed) {
  const crypto = createRequire(import.meta.url)('node:crypto');
  let counter = 0;
  crypto.randomBytes = (size, callback) => {
    let bytes = Buffer.alloc(0);
    while (bytes.length < size) bytes = Buffer.concat([bytes, createHash('sha256').update(`${seed}:${counter++}`).digest()]);
    const result = bytes.subarray(0, size);
    if (typeof callback === 'function') queueMicrotask(() => callback(null, result));
    return result;
  };
}

/** The people of the demo; the repository's own git identity is alice, as a developer's clone would be. */
const EMAIL = (who) => `${who}@example.com`;

function createRepo(dir, now) {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true });
  const git = (args, at, author = 'alice') =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: EMAIL(author), GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: EMAIL(author),
        GIT_AUTHOR_DATE: iso(at ?? now), GIT_COMMITTER_DATE: iso(at ?? now),
      },
    });
  git(['init', '-q', '-b', 'main']);
  for (const [key, value] of [['user.name', 'alice'], ['user.email', EMAIL('alice')], ['commit.gpgsign', 'false']]) git(['config', key, value]);
  return git;
}

/** Runs the real CLI in-process with a pinned clock; returns its stdout lines. */
function cliRunner(dir) {
  const { runCli } = createRequire(import.meta.url)(path.join(ROOT, 'dist/cli.js'));
  return async (at, actor, args) => {
    const out = [];
    const err = [];
    const env = { ...process.env, GIT_PLAYBOOKS_NOW: iso(at) };
    delete env.GIT_PLAYBOOKS_DIR;
    const code = await runCli([...(actor ? ['--as', actor] : []), ...args], { cwd: dir, env, out: (text) => out.push(text), err: (text) => err.push(text) });
    if (code !== 0) throw new Error(`git-playbooks ${args.join(' ')} (at ${iso(at)}) exited ${code}:\n${err.join('\n')}`);
    return out.join('\n').split('\n').filter((line) => line !== '');
  };
}

// A run is a start time, people, and steps at minutes after the start. An incident's usual course is
// generated from a few numbers so that published metrics agree with what the timeline shows.
function incidentSteps({ helpers, detect, mitigate, resolve, symptom, fix, cause, alert }) {
  const [first, second = first] = helpers;
  return [
    [1, 'owner', 'note', { summary: `Impact began: ${symptom}`, at: -detect, link: alert }],
    [2, 'owner', 'participants', helpers],
    [4, 'owner', 'task', '1.1', 'closed'],
    [6, first, 'task', '1.2', 'in_progress', first],
    [8, 'owner', 'update', `Investigating: ${symptom}. Next update in one hour.`],
    [9, 'owner', 'task', '2.1', 'closed'],
    [15, second, 'task', '2.2', 'closed', second],
    [Math.round(mitigate * 0.6), first, 'note', { summary: `Likely cause: ${cause}` }],
    [Math.round(mitigate * 0.6) + 1, first, 'task', '1.2', 'closed'],
    [mitigate, 'owner', 'task', '1.3', 'closed'],
    [mitigate + 1, 'owner', 'update', `Mitigated: ${fix}. Watching error rates before closing.`],
    [resolve - 5, 'owner', 'task', '3.1', 'closed'],
    [resolve - 2, 'owner', 'update', 'Resolved: error rates and latency back to normal for 30 minutes.'],
    [resolve - 1, 'owner', 'task', '3.2', 'closed'],
    [resolve, 'owner', 'finish'],
  ];
}

function retroSteps(at, metrics, outcome) {
  const steps = Object.entries(metrics).map(([id, value], index) => [at + index, 'owner', 'metric', id, value]);
  if (outcome === 'published') steps.push([at + 30, 'owner', 'publish']);
  if (outcome === 'skipped') steps.push([at, 'owner', 'skip', 'False alarm: the alert threshold was wrong, nothing was affected.']);
  return steps;
}

function demoRuns(now, small) {
  const ago = (days, hour = 9) => Math.floor((now.getTime() - days * DAY) / DAY) * DAY + hour * HOUR;
  const incident = (name, start, owner, numbers, outcome, metrics) => ({
    playbook: 'incident-response', name, start, owner,
    steps: [...incidentSteps(numbers), ...(outcome === 'progress' ? [] : retroSteps(numbers.resolve + 20 * 60, metrics, outcome))],
  });
  const outage = (name, start, owner, numbers, metrics) => ({
    playbook: 'customer-facing-outage', name, start, owner,
    steps: [...incidentSteps(numbers), ...retroSteps(numbers.resolve + 26 * 60, metrics, 'published')],
  });
  const release = (name, start, owner, days, outcome, metrics) => ({
    playbook: 'product-release', name, start, owner,
    steps: [
      [5, 'owner', 'participants', ['carol', 'dave']],
      [10, 'owner', 'task', '1.1', 'closed'],
      [40, 'carol', 'task', '1.2', 'closed', 'carol'],
      [60, 'owner', 'update', `Code freeze in place; release branch cut for ${name}.`],
      [26 * 60, 'dave', 'task', '2.1', metrics ? 'closed' : 'in_progress', 'dave'],
      ...(metrics
        ? [
            [28 * 60, 'owner', 'task', '2.2', 'closed'],
            [30 * 60, 'owner', 'update', 'Tests green and sign-offs collected; tagging tomorrow morning.'],
            [days * DAY / MINUTE - 120, 'owner', 'task', '3.1', 'closed'],
            [days * DAY / MINUTE - 100, 'carol', 'task', '3.2', 'closed'],
            ...(metrics['rollback-count'] > 0 ? [[days * DAY / MINUTE - 60, 'carol', 'note', { summary: 'Rolled back the first canary: error rate doubled on the payments page' }]] : []),
            [days * DAY / MINUTE - 30, 'owner', 'task', '3.3', 'closed'],
            [days * DAY / MINUTE - 20, 'owner', 'task', '4.1', 'closed'],
            [days * DAY / MINUTE - 15, 'owner', 'task', '4.3', 'closed'],
            [days * DAY / MINUTE - 10, 'owner', 'update', `${name} is out to everyone.`],
            [days * DAY / MINUTE, 'owner', 'finish'],
            ...retroSteps(days * DAY / MINUTE + 3 * DAY / MINUTE, metrics, outcome),
          ]
        : []),
    ],
  });

  const runs = [
    incident('Checkout errors in EU', ago(54, 14), 'alice', { helpers: ['bob', 'carol'], detect: 25, mitigate: 130, resolve: 190, symptom: 'checkout returns 502 for a third of EU users', fix: 'rolled back the payments gateway to 4.12', cause: 'connection pool exhausted after the gateway upgrade', alert: 'https://alerts.example.com/incidents/8812' }, 'published',
      { 'time-to-detect': '25m', 'time-to-mitigate': '2h10m', 'customer-tickets': '41', cost: '1800.00' }),
    release('Release 2.3', ago(49), 'carol', 6, 'published', { 'release-lead-time': '6d', 'rollback-count': '1', 'escaped-defects': '3' }),
    incident('Login latency spike', ago(45, 11), 'bob', { helpers: ['alice', 'erin'], detect: 18, mitigate: 95, resolve: 150, symptom: 'sign-in takes over 10 seconds', fix: 'added the missing index on sessions.user_id', cause: 'a slow query after the sessions table migration', alert: 'https://alerts.example.com/incidents/8870' }, 'published',
      { 'time-to-detect': '18m', 'time-to-mitigate': '1h35m', 'customer-tickets': '22', cost: '950.00' }),
    outage('EU region unavailable', ago(40, 7), 'erin', { helpers: ['bob', 'dave'], detect: 12, mitigate: 70, resolve: 130, symptom: 'every EU request times out', fix: 'failed over to the secondary EU region', cause: 'the load balancer certificate rotation job failed halfway', alert: 'https://status.example.com/incidents/311' },
      { 'time-to-mitigate': '1h10m', 'time-to-detect': '12m', 'support-tickets': '57', 'credits-issued': '4200.00' }),
    release('Release 2.4', ago(35), 'carol', 5, 'published', { 'release-lead-time': '5d 4h', 'rollback-count': '0', 'escaped-defects': '2' }),
    incident('Search index stale', ago(33, 16), 'alice', { helpers: ['dave'], detect: 14, mitigate: 65, resolve: 110, symptom: 'new products missing from search', fix: 'restarted the indexer with a fresh cursor', cause: 'the indexer cursor stuck on a malformed document', alert: 'https://alerts.example.com/incidents/8934' }, 'published',
      { 'time-to-detect': '14m', 'time-to-mitigate': '1h5m', 'customer-tickets': '12', cost: '400.00' }),
    {
      playbook: 'security-incident', name: 'Leaked API token in CI logs', start: ago(28, 10), owner: 'erin',
      steps: [
        [1, 'owner', 'note', { summary: 'Token found in a public CI log by the secret scanner', at: -180, link: 'https://ci.example.com/builds/20931' }],
        [3, 'owner', 'participants', ['alice']],
        [5, 'owner', 'task', '1.1', 'closed'],
        [12, 'alice', 'task', '1.2', 'closed', 'alice'],
        [20, 'owner', 'update', 'Token scope confirmed: read access to the staging bucket. Revoking now.'],
        [40, 'owner', 'task', '2.1', 'closed'],
        [55, 'alice', 'task', '2.2', 'skipped'],
        [240, 'owner', 'task', '3.1', 'closed'],
        [250, 'owner', 'update', 'Contained: token revoked, CI log masking fixed, no access seen in the bucket logs.'],
        [260, 'owner', 'finish'],
        ...retroSteps(DAY / MINUTE, { 'time-to-detect': '3h', 'time-to-contain': '40m', 'systems-affected': '2' }, 'published'),
      ],
    },
    release('Release 2.5', ago(21), 'dave', 4, 'published', { 'release-lead-time': '4d', 'rollback-count': '0', 'escaped-defects': '1' }),
    incident('Payment webhook backlog', ago(20, 13), 'bob', { helpers: ['carol'], detect: 9, mitigate: 50, resolve: 95, symptom: 'orders stay "pending" after payment', fix: 'scaled the webhook workers from 2 to 6', cause: 'a marketing e-mail tripled traffic in ten minutes', alert: 'https://alerts.example.com/incidents/9011' }, 'published',
      { 'time-to-detect': '9m', 'time-to-mitigate': '50m', 'customer-tickets': '8', cost: '250.00' }),
    outage('Billing page 500s', ago(12, 15), 'alice', { helpers: ['erin'], detect: 7, mitigate: 35, resolve: 80, symptom: 'the billing page fails for every customer', fix: 'turned off the new-invoices feature flag', cause: 'a null currency on legacy accounts', alert: 'https://status.example.com/incidents/322' },
      { 'time-to-mitigate': '35m', 'time-to-detect': '7m', 'support-tickets': '19', 'credits-issued': '600.00' }),
    incident('CDN certificate expired', ago(9, 8), 'carol', { helpers: ['alice', 'bob'], detect: 6, mitigate: 30, resolve: 70, symptom: 'images and scripts fail to load', fix: 'renewed the certificate by hand', cause: 'renewal job lost its DNS credentials', alert: 'https://alerts.example.com/incidents/9087' }, 'due',
      { 'time-to-detect': '6m', 'time-to-mitigate': '30m' }),
    release('Release 2.6', ago(7), 'dave', 3, 'due', { 'release-lead-time': '3d 6h' }),
    incident('Cache node flapping', ago(3, 22), 'erin', { helpers: ['bob'], detect: 3, mitigate: 10, resolve: 25, symptom: 'one cache node reported down and up every minute', fix: 'raised the health-check timeout', cause: 'a health check tighter than the node\'s GC pauses', alert: 'https://alerts.example.com/incidents/9140' }, 'skipped', {}),
    {
      playbook: 'security-incident', name: 'Suspicious admin logins', start: now.getTime() - 2 * DAY - 3 * HOUR, owner: 'erin',
      steps: [
        [1, 'owner', 'note', { summary: 'Three admin sign-ins from an unknown ASN', at: -50, link: 'https://siem.example.com/alerts/5521' }],
        [4, 'owner', 'participants', ['alice', 'bob']],
        [10, 'owner', 'task', '1.1', 'closed'],
        [15, 'bob', 'task', '1.2', 'in_progress', 'bob'],
        [30, 'owner', 'update', 'Investigating: sessions of the three accounts revoked, passwords reset, evidence being collected.'],
        [45, 'alice', 'task', '2.1', 'closed', 'alice'],
        [150, 'owner', 'update', 'No data access found so far; two of three logins were a contractor on a new VPN.'],
        [170, 'owner', 'owner', 'alice'],
        [180, 'alice', 'task', '3.1', 'in_progress', 'alice'],
      ],
    },
    release('Release 2.7', ago(1, 10), 'carol', 3, 'progress', undefined),
    {
      playbook: 'incident-response', name: 'Primary database failover', start: now.getTime() - 2 * HOUR - 20 * MINUTE, owner: 'alice',
      steps: incidentSteps({ helpers: ['bob', 'dave'], detect: 11, mitigate: 55, resolve: 24 * 60, symptom: 'writes fail on the primary database', fix: 'promoted the replica in eu-west-1b', cause: 'disk full on the primary after a runaway migration', alert: 'https://alerts.example.com/incidents/9163' })
        .filter(([minute]) => minute <= 100)
        .concat([[70, 'owner', 'owner', 'bob'], [75, 'bob', 'task', '3.1', 'in_progress', 'bob'], [90, 'dave', 'note', { summary: 'Migration 0142 paused; replica lag back under 1 s', link: 'migrations/0142_orders_archive.sql:1' }]]),
    },
  ];
  if (!small) return runs;
  const keep = new Set(['Search index stale', 'Release 2.5', 'CDN certificate expired', 'Cache node flapping', 'Primary database failover']);
  return runs.filter((run) => keep.has(run.name));
}

const RETRO_TEXT = (run) => `## What happened\n${run.name}. The timeline below the summary was inserted from the run; see the status updates for the course of events.\n`;

/** The rest of the repository: a service with the runbook the incident template links to. */
function writeServiceFiles(dir) {
  const files = {
    'README.md': '# checkout-service\n\nThe checkout and payments service. Incidents and releases are run with the playbooks in `playbooks/`.\n',
    'docs/runbooks/status-page.md': '# Updating the public status page\n\n1. Sign in to the status page admin.\n2. Pick the affected components and the impact.\n3. Post what users see, not the cause.\n',
    'migrations/0142_orders_archive.sql': '-- Moves orders older than two years to the archive table, in batches of 10 000.\nINSERT INTO orders_archive SELECT * FROM orders WHERE created_at < now() - interval \'2 years\' LIMIT 10000;\n',
    'src/checkout.ts': 'export function total(prices: number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}\n',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

async function main() {
  const { dir, small, now } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  seedRandomBytes(iso(now));
  const git = createRepo(dir, now);
  const cli = cliRunner(dir);
  const start = now.getTime() - 60 * DAY;

  writeServiceFiles(dir);
  git(['add', '-A'], start);
  git(['commit', '-q', '-m', 'Checkout service: first import'], start);
  await cli(start + DAY, 'alice', ['init', '--ci', 'github']);
  git(['add', '-A'], start + DAY);
  git(['commit', '-q', '-m', 'Add the playbooks folder'], start + DAY);
  const playbooks = [['incident-response', 'incident-response', 'alice'], ['product-release', 'product-release', 'carol'], ['security-incident', 'security-incident', 'erin']];
  for (const [index, [slug, template, who]] of playbooks.entries()) {
    const at = start + DAY + (index + 1) * HOUR;
    await cli(at, who, ['playbook', 'new', slug, '--template', template]);
    git(['add', '-A'], at, who);
    git(['commit', '-q', '-m', `Add the ${slug} playbook`], at, who);
  }
  const importAt = start + 2 * DAY;
  await cli(importAt, 'erin', ['playbook', 'import-mattermost', path.join(ROOT, 'test/fixtures/mattermost/customer-outage.json')]);
  git(['add', '-A'], importAt, 'erin');
  git(['commit', '-q', '-m', 'Import the customer-facing outage playbook from Mattermost'], importAt, 'erin');

  // Every step of every run, in time order, so the history reads as it would have happened.
  const runs = demoRuns(now, small);
  const steps = runs.flatMap((run, runIndex) => [[run.start, runIndex, 0, run.owner, 'start'], ...run.steps.map(([minute, actor, ...rest], order) => [run.start + minute * MINUTE, runIndex, order + 1, actor === 'owner' ? run.owner : actor, ...rest])]);
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const ids = [];
  const due = steps.filter(([at]) => at <= now.getTime());
  const lastStep = new Map(due.map((step) => [step[1], step]));
  const commitRun = (run, id, at, who, message) => {
    git(['add', '--', runFolder(id)], at, who);
    try {
      git(['commit', '-q', '-m', `${run.name}: ${message}`], at, who);
    } catch (error) {
      if (!/nothing (added )?to commit|no changes added to commit/.test(`${error.stdout}`)) throw error; // a run's last step may change nothing
    }
  };

  for (const step of due) {
    const [at, runIndex, , who, kind, ...args] = step;
    const run = runs[runIndex];
    const id = ids[runIndex];
    if (kind === 'start') {
      ids[runIndex] = (await cli(at, who, ['run', 'start', run.playbook, '--name', run.name])).at(-1);
      commitRun(run, ids[runIndex], at, who, 'run started');
    } else if (kind === 'update') {
      await cli(at, who, ['run', 'update', id, '--message', args[0]]);
      commitRun(run, id, at, who, 'status update');
    } else if (kind === 'participants') await cli(at, who, ['run', 'participants', id, ...args[0].flatMap((person) => ['--add', person])]);
    else if (kind === 'owner') await cli(at, who, ['run', 'owner', id, args[0]]);
    else if (kind === 'task') await cli(at, who, ['run', 'task', id, args[0], '--state', args[1], ...(args[2] ? ['--assign', args[2]] : [])]);
    else if (kind === 'note') {
      const { summary, at: noteAt, link } = args[0];
      await cli(at, who, ['run', 'note', id, '--summary', summary, ...(noteAt !== undefined ? ['--at', iso(run.start + noteAt * MINUTE)] : []), ...(link ? ['--link', link] : [])]);
    } else if (kind === 'finish') {
      await cli(at, who, ['run', 'finish', id]);
      commitRun(run, id, at, who, 'finished');
    } else if (kind === 'metric') await cli(at, who, ['retro', 'metric', id, args[0], args[1]]);
    else if (kind === 'skip') {
      await cli(at, who, ['retro', 'skip', id, '--reason', args[0]]);
      // Skipping commits like publishing does: pin its time too.
      git(['commit', '-q', '--amend', '--no-edit', '--reset-author'], at, who);
    } else if (kind === 'publish') {
      const retro = path.join(dir, runFolder(id), 'retrospective.md');
      fs.writeFileSync(retro, fs.readFileSync(retro, 'utf8').replace('## What happened\n', RETRO_TEXT(run)));
      await cli(at, who, ['retro', 'publish', id]);
      // The CLI's git strips GIT_* variables, so its commit carries the real time: pin it like the others.
      git(['commit', '-q', '--amend', '--no-edit', '--reset-author'], at, who);
    } else throw new Error(`unknown step ${kind}`);
    // A run's last changes (tasks, notes, metrics) are committed with its last step.
    if (lastStep.get(runIndex) === step) commitRun(run, ids[runIndex], at, who, kind === 'metric' ? 'retrospective metrics' : 'tasks and notes');
  }
  const commits = git(['rev-list', '--count', 'HEAD']).trim();
  process.stdout.write(`demo repository: ${dir} (${playbooks.length + 1} playbooks, ${ids.filter(Boolean).length} runs, ${commits} commits, now ${iso(now)})\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${error?.stdout ?? ""}${error?.stderr ?? ""}`);
  process.exit(1);
});
