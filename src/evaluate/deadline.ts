/**
 * Evaluation deadlines on one shared timer. An evaluation registers its deadline and removes
 * it when done; one `setTimeout` serves every pending evaluation, so a busy receiver does not
 * pay for a timer per message. In Node the timer stops holding the process open while no
 * evaluation is pending.
 * @module
 */

interface Pending {
  at: number;
  fire: () => void;
}

const pending = new Set<Pending>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function arm(at: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(onTimer, Math.max(0, at - Date.now()));
  // Never hold a Node process open for a deadline: whatever the evaluation waits on (a socket,
  // a file) does that; toggling ref() per evaluation would cost more than the evaluation.
  (timer as { unref?: () => unknown }).unref?.();
}

function onTimer(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const now = Date.now();
  let next = Number.POSITIVE_INFINITY;
  const due: Pending[] = [];
  for (const entry of pending) {
    if (entry.at <= now) due.push(entry);
    else if (entry.at < next) next = entry.at;
  }
  for (const entry of due) pending.delete(entry);
  if (next !== Number.POSITIVE_INFINITY) arm(next);
  for (const entry of due) entry.fire();
}

/**
 * Calls `fire` after `ms` milliseconds unless the returned function is called first.
 * @param ms - Delay in milliseconds (finite, positive).
 * @param fire - Called once when the deadline passes.
 * @returns Cancels the deadline.
 */
export function scheduleDeadline(ms: number, fire: () => void): () => void {
  const entry: Pending = { at: Date.now() + ms, fire };
  pending.add(entry);
  if (timer === undefined || entry.at < timerAt) arm(entry.at);
  return () => {
    pending.delete(entry);
  };
}
