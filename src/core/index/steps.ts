/**
 * Long loops over 20,000 runs are written once, as generators that pause every few milliseconds of
 * work: run at once (the CLI, tests) or yielding to the event loop between pauses (the extension).
 */
export type Steps<T> = Generator<void, T>;

export function runSteps<T>(steps: Steps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Starts after the caller's turn (an async function runs synchronously up to its first await). */
export async function runStepsAsync<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const step = steps.next();
    if (step.done) return step.value;
  }
}
