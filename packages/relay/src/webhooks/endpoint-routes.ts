import { generateWebhookSecret, IntentcastError } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import type { FilterQuery } from '../filter.js';
import { errorResponses } from '../schemas.js';
import {
  authenticatedRoute,
  checkFilter,
  ownedEndpoint,
  requireCaller,
  type WebhookContext,
} from './context.js';
import { newEndpointId } from './ids.js';
import { createBodySchema, endpointParams, endpointSchema, tokenQuery, updateBodySchema } from './schemas.js';
import {
  type EndpointChanges,
  type EndpointRecord,
  type MessageEventType,
  SUBSCRIBABLE_EVENTS,
} from './store.js';
import { assertTarget } from './target.js';
import { endpointView } from './views.js';

interface CreateBody {
  url: string;
  filter?: FilterQuery;
  events?: MessageEventType[];
  description?: string;
}

interface UpdateBody {
  url?: string;
  filter?: FilterQuery;
  events?: MessageEventType[];
  description?: string | null;
  enabled?: boolean;
}

/** The event types in their canonical order; every one when none are given. */
function eventList(events: readonly MessageEventType[] | undefined): MessageEventType[] {
  return SUBSCRIBABLE_EVENTS.filter((type) => events === undefined || events.includes(type));
}

/**
 * `POST/GET /v1/webhooks`, `GET/PATCH/DELETE /v1/webhooks/:id` and `POST /v1/webhooks/:id/rotate-secret`:
 * a key's webhook endpoints (spec/relay-webhooks.md#endpoints). Every route needs an access token, and an
 * endpoint is visible only to the key that registered it.
 */
export function registerEndpointRoutes(app: FastifyInstance, ctx: WebhookContext): void {
  const { store, router, worker, options, policy, clock } = ctx;
  const auth = authenticatedRoute(app);
  const single = { 200: endpointSchema, ...errorResponses };

  app.post(
    '/v1/webhooks',
    {
      ...auth,
      schema: {
        description: 'Registers a webhook endpoint; the answer holds its signing secret, shown this once.',
        querystring: tokenQuery,
        body: createBodySchema,
        response: { 201: endpointSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = await requireCaller(app, request);
      const body = request.body as CreateBody;
      const filter = checkFilter(body.filter ?? {});
      const url = await assertTarget(body.url, policy);
      const owned = await store.listEndpoints(caller);
      if (owned.length >= options.maxEndpointsPerKey) {
        throw new IntentcastError(
          'ERR_BAD_REQUEST',
          `a key may register at most ${options.maxEndpointsPerKey} webhook endpoints`,
        );
      }
      const now = clock();
      const endpoint: EndpointRecord = {
        id: newEndpointId(),
        owner: caller,
        url,
        filter,
        events: eventList(body.events),
        description: body.description ?? null,
        secret: generateWebhookSecret(),
        previousSecret: null,
        previousSecretUntil: null,
        enabled: true,
        disabled: null,
        failingSince: null,
        failures: 0,
        created: now,
        updated: now,
      };
      await store.createEndpoint(endpoint);
      router.set(endpoint);
      reply.code(201);
      return { ...endpointView(endpoint, now), secret: endpoint.secret };
    },
  );

  app.get(
    '/v1/webhooks',
    {
      ...auth,
      schema: {
        description: "The caller's webhook endpoints, oldest first.",
        querystring: tokenQuery,
        response: {
          200: {
            type: 'object',
            properties: { endpoints: { type: 'array', items: endpointSchema } },
            required: ['endpoints'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const caller = await requireCaller(app, request);
      const now = clock();
      return { endpoints: (await store.listEndpoints(caller)).map((e) => endpointView(e, now)) };
    },
  );

  app.get(
    '/v1/webhooks/:id',
    {
      ...auth,
      schema: {
        description: "One of the caller's endpoints, with why it was disabled if it was.",
        params: endpointParams,
        querystring: tokenQuery,
        response: single,
      },
    },
    async (request) => {
      const caller = await requireCaller(app, request);
      const { id } = request.params as { id: string };
      return endpointView(await ownedEndpoint(store, id, caller), clock());
    },
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      ...auth,
      schema: {
        description:
          'Changes an endpoint. enabled: false turns it off; enabled: true turns it on again and resumes its pending deliveries.',
        params: endpointParams,
        querystring: tokenQuery,
        body: updateBodySchema,
        response: single,
      },
    },
    async (request) => {
      const caller = await requireCaller(app, request);
      const { id } = request.params as { id: string };
      const body = request.body as UpdateBody;
      const current = await ownedEndpoint(store, id, caller);
      const now = clock();
      const changes: EndpointChanges = { updated: now };
      if (body.url !== undefined) changes.url = await assertTarget(body.url, policy);
      if (body.filter !== undefined) changes.filter = checkFilter(body.filter);
      if (body.events !== undefined) changes.events = eventList(body.events);
      if (body.description !== undefined) changes.description = body.description;
      if (body.enabled === false && current.enabled) {
        changes.enabled = false;
        changes.disabled = { reason: 'owner', detail: 'turned off by its owner', at: now };
      }
      let updated = await store.updateEndpoint(id, changes);
      if (body.enabled === true && !current.enabled) updated = await store.enableEndpoint(id, now);
      if (updated === undefined) {
        throw new IntentcastError(
          'ERR_NOT_FOUND',
          'no webhook endpoint with this id is visible to the caller',
        );
      }
      router.set(updated);
      if (updated.enabled && !current.enabled) worker.wake([id]);
      if (!updated.enabled && current.enabled) worker.disabledByOwner(updated);
      return endpointView(updated, now);
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      ...auth,
      schema: {
        description: 'Deletes an endpoint, its pending deliveries and its delivery history.',
        params: endpointParams,
        querystring: tokenQuery,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = await requireCaller(app, request);
      const { id } = request.params as { id: string };
      await ownedEndpoint(store, id, caller);
      router.delete(id);
      await store.deleteEndpoint(id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/webhooks/:id/rotate-secret',
    {
      ...auth,
      schema: {
        description:
          'Makes a new signing secret, shown this once. The previous one stays active for the overlap (24 h by default); until then deliveries carry a signature for each.',
        params: endpointParams,
        querystring: tokenQuery,
        response: single,
      },
    },
    async (request) => {
      const caller = await requireCaller(app, request);
      const { id } = request.params as { id: string };
      const current = await ownedEndpoint(store, id, caller);
      const now = clock();
      // At most two secrets are ever active: a rotation during a rotation drops the oldest at once.
      const updated = await store.updateEndpoint(id, {
        secret: generateWebhookSecret(),
        previousSecret: current.secret,
        previousSecretUntil: now + options.rotationOverlapMs,
        updated: now,
      });
      if (updated === undefined) {
        throw new IntentcastError(
          'ERR_NOT_FOUND',
          'no webhook endpoint with this id is visible to the caller',
        );
      }
      return { ...endpointView(updated, now), secret: updated.secret };
    },
  );
}
