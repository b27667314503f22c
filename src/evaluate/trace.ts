/**
 * Rendering an evaluation trace for people.
 * @module
 */
import type { EvaluationTrace } from './types.js';

/**
 * Renders a trace as numbered lines a support engineer can read or paste into a ticket: the
 * DNS lookups and their answers, the walks, the record that applied, how each SPF and DKIM
 * identifier was judged, and why the verdict is what it is.
 *
 * @param trace - `evaluation.trace`, present when `evaluate` ran with `trace: true`.
 * @returns One line per step.
 * @example
 * const verdict = await evaluate(input, { resolver, trace: true });
 * if (verdict.trace) console.log(formatTrace(verdict.trace));
 */
export function formatTrace(trace: EvaluationTrace): string {
  const width = String(trace.steps.length).length;
  return trace.steps.map((step, i) => `${String(i + 1).padStart(width, ' ')}. ${step}`).join('\n');
}
