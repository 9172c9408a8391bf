import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { type FilterQuery, filterParamSchemas, parseFilter } from '../filter.js';
import { errorResponses, messageSchema } from '../schemas.js';
import type { StateFilter } from '../store/store.js';

interface IntentsQuery extends FilterQuery {
  state?: StateFilter;
  cursor?: string;
  limit?: number;
}

/** `GET /v1/intents`: public intents matching a filter, newest first, a page at a time. */
export function registerIntentRoutes(app: FastifyInstance): void {
  const { limits } = app;
  app.get(
    '/v1/intents',
    {
      schema: {
        description: 'Intents matching a filter (spec/relay-api.md#filters), newest first, keyset-paginated.',
        querystring: {
          type: 'object',
          properties: {
            ...filterParamSchemas,
            state: { type: 'string', enum: ['open', 'accepted', 'closed', 'withdrawn', 'expired', 'any'] },
            cursor: { type: 'string', maxLength: 64 },
            limit: { type: 'integer', minimum: 1, maximum: limits.maxPageSize },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              intents: { type: 'array', items: messageSchema },
              next: { type: 'string' },
            },
            required: ['intents'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const query = request.query as IntentsQuery;
      const filter = parseFilter(query);
      const limit = query.limit ?? limits.defaultPageSize;
      const beforeSeq = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const page = await app.store.queryIntents({
        filter,
        state: query.state ?? 'open',
        now: app.clock(),
        limit,
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
      });
      const last = page.intents[page.intents.length - 1];
      // Each intent exactly as it was received and stored (valid JSON, checked on the way in): the page is
      // written around those texts instead of parsing and serializing every intent again.
      const next = page.more && last ? `,"next":${JSON.stringify(encodeCursor(last.seq))}` : '';
      reply.type('application/json; charset=utf-8');
      return `{"intents":[${page.intents.map((intent) => intent.text).join(',')}]${next}}`;
    },
  );
}
