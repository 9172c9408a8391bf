import { IntentcastError } from '@intentcast/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestToken } from '../auth/authenticate.js';
import type { EventSource } from '../events.js';
import type { Hub } from './hub.js';
import type { StreamLimits } from './limits.js';
import type { TokenLifetime } from './token-expiry.js';
import { WsConnection } from './ws-connection.js';

export interface WsRouteOptions {
  hub: Hub;
  source: EventSource;
  limits: StreamLimits;
  authenticate: (request: FastifyRequest) => Promise<string | undefined>;
  verifyToken?: (token: string) => Promise<string>;
  /** Ends mailbox subscriptions when their token lapses. */
  lifetime: TokenLifetime;
}

/** The request, seen with `token` as its bearer token: lets `authenticate` check an `auth` frame. */
function withToken(request: FastifyRequest, token: string): FastifyRequest {
  return Object.create(request, {
    headers: { value: { ...request.headers, authorization: `Bearer ${token}` } },
    query: { value: {} },
  }) as FastifyRequest;
}

/**
 * Registers `GET /v1/ws`, the WebSocket stream. A token on the upgrade request (Authorization header or
 * `?token=`) authenticates the connection before it opens; an `auth` frame can do so later.
 */
export function registerWsRoute(app: FastifyInstance, options: WsRouteOptions): void {
  const { authenticate } = options;
  const keys = new WeakMap<FastifyRequest, string>();
  app.get(
    '/v1/ws',
    {
      websocket: true,
      preValidation: async (request) => {
        const key = await authenticate(request);
        if (key !== undefined) keys.set(request, key);
      },
    },
    (socket, request) => {
      const verifyToken =
        options.verifyToken ??
        (async (token: string) => {
          const key = await authenticate(withToken(request, token));
          if (key === undefined)
            throw new IntentcastError('ERR_AUTH_INVALID', 'The access token does not verify');
          return key;
        });
      const key = keys.get(request);
      // The upgrade request's token was verified in preValidation; its lapse bounds mailbox subscriptions.
      const token = key === undefined ? undefined : requestToken(request);
      const expires = token === undefined ? undefined : options.lifetime.expiry(token);
      new WsConnection(socket, { ...options, verifyToken, address: request.ip }, key, expires);
    },
  );
}
