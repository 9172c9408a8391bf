import rateLimit from '@fastify/rate-limit';
import { IntentcastError } from '@intentcast/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticate } from './auth/authenticate.js';
import type { RelayLimits } from './options.js';

/**
 * Rate limits: per authenticated key for requests with a valid access token, per client IP otherwise.
 * Exceeding a limit answers 429 ERR_RATE_LIMITED with Retry-After. The counters live in memory.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  limits: RelayLimits,
  authenticate: Authenticate,
): Promise<void> {
  const keyOf = async (request: FastifyRequest): Promise<string> => {
    try {
      const caller = await authenticate(request);
      if (caller !== undefined) return `key:${caller}`;
    } catch {
      // A bad token is the route's to refuse; for counting, the request is its address's.
    }
    return `ip:${request.ip}`;
  };
  await app.register(rateLimit, {
    global: true,
    timeWindow: limits.rateLimitWindowMs,
    max: (_request, key) => (key.startsWith('key:') ? limits.rateLimitPerKey : limits.rateLimitPerIp),
    keyGenerator: keyOf,
    errorResponseBuilder: (_request, context) =>
      new IntentcastError('ERR_RATE_LIMITED', `too many requests; retry in ${context.after}`),
  });
}
