import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';

/**
 * The YAML extension picks the schemas of a file from our `yamlValidation` contribution: a pattern
 * matches the end of the file's path, and a pattern starting with `!` leaves files out. Every file
 * the tool writes must get exactly the one schema `validate` checks it with — two would report the
 * other schema's rules as errors in the editor.
 */
interface Contribution {
  fileMatch: string[];
  url: string;
}

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { yamlValidation: Contribution[] };
};

function schemasOf(file: string): string[] {
  const matches = (pattern: string): boolean => minimatch(file, pattern.startsWith('/') ? pattern.slice(1) : `**/${pattern}`, { dot: true });
  return manifest.contributes.yamlValidation
    .filter((entry) => entry.fileMatch.some((pattern) => !pattern.startsWith('!') && matches(pattern)))
    .filter((entry) => !entry.fileMatch.some((pattern) => pattern.startsWith('!') && matches(pattern.slice(1))))
    .map((entry) => entry.url);
}

describe('schemas contributed to the YAML extension', () => {
  const expected: Record<string, string> = {
    'repo/playbooks/incident-response.yaml': './schemas/playbook.schema.json',
    'repo/playbooks/review.yaml': './schemas/review.schema.json',
    'repo/playbooks/runs/2026/11/2026-11-24-db-down/run.yaml': './schemas/run.schema.json',
    'repo/playbooks/runs/2026-01-02-flat/run.yaml': './schemas/run.schema.json',
    'repo/playbooks/runs/2026/11/2026-11-24-db-down/timeline.yaml': './schemas/timeline.schema.json',
  };

  for (const [file, schema] of Object.entries(expected)) {
    it(`gives ${file.replace('repo/', '')} exactly ${schema.replace('./schemas/', '')}`, () => {
      assert.deepEqual(schemasOf(file), [schema]);
      assert.ok(fs.existsSync(path.join(ROOT, schema)), `${schema} exists`);
    });
  }
});
