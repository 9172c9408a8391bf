import { IntentcastError } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../schemas.js';
import { authenticatedRoute, ownedEndpoint, requireCaller, type WebhookContext } from './context.js';
import { testEventBody } from './event.js';
import { decodeDeliveryCursor, encodeDeliveryCursor, newDeliveryId } from './ids.js';
import {
  DEFAULT_DELIVERY_PAGE,
  deliveriesQuery,
  deliveryParams,
  deliverySchema,
  endpointParams,
  tokenQuery,
} from './schemas.js';
import type { DeliveryStatus, EndpointRecord } from './store.js';
import { deliveryView } from './views.js';

const deliveryAnswer = {
  type: 'object',
  properties: { delivery: deliverySchema },
  required: ['delivery'],
  additionalProperties: false,
} as const;

function assertEnabled(endpoint: EndpointRecord): void {
  if (!endpoint.enabled) {
    throw new IntentcastError(
      'ERR_BAD_REQUEST',
      'the endpoint is disabled; turn it on again (PATCH with "enabled": true) first',
    );
  }
}

const unknownDelivery = () =>
  new IntentcastError('ERR_NOT_FOUND', 'no delivery with this id is visible to the caller');

/**
 * `GET /v1/webhooks/:id/deliveries` (and one delivery), `POST .../deliveries/:deliveryId/redeliver` and
 * `POST /v1/webhooks/:id/test`: what became of an endpoint's deliveries, and asking for more.
 */
export function registerDeliveryRoutes(app: FastifyInstance, ctx: WebhookContext): void {
  const { store, worker, clock } = ctx;
  const auth = authenticatedRoute(app);

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      ...auth,
      schema: {
        description: "An endpoint's deliveries, latest queued first, with their latest attempts.",
        params: endpointParams,
        querystring: deliveriesQuery,
        response: {
          200: {
            type: 'object',
            properties: { deliveries: { type: 'array', items: deliverySchema }, next: { type: 'string' } },
            required: ['deliveries'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const caller = await requireCaller(app, request);
      const { id } = request.params as { id: string };
      const query = request.query as { status?: DeliveryStatus; cursor?: string; limit?: number };
      const endpoint = await ownedEndpoint(store, id, caller);
      const beforeOrder = query.cursor === undefined ? undefined : decodeDeliveryCursor(query.cursor);
      const page = await store.listDeliveries(id, {
        limit: query.limit ?? DEFAULT_DELIVERY_PAGE,
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(beforeOrder === undefined ? {} : { beforeOrder }),
      });
      const last = page.deliveries[page.deliveries.length - 1];
      return {
        deliveries: page.deliveries.map((d) => deliveryView(d, endpoint.enabled)),
        ...(page.more && last ? { next: encodeDeliveryCursor(last.order) } : {}),
      };
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries/:deliveryId',
    {
      ...auth,
      schema: {
        description: 'One delivery and its latest attempts.',
        params: deliveryParams,
        querystring: tokenQuery,
        response: { 200: deliveryAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const caller = await requireCaller(app, request);
      const { id, deliveryId } = request.params as { id: string; deliveryId: string };
      const endpoint = await ownedEndpoint(store, id, caller);
      const delivery = await store.getDelivery(id, deliveryId);
      if (delivery === undefined) throw unknownDelivery();
      return { delivery: deliveryView(delivery, endpoint.enabled) };
    },
  );

  app.post(
    '/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      ...auth,
      schema: {
        description:
          'Queues a finished delivery again, after every delivery queued so far, with the same webhook-id and body.',
        params: deliveryParams,
        querystring: tokenQuery,
        response: { 202: deliveryAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = await requireCaller(app, request);
      const { id, deliveryId } = request.params as { id: string; deliveryId: string };
      const endpoint = await ownedEndpoint(store, id, caller);
      assertEnabled(endpoint);
      const current = await store.getDelivery(id, deliveryId);
      if (current === undefined) throw unknownDelivery();
      if (current.status === 'pending') {
        throw new IntentcastError('ERR_BAD_REQUEST', 'the delivery is still pending; it will be attempted');
      }
      await store.requeue(id, deliveryId, clock());
      worker.wake([id]);
      const delivery = await store.getDelivery(id, deliveryId);
      if (delivery === undefined) throw unknownDelivery();
      reply.code(202);
      return { delivery: deliveryView(delivery, true) };
    },
  );

  app.post(
    '/v1/webhooks/:id/test',
    {
      ...auth,
      schema: {
        description:
          'Queues a test event for the endpoint, delivered like any other (in order, with retries).',
        params: endpointParams,
        querystring: tokenQuery,
        response: { 202: deliveryAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = await requireCaller(app, request);
      const { id } = request.params as { id: string };
      assertEnabled(await ownedEndpoint(store, id, caller));
      const now = clock();
      const delivery = await store.enqueue({
        id: newDeliveryId(),
        endpoint: id,
        type: 'test',
        body: testEventBody(id, now),
        eventTime: now,
      });
      worker.wake([id]);
      reply.code(202);
      return { delivery: deliveryView(delivery, true) };
    },
  );
}
