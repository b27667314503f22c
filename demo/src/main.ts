/**
 * The demo page: a domain's posture through a DNS-over-HTTPS endpoint the user picks, and a
 * summary of aggregate report files read in the page. `?domain=` and `?doh=` pre-fill the
 * form (and `?domain=` runs the check at once), so a check can be shared as a link.
 */
import { checkDomain } from '../../src/check/index.js';
import { createDohResolver } from '../../src/dns/index.js';
import { byId } from './dom.js';
import { renderPosture } from './posture.js';
import { setupReports } from './reports.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1']);

/** The endpoint as a URL, or a sentence saying why it cannot be used. */
export function parseEndpoint(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'The DNS-over-HTTPS endpoint is not a URL.';
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  return 'The DNS-over-HTTPS endpoint must be an https: URL (or http: on this computer).';
}

function setupCheck(): void {
  const form = byId<HTMLFormElement>('check-form');
  const domainInput = byId<HTMLInputElement>('domain');
  const dohInput = byId<HTMLInputElement>('doh');
  const button = byId<HTMLButtonElement>('check-button');
  const status = byId('check-status');
  const result = byId('check-result');
  let running: AbortController | undefined;

  const say = (text: string, error = false): void => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };

  const run = async (): Promise<void> => {
    const domain = domainInput.value.trim();
    if (domain === '') {
      say('Type a domain name first.', true);
      domainInput.focus();
      return;
    }
    const endpoint = parseEndpoint(dohInput.value);
    if (typeof endpoint === 'string') {
      say(endpoint, true);
      dohInput.focus();
      return;
    }
    running?.abort();
    const controller = new AbortController();
    running = controller;
    result.replaceChildren();
    result.setAttribute('aria-busy', 'true');
    button.disabled = true;
    say(`Checking ${domain} through ${endpoint.host}…`);
    try {
      const resolver = createDohResolver({ endpoint: endpoint.href, timeoutMs: 8000 });
      const check = await checkDomain(domain, { resolver, signal: controller.signal });
      if (controller.signal.aborted) return;
      result.replaceChildren(renderPosture(check));
      if (check.dmarc.status === 'temperror')
        say(
          `The DMARC lookups for ${check.domain} failed: check that ${endpoint.host} is reachable and allows this page's origin (CORS).`,
          true,
        );
      else say(`Checked ${check.domain}: stage ${check.stage}.`);
    } catch (error) {
      if (controller.signal.aborted) return;
      say(`The check failed: ${error instanceof Error ? error.message : String(error)}`, true);
    } finally {
      if (running === controller) {
        result.removeAttribute('aria-busy');
        button.disabled = false;
      }
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });

  const params = new URLSearchParams(location.search);
  const doh = params.get('doh');
  if (doh !== null) dohInput.value = doh;
  const domain = params.get('domain');
  if (domain !== null) {
    domainInput.value = domain;
    void run();
  }
}

setupCheck();
setupReports();
