/** What the queue does with each item, and once at the end of every slice (to publish in batches). */
export interface QueueHandler<T> {
  handle(item: T): void;
  flush(): void;
}

export interface SlicedQueueOptions {
  /** Work done before yielding to the event loop, in milliseconds. */
  sliceMs?: number;
  /** How the queue yields; tests replace it. */
  pause?: () => Promise<void>;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Background work in short slices: single items (files that just changed) go first, then lazy
 * sources (a sweep over 60,000 files) are consumed a little at a time, so the extension host
 * keeps answering the editor however large the repository.
 */
export class SlicedQueue<T> {
  private readonly pending = new Set<T>();
  private readonly sources: Array<Iterator<T>> = [];
  private running: Promise<void> | undefined;
  private disposed = false;
  private readonly sliceMs: number;
  private readonly pause: () => Promise<void>;
  private readonly now: () => number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly handler: QueueHandler<T>,
    options: SlicedQueueOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? 12;
    this.pause = options.pause ?? (() => new Promise((resolve) => setImmediate(resolve)));
    this.now = options.now ?? (() => performance.now());
    this.onError = options.onError ?? ((error) => console.error('[playbooks]', error));
  }

  push(item: T): void {
    this.pending.add(item);
    this.start();
  }

  /** Consumed lazily, after every single item pushed meanwhile. */
  pushAll(source: Iterable<T>): void {
    this.sources.push(source[Symbol.iterator]());
    this.start();
  }

  clear(): void {
    this.pending.clear();
    this.sources.length = 0;
  }

  /** Resolves once everything queued so far (and anything added meanwhile) is done. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private start(): void {
    if (this.running || this.disposed) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // Items added between the last slice and this callback.
      if (this.pending.size > 0 || this.sources.length > 0) this.start();
    });
  }

  private async drain(): Promise<void> {
    // Start on a later turn: callers add several items in a row, and activation must not wait.
    await this.pause();
    while (!this.disposed) {
      const deadline = this.now() + this.sliceMs;
      let worked = false;
      for (let item = this.next(); item.found; item = this.next()) {
        worked = true;
        this.safely(() => this.handler.handle(item.value));
        if (this.now() >= deadline) break;
      }
      this.safely(() => this.handler.flush());
      if (!worked || (this.pending.size === 0 && this.sources.length === 0)) return;
      await this.pause();
    }
  }

  private next(): { found: true; value: T } | { found: false } {
    for (const value of this.pending) {
      this.pending.delete(value);
      return { found: true, value };
    }
    while (this.sources.length > 0) {
      const source = this.sources[0] as Iterator<T>;
      let step: IteratorResult<T>;
      try {
        step = source.next();
      } catch (error) {
        this.onError(error);
        this.sources.shift();
        continue;
      }
      if (!step.done) return { found: true, value: step.value };
      this.sources.shift();
    }
    return { found: false };
  }

  private safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.onError(error);
    }
  }
}
