/** Types of serve.mjs, for the browser tests that import it. */
import type { RequestListener, Server } from 'node:http';
/** A static file server for one folder; `routes` answer given paths instead. */
export declare function createStaticServer(options?: {
  root?: string;
  routes?: Record<string, RequestListener>;
}): Server;
