// Loaded by .mocharc.json before the unit tier's tests: the unit tier starts no process. Every
// child_process function throws here, so a test that runs git (directly, through simple-git, or through
// the CLI run in-process), the built CLI, a script or a browser fails at once, and the run fails at
// the end even if the code under test swallowed the error. Such a test belongs in test/slow/
// (`npm run test:slow`, .mocharc.slow.json).
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const BLOCKED = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const attempts: string[] = [];
let currentTest = '(outside any test)';

const writable = childProcess as unknown as Record<string, unknown>;
for (const name of BLOCKED) {
  writable[name] = (command: unknown): never => {
    const what = `${name}(${JSON.stringify(command)})`;
    attempts.push(`${currentTest}: ${what}`);
    throw new Error(`The unit tier starts no process, but this test called child_process.${what}. Move it to test/slow/ (npm run test:slow).`);
  };
}
syncBuiltinESMExports();

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    currentTest = this.currentTest?.fullTitle() ?? '(unknown test)';
  },
  afterAll(): void {
    if (attempts.length > 0) {
      throw new Error(`The unit tier starts no process; move these tests to test/slow/:\n  ${attempts.join('\n  ')}`);
    }
  },
};
