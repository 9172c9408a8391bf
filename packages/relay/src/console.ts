import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { IntentcastError } from '@intentcast/core';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

/**
 * The content security policy of the console's pages: everything from the relay itself, nothing inline,
 * no frames, no plugins, and connections (API calls, server-sent events, WebSocket) to the relay only.
 * No `'unsafe-eval'` either: core's schema validators are compiled at build time, not with `new Function`.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the console's files are served from, and why not when they are missing. */
export interface ConsoleOptions {
  /**
   * The directory of the built console (index.html and its assets). Defaults to the one of the
   * `@intentcast/console` package, when it is installed and built.
   */
  root?: string;
}

/** Bundles are named `<name>-<hash>.<ext>` by the console build: a changed file gets a new name. */
const HASHED = /-[A-Z0-9]{8}\.(?:js|css)(?:\.map)?$/;

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** The public directory of the console package, or undefined when it is not installed or not built. */
async function packagedRoot(): Promise<string | undefined> {
  // Imported at run time, by a name the compiler does not follow: a relay without the console package,
  // or with one that was never built, still starts (and typechecks); it then answers `/` with a 404.
  const name = '@intentcast/console';
  try {
    const module = (await import(name)) as { consoleRoot?: unknown };
    return typeof module.consoleRoot === 'string' ? module.consoleRoot : undefined;
  } catch {
    return undefined;
  }
}

async function hasIndex(root: string | undefined): Promise<boolean> {
  if (root === undefined) return false;
  try {
    return (await stat(join(root, 'index.html'))).isFile();
  } catch {
    return false;
  }
}

/** Answers `/` when there is nothing to serve: a 404 with the relay's error body, never a crash. */
function registerMissing(app: FastifyInstance, root: string | undefined): void {
  const where = root === undefined ? 'the @intentcast/console package is not installed or not built' : root;
  app.log.warn({ root }, 'the web console is not built; / answers 404');
  app.route({
    method: ['GET', 'HEAD'],
    url: '/',
    schema: { hide: true },
    handler: async () => {
      throw new IntentcastError(
        'ERR_NOT_FOUND',
        `the web console is not available on this relay (${where}); build it with npm run build -w @intentcast/console`,
      );
    },
  });
}

/**
 * The web console (packages/console) at `/`: its built files, with a strict content security policy.
 * Routes are made for the files present when the relay starts; any other path gets the relay's JSON 404.
 * Hashed bundles are cached for a year (a new build has new names); index.html and the rest are
 * revalidated on every load, by ETag.
 *
 * @example
 * const relay = await buildRelay({ store, key, hub, plugins: [streamPlugin({ hub }), consolePlugin()] });
 */
export function consolePlugin(options: ConsoleOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const root = options.root ?? (await packagedRoot());
    // Only the console's own responses carry its headers: the plugin's hooks stay in its context.
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.headers(SECURITY_HEADERS);
      return payload;
    });
    if (root === undefined || !(await hasIndex(root))) {
      registerMissing(app, root);
      return;
    }
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      decorateReply: false,
      index: ['index.html'],
      dotfiles: 'ignore',
      cacheControl: false,
      etag: true,
      lastModified: true,
      setHeaders(response, path) {
        response.setHeader(
          'cache-control',
          HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  };
}
