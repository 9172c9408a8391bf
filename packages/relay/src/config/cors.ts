import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Which browser origins may call the relay. */
export interface CorsPolicy {
  /** Origins like `https://app.example`, or `['*']` for any. Empty: no CORS headers at all. */
  origins: readonly string[];
}

/** Headers a browser client may read from a response: request ids and the rate-limit state. */
const EXPOSED = [
  'x-request-id',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

/**
 * Registers CORS for the policy's origins. Clients authenticate with bearer tokens, never cookies, so
 * credentials are not allowed and `*` is safe for a public relay.
 */
export async function registerCors(app: FastifyInstance, policy: CorsPolicy): Promise<void> {
  if (policy.origins.length === 0) return;
  await app.register(cors, {
    origin: policy.origins.includes('*') ? '*' : [...policy.origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'last-event-id'],
    exposedHeaders: EXPOSED,
    credentials: false,
    maxAge: 600,
  });
}
