// The blameless language check on a 300-line retrospective, as the Problems panel runs it while
// someone types: `npx tsx bench/languageCheck.ts`. Not part of `npm run bench` (no repository needed).
import { checkLanguage } from '../src/core/review/blamelessLanguage';
import { DEFAULT_LANGUAGE_CONFIG } from '../src/core/review/reviewTypes';

const SUBJECTS = ['The canary', 'The on-call engineer', 'The deploy pipeline', 'Our dashboard', 'The database failover', 'The second responder', 'The alert rule', 'The load balancer'];
const VERBS = ['reported', 'showed', 'paged the team about', 'recovered from', 'rolled back', 'missed', 'logged', 'retried'];
const OBJECTS = ['the error spike in eu-west-1', 'a 3.2% error rate', 'the stale runbook link', 'the config change from Tuesday', 'the slow queries on the orders table', 'the certificate expiry', 'the queue backlog', 'the cache stampede'];
const SECTIONS = ['What happened', 'Impact', 'How we found out', 'What helped and what got in the way', 'Why it happened', 'Actions'];

/** A retrospective of 300 lines: headings, paragraphs, a list item with code, and two blameful lines. */
function retrospective(seed: number): string {
  let state = seed;
  const pick = <T>(list: readonly T[]): T => list[(state = (state * 1103515245 + 12345) % 2147483648) % list.length]!;
  const lines: string[] = [];
  for (let section = 0; lines.length < 300; section += 1) {
    lines.push(`## ${SECTIONS[section % SECTIONS.length]} (${section + 1})`, '');
    for (let paragraph = 0; paragraph < 4 && lines.length < 296; paragraph += 1) {
      for (let line = 0; line < 5; line += 1) lines.push(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} at 10:${String(line + paragraph * 5).padStart(2, '0')}, step ${lines.length}.`);
      lines.push('');
    }
    lines.push('- `kubectl rollout undo deployment/api` took 4 minutes', '');
  }
  lines[20] = 'The engineer should have checked the dashboard, which was human error.';
  lines[80] = "We simply restarted it; the chairman asked why didn't we page earlier.";
  return lines.slice(0, 300).join('\n');
}

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function measure(label: string, markdownOf: (round: number) => string, rounds: number): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  let findings = 0;
  for (let round = 0; round < rounds; round += 1) {
    const markdown = markdownOf(round);
    const cpuStart = cpuMs();
    const start = performance.now();
    findings = checkLanguage({ markdown, file: 'retrospective.md', lineOffset: 8, config: DEFAULT_LANGUAGE_CONFIG }).length;
    wall.push(performance.now() - start);
    cpu.push(cpuMs() - cpuStart);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const middle = rounds >> 1;
  console.log(`${label.padEnd(48)} wall min ${wall[0]!.toFixed(1)} median ${wall[middle]!.toFixed(1)} ms | cpu min ${cpu[0]!.toFixed(1)} median ${cpu[middle]!.toFixed(1)} ms (${findings} findings)`);
}

const base = retrospective(7);
measure('first call (loads the libraries)', () => base, 1);
measure('the same text again', () => base, 40);
measure('typing: one line changed each time', (round) => base.replace('step 40.', `step 40 and ${round} more.`), 40);
measure('a new 300-line text each time', (round) => retrospective(1000 + round), 20);
