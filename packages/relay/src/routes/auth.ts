import { IntentcastError, isValidDidKey } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import type { ChallengeBook } from '../auth/challenges.js';
import type { TokenService } from '../auth/tokens.js';
import { didKeyPattern, errorResponses } from '../schemas.js';

const keyProperty = { type: 'string', pattern: didKeyPattern, maxLength: 64 } as const;
const stamp = (ms: number) => new Date(ms).toISOString();

function assertKey(key: string): void {
  if (!isValidDidKey(key)) {
    throw new IntentcastError('ERR_KEY_INVALID', 'key is not a valid Ed25519 did:key', { path: '/key' });
  }
}

/** `POST /v1/auth/challenge` and `POST /v1/auth/token` (spec/auth.md). */
export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { challenges: ChallengeBook; tokens: TokenService },
): void {
  app.post(
    '/v1/auth/challenge',
    {
      schema: {
        description: 'A single-use challenge for a key to sign.',
        body: {
          type: 'object',
          properties: { key: keyProperty },
          required: ['key'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { challenge: { type: 'string' }, expires: { type: 'string' } },
            required: ['challenge', 'expires'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { key } = request.body as { key: string };
      assertKey(key);
      const { challenge, expires } = deps.challenges.issue(key, app.clock());
      return { challenge, expires: stamp(expires) };
    },
  );

  app.post(
    '/v1/auth/token',
    {
      schema: {
        description: "Exchanges a signed challenge for an access token naming the challenge's key.",
        body: {
          type: 'object',
          properties: {
            key: keyProperty,
            challenge: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            sig: { type: 'string', pattern: '^[0-9a-f]{128}$' },
          },
          required: ['key', 'challenge', 'sig'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { token: { type: 'string' }, expires: { type: 'string' } },
            required: ['token', 'expires'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const answer = request.body as { key: string; challenge: string; sig: string };
      assertKey(answer.key);
      const now = app.clock();
      deps.challenges.redeem(answer, app.relayDid, now, app.backend);
      const { token, expires } = await deps.tokens.issue(answer.key, now);
      return { token, expires: stamp(expires) };
    },
  );
}
