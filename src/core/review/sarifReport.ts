import type { ReviewResult } from './reviewTypes';

/** Placeholder: being built on its own branch. */
export function sarifReport(result: ReviewResult, tool: { name: string; version: string; informationUri?: string }): string {
  void result;
  void tool;
  throw new Error('not built yet');
}
