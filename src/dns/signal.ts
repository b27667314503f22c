/**
 * Time limits and cancellation shared by the resolvers: one deadline that fires on a timeout
 * or on any of the caller's signals, and a race that rejects with a {@link DnsError} even when
 * the work being raced ignores its signal.
 * @module
 */
import { DnsError, type DnsErrorCode } from './types.js';

/** A combined abort: `signal` fires on the timeout or on any given signal; call `done()` after. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Settles with the DnsError that caused the abort (`ETIMEOUT` or `ECANCELLED`). */
  readonly aborted: Promise<never>;
  done(): void;
}

/**
 * Starts a deadline for one lookup of `hostname`. `timeoutMs` of `Infinity` or 0 means no
 * timeout. Uses `setTimeout` and event listeners only, so it runs in every JavaScript runtime.
 */
export function startDeadline(
  hostname: string,
  timeoutMs: number,
  signals: readonly (AbortSignal | undefined)[],
): Deadline {
  const controller = new AbortController();
  let reject: (error: DnsError) => void = () => {};
  const aborted = new Promise<never>((_, r) => {
    reject = r;
  });
  // The race loser may never be awaited; keep an unhandled rejection from being reported.
  aborted.catch(() => {});
  const cleanups: (() => void)[] = [];
  const fire = (code: DnsErrorCode, message: string, cause?: unknown): void => {
    if (controller.signal.aborted) return;
    const error = new DnsError(code, hostname, message, cause === undefined ? {} : { cause });
    controller.abort(error);
    reject(error);
  };
  for (const signal of signals) {
    if (signal === undefined) continue;
    if (signal.aborted) {
      fire('ECANCELLED', `lookup of ${hostname} was aborted`, signal.reason);
      break;
    }
    const onAbort = (): void =>
      fire('ECANCELLED', `lookup of ${hostname} was aborted`, signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }
  if (Number.isFinite(timeoutMs) && timeoutMs > 0 && !controller.signal.aborted) {
    const timer = setTimeout(
      () => fire('ETIMEOUT', `lookup of ${hostname} timed out after ${timeoutMs} ms`),
      timeoutMs,
    );
    cleanups.push(() => clearTimeout(timer));
  }
  return {
    signal: controller.signal,
    aborted,
    done(): void {
      for (const cleanup of cleanups) cleanup();
      cleanups.length = 0;
    },
  };
}

/** Waits `ms` milliseconds, or rejects as soon as `deadline` fires. */
export function delay(ms: number, deadline: Deadline): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([wait, deadline.aborted]).finally(() => clearTimeout(timer));
}

/** Checks a timeout option: a non-negative number (0 or `Infinity` disables it). */
export function checkTimeout(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative number of milliseconds`);
  }
  return value;
}
