import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { PlaybooksRepository, InvalidFileError } from '../../../src/core/repository/playbooksRepository';
import { buildPlaybookReport } from '../../../src/core/reports/playbookReport';
import { dueReminders } from '../../../src/core/runs/reminders';
import { exportRun } from '../../../src/core/export/exportRun';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { OperationRefused } from '../../../src/core/model/errors';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempRepo';

/**
 * Generated and mutated files through every read path: load, validate, index, report, reminders,
 * export and the CLI's read commands. Nothing may throw anything but a refusal, and every problem
 * names its file and a line. `npm run fuzz` runs 10,000 cases (FUZZ_RUNS); the suite runs fewer.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const FIXTURE = path.resolve(__dirname, '../../fixtures/valid');
const RUN_DIR = 'playbooks/runs/2026/11/2026-11-02-checkout-errors';
const FILES = ['playbooks/payments-outage.yaml', `${RUN_DIR}/run.yaml`, `${RUN_DIR}/timeline.yaml`, `${RUN_DIR}/retrospective.md`];
const ORIGINALS = FILES.map((file) => fs.readFileSync(path.join(FIXTURE, file), 'utf8'));

const nasty = fc.constantFrom(
  '&a [*a, *a]', '*a', '<<<<<<< HEAD\n', '=======\n', '>>>>>>> x\n', '\0', '\uFEFF', '\uD800', '---\n', '...\n', '{', '[', ']', '}', ': ', '- ',
  '"', "'", '|', '>', '#', '!!binary', '!!js/function', '%YAML 1.1\n', '\t', '\r\n', 'null', '~', 'yes', '0x1F', '.nan', '2026-13-45T99:99:99Z',
  'apiVersion: git-playbooks/v2\n', 'kind: Run\n', '../../../etc/passwd', 'javascript:alert(1)', '<script>alert(1)</script>', '🔥'.repeat(3), 'a'.repeat(3000),
);

type Mutation = { at: number; remove: number; insert: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(nasty, fc.string({ maxLength: 20 }), fc.constant('')),
});

function mutate(text: string, mutations: Mutation[]): string {
  let result = text;
  for (const { at, remove, insert } of mutations) {
    const position = result.length === 0 ? 0 : at % (result.length + 1);
    result = result.slice(0, position) + insert + result.slice(position + remove);
  }
  return result;
}

/** A whole document of random shape, with our header most of the time so the schema is exercised. */
const randomDocument = fc.record({
  header: fc.boolean(),
  kind: fc.constantFrom('Playbook', 'Run', 'Timeline', 'Retrospective', 'Other'),
  body: fc.dictionary(fc.constantFrom('title', 'name', 'owner', 'events', 'checklists', 'status', 'metrics', 'startedAt', 'x'), fc.jsonValue({ maxDepth: 4 })),
});

const fileCase = fc.oneof(
  { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 6 }).map((mutations) => ({ mutations })) },
  { weight: 1, arbitrary: randomDocument.map((document) => ({ document })) },
);

function render(original: string, spec: { mutations: Mutation[] } | { document: { header: boolean; kind: string; body: Record<string, unknown> } }): string {
  if ('mutations' in spec) return mutate(original, spec.mutations);
  const { header, kind, body } = spec.document;
  const yaml = dump({ ...(header ? { apiVersion: 'git-playbooks/v1', kind } : {}), ...body }, { skipInvalid: true });
  return original.startsWith('---') ? `---\n${yaml}---\nbody\n` : yaml;
}

function expectedFailure(error: unknown): boolean {
  return error instanceof InvalidFileError || error instanceof OperationRefused;
}

describe('fuzzing the read paths', function () {
  this.timeout(600_000);
  const root = tempDir('gp-fuzz-');
  fs.cpSync(FIXTURE, root, { recursive: true });

  it(`survives ${RUNS} generated and mutated repositories`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(fc.nat({ max: FILES.length - 1 }), fileCase, fc.option(fileCase, { nil: undefined })), async ([which, spec, second]) => {
        FILES.forEach((file, index) => fs.writeFileSync(path.join(root, file), ORIGINALS[index] as string));
        fs.writeFileSync(path.join(root, FILES[which] as string), render(ORIGINALS[which] as string, spec));
        if (second) {
          const other = (which + 1) % FILES.length;
          fs.writeFileSync(path.join(root, FILES[other] as string), render(ORIGINALS[other] as string, second));
        }
        const repo = PlaybooksRepository.at(root);
        for (const problem of validateRepository(repo)) {
          assert.ok(problem.file.length > 0 && problem.line >= 1 && problem.column >= 1, JSON.stringify(problem));
          assert.ok(problem.message.length > 0);
        }
        new RepositoryIndex(repo).refresh();
        dueReminders(repo, new Date('2026-11-24T00:00:00Z'));
        for (const action of [() => buildPlaybookReport(repo, 'payments-outage'), () => exportRun(repo, '2026-11-02-checkout-errors', 'html')]) {
          try {
            action();
          } catch (error) {
            assert.ok(expectedFailure(error), `unexpected ${String(error)}`);
          }
        }
        for (const args of [['validate'], ['timeline', '2026-11-02-checkout-errors', '--format', 'json'], ['report', 'payments-outage'], ['due'], ['run', 'list'], ['export', '2026-11-02-checkout-errors', '--format', 'csv']]) {
          const result = await cli(root, args, { GIT_PLAYBOOKS_NOW: '2026-11-24T00:00:00Z' });
          assert.notEqual(result.code, 70, `git-playbooks ${args.join(' ')} crashed:\n${result.stderr}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
