/** Who does an operation and when; injected so tests and backdating control time. */
export interface OperationContext {
  actor: string;
  now: () => Date;
}

export { OperationRefused } from '../model/errors';

export function isoNow(context: OperationContext): string {
  return toIso(context.now());
}

/** ISO 8601 in UTC to the second: what every file stores. */
export function toIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
