import { IntentcastError, isIntentcastError } from '@intentcast/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FilterQuery, parseFilter } from '../filter.js';
import type { ResolvedWebhookOptions } from './options.js';
import type { EndpointRouter } from './router.js';
import type { EndpointRecord, WebhookStore } from './store.js';
import type { TargetPolicy } from './target.js';
import type { DeliveryWorker } from './worker.js';

/** What the webhook routes work with. */
export interface WebhookContext {
  store: WebhookStore;
  router: EndpointRouter;
  worker: DeliveryWorker;
  options: ResolvedWebhookOptions;
  policy: TargetPolicy;
  clock: () => number;
}

/** The caller's did:key; every webhook route needs one. */
export async function requireCaller(app: FastifyInstance, request: FastifyRequest): Promise<string> {
  const caller = await app.authenticate(request);
  if (caller === undefined) {
    throw new IntentcastError('ERR_UNAUTHORIZED', 'webhook endpoints need an access token (spec/auth.md)');
  }
  return caller;
}

/**
 * Route options that authenticate before the request is validated, so that a caller without a token is
 * told so (401) whatever else is wrong with the request.
 */
export function authenticatedRoute(app: FastifyInstance) {
  return {
    preValidation: async (request: FastifyRequest) => {
      await requireCaller(app, request);
    },
  };
}

/** The caller's endpoint; another key's endpoint is as unknown as one that does not exist. */
export async function ownedEndpoint(
  store: WebhookStore,
  id: string,
  caller: string,
): Promise<EndpointRecord> {
  const endpoint = await store.getEndpoint(id);
  if (endpoint === undefined || endpoint.owner !== caller) {
    throw new IntentcastError('ERR_NOT_FOUND', 'no webhook endpoint with this id is visible to the caller');
  }
  return endpoint;
}

/** Checks a filter as GET /v1/intents does; a failure points into the body's `filter`. */
export function checkFilter(filter: FilterQuery): FilterQuery {
  try {
    parseFilter(filter);
    return filter;
  } catch (err) {
    if (isIntentcastError(err) && err.code === 'ERR_FILTER_INVALID') {
      throw new IntentcastError('ERR_FILTER_INVALID', `filter.${err.message}`, {
        path: `/filter${err.path ?? ''}`,
      });
    }
    throw err;
  }
}
