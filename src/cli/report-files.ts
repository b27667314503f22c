/**
 * Finding and reading aggregate report files for `dmarc-kit report`: files named on the
 * command line are always read; folders are walked for report-like names. Failures are
 * collected with their reason, never thrown, so one bad file does not hide the rest.
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isReportParseError } from '../report/errors.js';
import { DEFAULT_MAX_INPUT_BYTES, parseAggregateReport } from '../report/parse.js';
import type { AggregateReport } from '../report/types.js';

/** File name endings read from folders (case-insensitive); named files are read whatever their name. */
export const REPORT_EXTENSIONS: readonly string[] = ['.xml', '.gz', '.gzip', '.zip', '.eml'];

/** A file that could not be read or parsed, and why. */
export interface ReportFailure {
  file: string;
  /** `io` for file-system errors; otherwise the `ReportParseError` code. */
  code: string;
  message: string;
}

/** A parsed report and the file it came from. */
export interface ReportFile {
  file: string;
  report: AggregateReport;
}

/** Most files one folder walk collects; a guard against pointing the command at `/`. */
export const MAX_FILES = 100_000;

function hasReportExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return REPORT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * Expands the command-line paths into files: a file as given, a folder walked recursively
 * (hidden entries skipped, names sorted, symbolic links not followed) for report-like names.
 * Paths that do not exist are returned as failures.
 */
export async function collectReportFiles(
  paths: readonly string[],
): Promise<{ files: string[]; failures: ReportFailure[] }> {
  const files: string[] = [];
  const failures: ReportFailure[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      failures.push(ioFailure(dir, error));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (files.length >= MAX_FILES) return;
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && hasReportExtension(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    let info: import('node:fs').Stats;
    try {
      info = await stat(path);
    } catch (error) {
      failures.push(ioFailure(path, error));
      continue;
    }
    if (info.isDirectory()) await walk(path);
    else files.push(path);
  }
  return { files, failures };
}

function ioFailure(file: string, error: unknown): ReportFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a folder'
          : error instanceof Error
            ? error.message
            : String(error);
  return { file, code: 'io', message: reason };
}

/**
 * Reads and parses one report file. Files larger than the parser's input limit are refused
 * before they are read into memory.
 */
export async function readReportFile(file: string): Promise<ReportFile | ReportFailure> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.size > DEFAULT_MAX_INPUT_BYTES)
      return {
        file,
        code: 'too-large',
        message: `the file is ${info.size} bytes, over the limit of ${DEFAULT_MAX_INPUT_BYTES}`,
      };
    bytes = await readFile(file);
  } catch (error) {
    return ioFailure(file, error);
  }
  try {
    return { file, report: await parseAggregateReport(bytes) };
  } catch (error) {
    if (isReportParseError(error)) return { file, code: error.code, message: error.message };
    return { file, code: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reads every file, a few at a time, calling `progress(done, total)` after each. Results keep
 * the order of `files`.
 */
export async function readReportFiles(
  files: readonly string[],
  progress?: (done: number, total: number) => void,
  concurrency = 4,
): Promise<{ reports: ReportFile[]; failures: ReportFailure[] }> {
  const results: (ReportFile | ReportFailure)[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      results[i] = await readReportFile(files[i] as string);
      done++;
      progress?.(done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  const reports: ReportFile[] = [];
  const failures: ReportFailure[] = [];
  for (const r of results) {
    if ('report' in r) reports.push(r);
    else failures.push(r);
  }
  return { reports, failures };
}
