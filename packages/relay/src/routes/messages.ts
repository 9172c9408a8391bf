import { fromFailure, IntentcastError } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import type { MessagesBody } from '../body.js';
import type { Ingestor } from '../ingest/ingest.js';
import { canRead } from '../privacy.js';
import {
  errorResponses,
  errorSchema,
  idPattern,
  messageSchema,
  receiptSchema,
  tokenParam,
} from '../schemas.js';

const resultSchema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    receipt: receiptSchema,
    error: errorSchema.properties.error,
  },
  required: ['ok'],
  additionalProperties: false,
} as const;

/** `POST /v1/messages` (one message or a batch) and `GET /v1/messages/:id`. */
export function registerMessageRoutes(app: FastifyInstance, ingestor: Ingestor): void {
  app.post(
    '/v1/messages',
    {
      config: { messageBody: true },
      schema: {
        description: 'Posts one signed message, or a batch {"messages":[...]}; answers with signed receipts.',
        body: {
          type: 'object',
          description: 'One message (checked in full against spec/schemas) or {"messages": [message, ...]}.',
        },
        response: {
          201: { type: 'object', properties: { receipt: receiptSchema }, required: ['receipt'] },
          200: {
            type: 'object',
            properties: { receipt: receiptSchema, results: { type: 'array', items: resultSchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as MessagesBody;
      if (!body.batch) {
        const [result] = await ingestor.ingest([body.item]);
        if (!result!.ok) throw fromFailure(result!);
        if (result!.stored) reply.code(201);
        return { receipt: result!.receipt };
      }
      const results = await ingestor.ingest(body.items);
      return {
        results: results.map((result) =>
          result.ok
            ? { ok: true, receipt: result.receipt }
            : { ok: false, error: fromFailure(result).toJSON() },
        ),
      };
    },
  );

  app.get(
    '/v1/messages/:id',
    {
      schema: {
        description: 'A message by id: intents for anyone, other messages for the participants they concern.',
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
          200: { type: 'object', properties: { message: messageSchema }, required: ['message'] },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const caller = await app.authenticate(request);
      const stored = await app.store.getMessage(id);
      // A message the caller may not read gets the very answer an unknown id gets.
      const hidden = new IntentcastError('ERR_NOT_FOUND', 'no message with this id is visible to the caller');
      if (stored === undefined) throw hidden;
      if (stored.message.type !== 'intent') {
        const intent = await app.store.getMessage(stored.message.thread);
        if (intent === undefined || !canRead(caller, stored, intent.message.author)) throw hidden;
      }
      return { message: stored.message };
    },
  );
}
