/**
 * The reports panel: files come from the file input or a drop, are read with
 * `File.arrayBuffer()` and parsed in the page by `parseAggregateReport` (XML, gzip, zip or an
 * email holding one, detected by content). Nothing is uploaded: this module does no I/O but
 * reading the files the user gave.
 */
import type { AggregateReport } from '../../src/report/index.js';
import { isReportParseError, parseAggregateReport } from '../../src/report/index.js';
import { byId, h } from './dom.js';
import { plural } from './format.js';
import { type FileFailure, renderReports } from './reports-view.js';
import { buildReportsView, parseKnownDomains, parseKnownSources } from './summary.js';

/** Largest file read, before decompression; the parser caps what decompression produces. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Most files read in one go. */
const MAX_FILES = 1000;

/** Parses the files one after the other (bounded memory) and sorts out the failures. */
export async function readReportFiles(
  files: readonly File[],
): Promise<{ reports: AggregateReport[]; failures: FileFailure[] }> {
  const reports: AggregateReport[] = [];
  const failures: FileFailure[] = [];
  for (const [i, file] of files.entries()) {
    if (i >= MAX_FILES) {
      failures.push({ name: file.name, message: `only the first ${MAX_FILES} files are read.` });
      continue;
    }
    if (file.size > MAX_FILE_BYTES) {
      failures.push({ name: file.name, message: 'larger than 32 MiB; not read.' });
      continue;
    }
    try {
      reports.push(await parseAggregateReport(new Uint8Array(await file.arrayBuffer())));
    } catch (error) {
      const message = isReportParseError(error)
        ? `${error.message} (${error.code})`
        : error instanceof Error
          ? error.message
          : String(error);
      failures.push({ name: file.name, message });
    }
  }
  return { reports, failures };
}

/** Wires the file input, the drop zone and the clear button. */
export function setupReports(): void {
  const input = byId<HTMLInputElement>('report-files');
  const zone = byId('drop-zone');
  const status = byId('reports-status');
  const result = byId('reports-result');
  const knownSources = byId<HTMLInputElement>('known-sources');
  const knownDomains = byId<HTMLInputElement>('known-domains');
  // Reports are kept by receiver and report ID, so dropping a file twice counts it once.
  const loaded = new Map<string, AggregateReport>();
  let failures: FileFailure[] = [];
  // One task at a time, in order; a failing task is reported and does not stop the queue.
  let busy = Promise.resolve();
  const queue = (task: () => void | Promise<void>): void => {
    busy = busy.then(task).catch((error: unknown) => {
      result.removeAttribute('aria-busy');
      status.classList.add('error');
      status.textContent = `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
    });
  };

  const render = (): void => {
    if (loaded.size === 0 && failures.length === 0) {
      result.replaceChildren();
      status.textContent = '';
      return;
    }
    const clear = h('button', { type: 'button', id: 'reports-clear' }, 'Clear the reports');
    clear.addEventListener('click', () => {
      loaded.clear();
      failures = [];
      input.value = '';
      render();
      status.textContent = 'Cleared.';
    });
    const reports = [...loaded.values()];
    const { sources, rejected } = parseKnownSources(knownSources.value);
    const knowledge = {
      knownSources: sources,
      knownDomains: parseKnownDomains(knownDomains.value),
    };
    result.replaceChildren(renderReports(buildReportsView(reports, knowledge), failures), clear);
    status.classList.toggle('error', loaded.size === 0 || rejected.length > 0);
    status.textContent =
      `${plural(loaded.size, 'report')} summarised` +
      (failures.length > 0 ? `; ${plural(failures.length, 'file')} could not be read.` : '.') +
      (rejected.length > 0 ? ` Ignored, not an address or network: ${rejected.join(', ')}.` : '');
  };

  const add = (files: readonly File[]): void => {
    if (files.length === 0) return;
    queue(async () => {
      status.classList.remove('error');
      status.textContent = `Reading ${plural(files.length, 'file')}…`;
      result.setAttribute('aria-busy', 'true');
      const read = await readReportFiles(files);
      for (const report of read.reports) {
        // A report without an ID cannot be recognised again: keep each one.
        const id =
          report.metadata.reportId === '' ? `\u0001${loaded.size}` : report.metadata.reportId;
        loaded.set(`${report.metadata.orgName}\u0000${id}`, report);
      }
      failures = [...failures, ...read.failures];
      result.removeAttribute('aria-busy');
      render();
    });
  };

  input.addEventListener('change', () => add([...(input.files ?? [])]));
  // Classification depends on what the owner knows: re-render when it changes.
  for (const field of [knownSources, knownDomains])
    field.addEventListener('change', () => {
      queue(render);
    });

  const hasFiles = (event: DragEvent): boolean =>
    event.dataTransfer?.types.includes('Files') ?? false;
  zone.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    add([...(event.dataTransfer?.files ?? [])]);
  });
  // A file dropped beside the zone must not make the browser navigate away to it.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
}
