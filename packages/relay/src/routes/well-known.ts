import { LIMITS, PROTOCOL, SCHEMAS } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import type { OperatorInfo, RetentionOptions } from '../options.js';
import { errorResponses } from '../schemas.js';
import { SOFTWARE } from '../version.js';

/** The top-level categories of the registered vocabulary, read from the schema that defines them. */
export function registeredCategories(): string[] {
  const pattern = SCHEMAS.defs.$defs.category.anyOf[0]!.pattern;
  const match = /^\^\(\?:([a-z|]+)\)/.exec(pattern);
  return match ? match[1]!.split('|') : [];
}

/** The well-known document: what a client needs to know to use this relay (spec/relay-api.md#well-known). */
export function wellKnownDocument(
  app: FastifyInstance,
  options: { retention: RetentionOptions; operator: OperatorInfo | undefined },
): Record<string, unknown> {
  const { limits } = app;
  return {
    protocol: [PROTOCOL],
    relay: { did: app.relayDid, jwk: app.relayJwk },
    software: SOFTWARE,
    limits: {
      maxMessageBytes: LIMITS.maxMessageBytes,
      maxBodyBytes: limits.bodyLimit,
      maxBatch: limits.maxBatch,
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxPageSize,
      rateLimit: {
        windowSeconds: limits.rateLimitWindowMs / 1000,
        perIp: limits.rateLimitPerIp,
        perKey: limits.rateLimitPerKey,
      },
    },
    retention: {
      expiredThreadDays: options.retention.days,
      description: `An intent and its whole thread are deleted ${options.retention.days} days after the intent expires.`,
    },
    categories: registeredCategories(),
    operator: options.operator ?? {},
    auth: {
      scheme: 'intentcast-challenge',
      challenge: '/v1/auth/challenge',
      token: '/v1/auth/token',
      tokenType: 'Bearer',
      alg: 'EdDSA',
      challengeTtlSeconds: limits.challengeTtlMs / 1000,
      tokenTtlSeconds: limits.tokenTtlMs / 1000,
    },
    endpoints: {
      messages: '/v1/messages',
      message: '/v1/messages/{id}',
      intents: '/v1/intents',
      thread: '/v1/intents/{id}/thread',
      // The live streams come from a plugin; only routes this relay serves are listed.
      ...(app.hasRoute({ method: 'GET', url: '/v1/stream' }) ? { stream: '/v1/stream' } : {}),
      ...(app.hasRoute({ method: 'GET', url: '/v1/ws' }) ? { websocket: '/v1/ws' } : {}),
      ...(app.hasRoute({ method: 'GET', url: '/v1/stats' }) ? { stats: '/v1/stats' } : {}),
      health: '/healthz',
      ready: '/readyz',
    },
  };
}

/** `GET /.well-known/intentcast`. */
export function registerWellKnownRoute(
  app: FastifyInstance,
  options: { retention: RetentionOptions; operator: OperatorInfo | undefined },
): void {
  app.get(
    '/.well-known/intentcast',
    {
      schema: {
        description: "The relay's identity, versions, limits, retention, categories, operator and endpoints.",
        response: {
          200: {
            type: 'object',
            properties: {
              protocol: { type: 'array', items: { type: 'string' } },
              relay: {
                type: 'object',
                properties: {
                  did: { type: 'string' },
                  jwk: { type: 'object', additionalProperties: { type: 'string' } },
                },
                required: ['did', 'jwk'],
              },
              software: {
                type: 'object',
                properties: { name: { type: 'string' }, version: { type: 'string' } },
                required: ['name', 'version'],
              },
              limits: { type: 'object', additionalProperties: true },
              retention: { type: 'object', additionalProperties: true },
              categories: { type: 'array', items: { type: 'string' } },
              operator: { type: 'object', additionalProperties: { type: 'string' } },
              auth: { type: 'object', additionalProperties: true },
              endpoints: { type: 'object', additionalProperties: { type: 'string' } },
            },
            required: [
              'protocol',
              'relay',
              'software',
              'limits',
              'retention',
              'categories',
              'auth',
              'endpoints',
            ],
          },
          ...errorResponses,
        },
      },
    },
    async () => wellKnownDocument(app, options),
  );
}
