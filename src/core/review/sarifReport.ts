import { bySeverity, findingIdentities, messageWithSuggestion, positiveInteger, repositoryPath } from './findingIdentity';
import type { ReviewFinding, ReviewResult, ReviewSeverity } from './reviewTypes';

/*
 * SARIF 2.1.0 for GitHub code scanning. What GitHub asks of a third-party file
 * (https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning):
 * a stable `ruleId` across analyses, repository-relative file paths that stay the same between
 * runs, `partialFingerprints` to recognise the same alert after edits, a message and a
 * physical location with at least a start line. Limits
 * (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit):
 * 25,000 results per run (more and the upload is rejected; only the top 5,000 are shown).
 */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_RESULTS_PER_RUN = 25_000;
/** The key under partialFingerprints; the version changes if the hashed inputs ever do. */
export const FINGERPRINT_KEY = 'gitPlaybooksFinding/v1';
const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<ReviewSeverity, SarifLevel> = { error: 'error', warning: 'warning', notice: 'note' };

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
}

/** A lone surrogate cannot be percent-encoded (encodeURIComponent throws): U+FFFD stands in. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * A repository-relative path as a relative URI reference (SARIF §3.4.3: artifactLocation.uri is
 * a URI): each segment percent-encoded, so `#`, `?`, `%`, spaces and non-ASCII survive as path.
 */
export function artifactUri(file: string): string {
  return repositoryPath(wellFormed(file))
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function region(finding: ReviewFinding): Record<string, number> {
  const startLine = positiveInteger(finding.line);
  const startColumn = positiveInteger(finding.column);
  const result: Record<string, number> = { startLine, startColumn };
  const endLine = finding.endLine === undefined ? undefined : positiveInteger(finding.endLine);
  // A region cannot end before it starts: drop an end that would, rather than emit a false region.
  if (endLine !== undefined && endLine < startLine) return result;
  if (endLine !== undefined) result['endLine'] = endLine;
  if (finding.endColumn !== undefined) {
    const endColumn = positiveInteger(finding.endColumn);
    if ((endLine ?? startLine) > startLine || endColumn >= startColumn) result['endColumn'] = endColumn;
  }
  return result;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

/** One rule per rule id, in order of first use; its level is the most severe of its findings. */
function rulesOf(findings: readonly ReviewFinding[]): { rules: SarifRule[]; indexOf: Map<string, number> } {
  const rules: SarifRule[] = [];
  const indexOf = new Map<string, number>();
  for (const finding of findings) {
    if (indexOf.has(finding.ruleId)) continue;
    indexOf.set(finding.ruleId, rules.length);
    rules.push({
      id: finding.ruleId,
      name: finding.ruleId,
      shortDescription: { text: finding.title || finding.ruleId },
      defaultConfiguration: { level: LEVEL[finding.severity] },
    });
  }
  return { rules, indexOf };
}

/**
 * The `sarif` format: one run of SARIF 2.1.0, validated in tests against the official schema.
 * Findings go in most important first; beyond GitHub's 25,000 results per run the rest are left
 * out and a tool notification says how many.
 */
export function sarifReport(result: ReviewResult, tool: SarifTool): string {
  const sorted = bySeverity(result.findings);
  const included = sorted.slice(0, SARIF_RESULTS_PER_RUN);
  const identities = findingIdentities(included);
  // Sorted by severity, so the first finding of a rule carries its most severe level.
  const { rules, indexOf } = rulesOf(included);
  const results = included.map((finding, index) => {
    const identity = identities[index] ?? { hash: '', occurrence: 1 };
    return {
      ruleId: finding.ruleId,
      ruleIndex: indexOf.get(finding.ruleId) ?? 0,
      level: LEVEL[finding.severity],
      message: { text: messageWithSuggestion(finding, '\n') || finding.title || finding.ruleId },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(finding.file), uriBaseId: SOURCE_ROOT },
            region: region(finding),
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${identity.hash}:${identity.occurrence}` },
    };
  });
  const left = sorted.length - included.length;
  const run = {
    tool: {
      driver: {
        name: tool.name,
        version: tool.version,
        ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
        rules,
      },
    },
    ...(left > 0
      ? {
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: [
                {
                  level: 'warning',
                  message: { text: `${left} findings left out: GitHub code scanning accepts at most ${SARIF_RESULTS_PER_RUN} results per run.` },
                },
              ],
            },
          ],
        }
      : {}),
    originalUriBaseIds: { [SOURCE_ROOT]: { description: { text: "The repository's top-level folder." } } },
    // Columns come from JavaScript strings, which count UTF-16 code units.
    columnKind: 'utf16CodeUnits',
    results,
  };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
