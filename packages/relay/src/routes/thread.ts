import { IntentcastError } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import { canRead } from '../privacy.js';
import { errorResponses, idPattern, messageSchema, threadStateSchema, tokenParam } from '../schemas.js';
import { stateAt } from '../store/store.js';

/**
 * `GET /v1/intents/:id/thread`: the intent, its state, and the messages of its thread the caller may read
 * (all of them for the intent's author, a vendor's own negotiation for a vendor, none for anyone else).
 */
export function registerThreadRoute(app: FastifyInstance): void {
  app.get(
    '/v1/intents/:id/thread',
    {
      schema: {
        description: 'An intent, its state and the messages of its thread visible to the caller.',
        params: {
          type: 'object',
          properties: { id: { type: 'string', pattern: idPattern } },
          required: ['id'],
          additionalProperties: false,
        },
        querystring: {
          type: 'object',
          properties: { token: tokenParam },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              intent: messageSchema,
              messages: { type: 'array', items: messageSchema },
              state: threadStateSchema,
            },
            required: ['intent', 'messages', 'state'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const caller = await app.authenticate(request);
      const thread = await app.store.getThread(id);
      if (thread === undefined) {
        throw new IntentcastError('ERR_NOT_FOUND', 'no intent with this id is visible to the caller');
      }
      const author = thread.intent.message.author;
      return {
        intent: thread.intent.message,
        messages: thread.messages.filter((m) => canRead(caller, m, author)).map((m) => m.message),
        state: stateAt(thread, app.clock()),
      };
    },
  );
}
