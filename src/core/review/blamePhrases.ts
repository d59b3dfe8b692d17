/**
 * The blame and hindsight phrasing `git-playbooks review` points out in retrospectives (docs/review.md,
 * "Blameless language"). Each rule is one family of phrases with the neutral wording to suggest.
 *
 * Phrases are words separated by single spaces, matched as whole words, whatever the case, the
 * whitespace or line breaks between them, and with or without apostrophes ("didn't" = "didnt");
 * `*` stands for any one word. Choices that keep precision up, and why:
 * - "failed to", never "failed": "a failed login" or "the deploy failed" describe systems.
 * - blame only as an accusation ("blamed", "is to blame", "the blame", "blame X for"), not the bare
 *   word: the built-in template itself says "not for a person to blame".
 * - no "could have": "how we could have detected it sooner" is a good question (a template heading).
 * - no bare "just" or "clearly": too common in neutral descriptions; "simply" and "just had to" stay.
 */

export interface BlameRule {
  /** The rule id's second part: `blameless/<slug>`. */
  slug: string;
  /** GitHub annotation title and Problems panel heading. */
  title: string;
  phrases: readonly string[];
  /** Neutral wording to use instead, or what to describe instead. */
  suggestion: string;
}

export const BLAME_RULE_PREFIX = 'blameless/';
/** Rule id of the repository's own phrases (`language.extraPhrases`). */
export const CUSTOM_RULE_ID = 'blameless/custom';

const HINDSIGHT = 'Hindsight phrasing';
const BLAME = 'Blame phrasing';
const MINIMIZING = 'Minimizing phrasing';

export const BLAME_RULES: readonly BlameRule[] = [
  {
    slug: 'human-error',
    title: BLAME,
    phrases: ['human error', 'human errors', 'operator error', 'user error', 'pilot error', 'human mistake'],
    suggestion: 'Describe the conditions that made the action possible (tooling, defaults, missing safeguards).',
  },
  {
    slug: 'should-have',
    title: HINDSIGHT,
    phrases: ['should have', "should've", 'should not have', "shouldn't have", 'ought to have', 'should know better'],
    suggestion: 'Describe what would have helped (an alert, a check, a clearer runbook step).',
  },
  {
    slug: 'failed-to',
    title: BLAME,
    phrases: ['failed to', 'failing to', 'fails to'],
    suggestion: 'Say "did not", and what stood in the way.',
  },
  {
    slug: 'forgot-to',
    title: BLAME,
    phrases: ['forgot to', 'forgot about', 'forgotten to', 'neglected to', 'omitted to'],
    suggestion: 'Say "did not", and describe what would have reminded anyone (a checklist step, an alert).',
  },
  {
    slug: 'why-didnt',
    title: HINDSIGHT,
    phrases: ["why didn't", 'why did not', "why wasn't", "why weren't", "why couldn't", "why hadn't"],
    suggestion: 'Ask what made it hard to see or do at the time, e.g. "What would have made the alert visible?"',
  },
  {
    slug: 'if-only',
    title: HINDSIGHT,
    phrases: ['if only', 'had they only', 'had he only', 'had she only'],
    suggestion: 'Describe what was known at the time and what would have changed the outcome.',
  },
  {
    slug: 'careless',
    title: BLAME,
    phrases: ['careless', 'carelessly', 'carelessness', 'sloppy', 'sloppiness', 'sloppily'],
    suggestion: 'Describe what made the step easy to get wrong.',
  },
  {
    slug: 'negligent',
    title: BLAME,
    phrases: ['negligent', 'negligently', 'negligence', 'reckless', 'recklessly', 'irresponsible', 'irresponsibly'],
    suggestion: 'Describe the decision, the information available then, and the pressure it was made under.',
  },
  {
    slug: 'incompetent',
    title: BLAME,
    phrases: ['incompetent', 'incompetence', 'lazy', 'laziness', 'stupid', 'dumb mistake', 'clueless'],
    suggestion: 'Describe the gap in tooling, training or documentation instead of judging a person.',
  },
  {
    slug: 'inattention',
    title: BLAME,
    phrases: ['not paying attention', "wasn't paying attention", "weren't paying attention", "didn't pay attention", 'did not pay attention', 'inattentive', 'asleep at the wheel'],
    suggestion: 'Describe what competed for attention (other alerts, load, the time of day) and how the signal could stand out.',
  },
  {
    slug: 'their-fault',
    title: BLAME,
    phrases: ['their fault', 'his fault', 'her fault', 'my fault', 'your fault', 'our fault', 'whose fault'],
    suggestion: 'Describe how the system allowed it; a retrospective looks for causes, not fault.',
  },
  {
    slug: 'blame',
    title: BLAME,
    phrases: ['blamed', 'blaming', 'blames', 'is to blame', 'are to blame', 'was to blame', 'were to blame', 'the blame', 'blame * for', 'blame * on'],
    suggestion: 'Describe what happened and why it made sense at the time.',
  },
  {
    slug: 'culprit',
    title: BLAME,
    phrases: ['culprit', 'culprits', 'guilty', 'the offender'],
    suggestion: 'Name the contributing factor (the change, the config, the missing check), not a person.',
  },
  {
    slug: 'mistake-by',
    title: BLAME,
    phrases: ['his mistake', 'her mistake', 'their mistake', 'mistake by', 'made a mistake', 'made an error', 'screwed up', 'messed up', 'dropped the ball'],
    suggestion: 'Describe the action, what the person knew then, and why it looked right.',
  },
  {
    slug: 'didnt-bother',
    title: BLAME,
    phrases: ["didn't bother", 'did not bother', "couldn't be bothered", 'ignored the warning', 'ignored the alert', 'ignored the alerts'],
    suggestion: 'Describe why the warning did not stand out or seemed safe to set aside at the time.',
  },
  {
    slug: 'obviously',
    title: HINDSIGHT,
    phrases: ['obviously', 'it was obvious', 'should be obvious'],
    suggestion: 'State the fact; what is obvious after an incident rarely was before it.',
  },
  {
    slug: 'just-had-to',
    title: MINIMIZING,
    phrases: ['just had to', 'only had to', 'just needed to', 'all they had to do', 'all he had to do', 'all she had to do', 'all you had to do'],
    suggestion: 'Describe the steps the task actually took and what made them hard.',
  },
  {
    slug: 'simply',
    title: MINIMIZING,
    phrases: ['simply'],
    suggestion: 'Leave it out, or describe the steps: what looks simple afterwards was not during the incident.',
  },
];

/** The rule a built-in phrase belongs to (phrases are unique across rules). */
export function blameRuleId(rule: BlameRule): string {
  return `${BLAME_RULE_PREFIX}${rule.slug}`;
}
