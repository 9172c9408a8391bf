import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs the retention purge on an interval. The timer is unref'd (it never keeps the process alive) and
 * runs never overlap.
 */
export class RetentionJob {
  readonly #intervalMs: number;
  readonly #purge: () => Promise<number>;
  readonly #log: FastifyBaseLogger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(options: { intervalMs: number; purge: () => Promise<number>; log: FastifyBaseLogger }) {
    this.#intervalMs = options.intervalMs;
    this.#purge = options.purge;
    this.#log = options.log;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.run().catch(() => {});
    }, this.#intervalMs);
    this.#timer.unref();
  }

  /** Runs the purge now (or joins the run in progress); resolves with how many threads were deleted. */
  run(): Promise<number> {
    if (!this.#running) {
      this.#running = this.#purge()
        .then((deleted) => {
          if (deleted > 0) this.#log.info({ deleted }, 'retention: deleted expired threads');
          return deleted;
        })
        .catch((err: unknown) => {
          this.#log.error({ err }, 'retention: purge failed');
          throw err;
        })
        .finally(() => {
          this.#running = undefined;
        });
    }
    return this.#running;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
  }
}
