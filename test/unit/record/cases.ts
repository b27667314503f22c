import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One hand-labelled case of fixtures/records/cases.json. */
export interface RecordCase {
  name: string;
  text: string;
  ok: boolean;
  codes: string[];
  record?: Record<string, unknown>;
}

/** The hand-labelled record cases shared by the record tests. */
export const RECORD_CASES: RecordCase[] = (
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../../fixtures/records/cases.json', import.meta.url)),
      'utf8',
    ),
  ) as { cases: RecordCase[] }
).cases;
