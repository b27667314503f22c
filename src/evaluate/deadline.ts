/**
 * Evaluation deadlines on one shared timer. An evaluation registers its deadline and removes
 * it when done; one `setTimeout` serves every pending evaluation, so a busy receiver does not
 * pay for a timer per message. In Node the timer stops holding the process open while no
 * evaluation is pending.
 * @module
 */

/**
 * A pending deadline: `fire` is called once `at` (a `Date.now()` time) has passed. `prev` and
 * `next` link it into the pending list (set here; start them as `undefined`).
 */
export interface Deadline {
  at: number;
  fire(): void;
  prev: Deadline | undefined;
  next: Deadline | undefined;
}

/**
 * The pending deadlines, a doubly linked list through the entries themselves: adding and
 * removing one is a few field writes, where a `Set` hashed every evaluation's entry and
 * shrank its table as evaluations finished.
 */
let head: Deadline | undefined;
let tail: Deadline | undefined;
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
  const due: Deadline[] = [];
  for (let entry = head; entry !== undefined; entry = entry.next) {
    if (entry.at <= now) due.push(entry);
    else if (entry.at < next) next = entry.at;
  }
  for (const entry of due) unlink(entry);
  if (next !== Number.POSITIVE_INFINITY) arm(next);
  for (const entry of due) entry.fire();
}

function unlink(entry: Deadline): void {
  const { prev, next } = entry;
  if (prev === undefined) {
    if (head !== entry) return; // not pending
    head = next;
  } else prev.next = next;
  if (next === undefined) tail = prev;
  else next.prev = prev;
  entry.prev = undefined;
  entry.next = undefined;
}

/**
 * Calls `entry.fire()` after `ms` milliseconds unless {@link cancelDeadline} is called first.
 * The entry is the caller's own object (no closure per deadline); `at` is set here.
 * @param entry - The deadline; its `at` is overwritten.
 * @param ms - Delay in milliseconds (finite, positive).
 */
export function addDeadline(entry: Deadline, ms: number): void {
  entry.at = Date.now() + ms;
  unlink(entry);
  entry.prev = tail;
  entry.next = undefined;
  if (tail === undefined) head = entry;
  else tail.next = entry;
  tail = entry;
  if (timer === undefined || entry.at < timerAt) arm(entry.at);
}

/** Removes a deadline added by {@link addDeadline}; nothing happens if it already fired. */
export function cancelDeadline(entry: Deadline): void {
  unlink(entry);
}
