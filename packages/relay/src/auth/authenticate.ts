import { IntentcastError } from '@intentcast/core';
import type { FastifyRequest } from 'fastify';
import type { TokenService } from './tokens.js';

/** Tells who made a request: the did:key of its access token, or undefined when it carries none. */
export type Authenticate = (request: FastifyRequest) => Promise<string | undefined>;

const BEARER_RE = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/** The access token of a request: `Authorization: Bearer <token>`, else the `token` query parameter. */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = BEARER_RE.exec(header);
    if (!match) throw new IntentcastError('ERR_AUTH_INVALID', 'Authorization must be "Bearer <token>"');
    return match[1];
  }
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.token;
  if (token === undefined) return undefined;
  if (typeof token !== 'string' || token === '') {
    throw new IntentcastError('ERR_AUTH_INVALID', 'the token parameter must hold one access token');
  }
  return token;
}

/**
 * An authenticator over a token service and a clock. The answer is kept per request, so the rate
 * limiter and the route verify a token once.
 */
export function createAuthenticator(tokens: TokenService, clock: () => number): Authenticate {
  const seen = new WeakMap<FastifyRequest, Promise<string | undefined>>();
  return (request) => {
    let caller = seen.get(request);
    if (caller === undefined) {
      caller = (async () => {
        const token = requestToken(request);
        return token === undefined ? undefined : tokens.verify(token, clock());
      })();
      seen.set(request, caller);
    }
    return caller;
  };
}
