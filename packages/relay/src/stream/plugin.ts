import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { EventSource } from '../events.js';
import type { Hub } from './hub.js';
import { resolveStreamLimits, type StreamLimits } from './limits.js';
import { registerSseRoute } from './sse.js';
import { jwtExpiry, type TokenLifetime } from './token-expiry.js';
import { registerWsRoute } from './ws.js';

export interface StreamPluginOptions {
  /** The hub the relay publishes committed events to. */
  hub: Hub;
  /** Where catch-up reads stored events. Defaults to the instance's `store` decoration. */
  source?: EventSource;
  /**
   * The caller's did:key from the request's bearer token or `?token=`, undefined without one; throws
   * ERR_AUTH_INVALID for a bad token. Defaults to the instance's `authenticate` decoration.
   */
  authenticate?: (request: FastifyRequest) => Promise<string | undefined>;
  /**
   * Checks a token sent in a WebSocket `auth` frame. Defaults to `authenticate` applied to the upgrade
   * request with that token as its bearer token.
   */
  verifyToken?: (token: string) => Promise<string>;
  /**
   * When a verified token lapses, epoch ms, so that a mailbox subscription ends then (ERR_AUTH_INVALID)
   * rather than outliving it. Defaults to a JWT's `exp` claim; undefined means it does not lapse.
   */
  tokenExpiry?: (token: string) => number | undefined;
  /**
   * Overrides of the hub's limits for the routes. Defaults to the `stream` field of the instance's `limits`
   * decoration. The relay-wide counts are always the hub's own.
   */
  limits?: Partial<StreamLimits>;
}

function decoration<T>(
  app: FastifyInstance,
  name: string,
  check: (value: unknown) => boolean,
): T | undefined {
  if (!app.hasDecorator(name)) return undefined;
  const value = (app as unknown as Record<string, unknown>)[name];
  return check(value) ? (value as T) : undefined;
}

const isSource = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  ['intentsAfter', 'mailboxAfter', 'lastSeq'].every(
    (name) => typeof (value as Record<string, unknown>)[name] === 'function',
  );

/**
 * The live streams as a Fastify plugin: `GET /v1/stream` (server-sent events) and `GET /v1/ws`
 * (WebSocket). It registers @fastify/websocket unless the instance already has it, and closes the hub
 * before the server stops, so that open streams end with a reason instead of holding the close.
 *
 * @example
 * const hub = createHub();
 * const app = await buildRelay({ hub, plugins: [streamPlugin({ hub })] });
 * // or, standalone:
 * await app.register(streamPlugin({ hub, source: store, authenticate: (request) => auth(request) }));
 */
export function streamPlugin(options: StreamPluginOptions): FastifyPluginAsync {
  return async (app) => {
    const { hub } = options;
    const source = options.source ?? decoration<EventSource>(app, 'store', isSource);
    if (source === undefined) {
      throw new TypeError(
        'streamPlugin: "source" expected an EventSource, or a `store` decoration that is one',
      );
    }
    const decorated = decoration<(request: FastifyRequest) => Promise<string | undefined>>(
      app,
      'authenticate',
      (value) => typeof value === 'function',
    );
    const authenticate =
      options.authenticate ?? (decorated && ((request: FastifyRequest) => decorated.call(app, request)));
    if (authenticate === undefined) {
      throw new TypeError(
        'streamPlugin: "authenticate" expected a function, or an `authenticate` decoration',
      );
    }
    const appLimits = decoration<{ stream?: Partial<StreamLimits> }>(
      app,
      'limits',
      (value) => typeof value === 'object',
    );
    const limits = resolveStreamLimits({ ...hub.limits, ...(options.limits ?? appLimits?.stream ?? {}) });

    app.addHook('preClose', (done) => {
      hub.close('The relay is shutting down');
      done();
    });
    if (!app.hasDecorator('websocketServer')) {
      await app.register(websocket, { options: { maxPayload: limits.maxFrameBytes } });
    }
    const clock = decoration<() => number>(app, 'clock', (value) => typeof value === 'function');
    const lifetime: TokenLifetime = {
      expiry: options.tokenExpiry ?? jwtExpiry,
      clock: clock === undefined ? Date.now : () => clock.call(app),
    };
    registerSseRoute(app, { hub, source, authenticate, limits, lifetime });
    registerWsRoute(app, {
      hub,
      source,
      authenticate,
      limits,
      lifetime,
      ...(options.verifyToken === undefined ? {} : { verifyToken: options.verifyToken }),
    });
  };
}
