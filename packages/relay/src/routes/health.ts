import { IntentcastError } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../schemas.js';

const statusSchema = {
  type: 'object',
  properties: { status: { type: 'string' } },
  required: ['status'],
  additionalProperties: false,
} as const;

/**
 * `GET /healthz` (the process is up) and `GET /readyz` (the store is open and the relay is not shutting
 * down: safe to send traffic). Neither is rate-limited.
 */
export function registerHealthRoutes(app: FastifyInstance, isShuttingDown: () => boolean): void {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: { description: 'The process is up.', response: { 200: statusSchema, ...errorResponses } },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        description: 'The relay is ready for traffic.',
        response: { 200: statusSchema, ...errorResponses },
      },
    },
    async () => {
      if (isShuttingDown()) throw new IntentcastError('ERR_UNAVAILABLE', 'the relay is shutting down');
      if (!app.store.isOpen()) throw new IntentcastError('ERR_UNAVAILABLE', 'the store is not open');
      const failure = app.store.failure?.();
      if (failure !== undefined) throw new IntentcastError('ERR_UNAVAILABLE', failure.message);
      return { status: 'ready' };
    },
  );
}
