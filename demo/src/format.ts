/** Number and date formatting shared by the views (fixed, locale-independent output). */

/** A ratio as a percentage with at most one decimal: 0.875 -> "87.5%", 1 -> "100%". */
export function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  const tenths = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

/** An integer with thin grouping: 12345 -> "12,345". */
export function count(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A date as its UTC day, `YYYY-MM-DD`. */
export function day(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'unknown date' : date.toISOString().slice(0, 10);
}

/** "1 report", "2 reports". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
