import { filterParamSchemas } from '../filter.js';
import { tokenParam } from '../schemas.js';
import { deliveryIdPattern, endpointIdPattern } from './ids.js';
import { SUBSCRIBABLE_EVENTS } from './store.js';
import { MAX_URL_LENGTH } from './target.js';

/** JSON Schemas of the webhook routes (spec/relay-webhooks.md). */

const time = { type: 'string', description: 'RFC 3339 UTC with milliseconds.' } as const;

export const filterSchema = {
  type: 'object',
  description: 'The filter of intent.matched: the parameters of GET /v1/intents (spec/relay-api.md#filters).',
  properties: filterParamSchemas,
  additionalProperties: false,
} as const;

const eventsSchema = {
  type: 'array',
  description: 'The event types wanted; test and endpoint.disabled are always sent.',
  items: { type: 'string', enum: SUBSCRIBABLE_EVENTS },
  minItems: 1,
  maxItems: SUBSCRIBABLE_EVENTS.length,
  uniqueItems: true,
} as const;

const urlSchema = { type: 'string', minLength: 1, maxLength: MAX_URL_LENGTH } as const;
const descriptionSchema = { type: 'string', maxLength: 200 } as const;

export const createBodySchema = {
  type: 'object',
  properties: { url: urlSchema, filter: filterSchema, events: eventsSchema, description: descriptionSchema },
  required: ['url'],
  additionalProperties: false,
} as const;

export const updateBodySchema = {
  type: 'object',
  properties: {
    url: urlSchema,
    filter: filterSchema,
    events: eventsSchema,
    description: { type: ['string', 'null'], maxLength: 200 },
    enabled: { type: 'boolean' },
  },
  minProperties: 1,
  additionalProperties: false,
} as const;

export const endpointSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    filter: filterSchema,
    events: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' },
    enabled: { type: 'boolean' },
    disabled: {
      type: 'object',
      properties: {
        reason: { type: 'string', enum: ['failures', 'owner', 'operator'] },
        detail: { type: 'string' },
        at: time,
      },
      required: ['reason', 'detail', 'at'],
      additionalProperties: false,
    },
    failing: {
      type: 'object',
      description: 'Present while attempts fail: since when, and how many in a row.',
      properties: { since: time, failures: { type: 'integer' } },
      required: ['since', 'failures'],
      additionalProperties: false,
    },
    rotation: {
      type: 'object',
      description: 'Present while the previous secret is still active.',
      properties: { previousSecretExpires: time },
      required: ['previousSecretExpires'],
      additionalProperties: false,
    },
    secret: { type: 'string', description: 'Only in the answer that creates it: registration and rotation.' },
    created: time,
    updated: time,
  },
  required: ['id', 'url', 'filter', 'events', 'enabled', 'created', 'updated'],
  additionalProperties: false,
} as const;

export const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The webhook-id of every attempt.' },
    type: { type: 'string' },
    seq: { type: 'integer' },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    queued: time,
    nextAttempt: { ...time, description: 'When the next attempt is due, while pending and enabled.' },
    attemptCount: { type: 'integer' },
    attempts: {
      type: 'array',
      description: 'The latest attempts, oldest first.',
      items: {
        type: 'object',
        properties: {
          at: time,
          durationMs: { type: 'integer' },
          status: { type: 'integer', description: 'The HTTP status of the answer.' },
          error: { type: 'string' },
        },
        required: ['at', 'durationMs'],
        additionalProperties: false,
      },
    },
  },
  required: ['id', 'type', 'status', 'queued', 'attemptCount', 'attempts'],
  additionalProperties: false,
} as const;

export const endpointParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: endpointIdPattern } },
  required: ['id'],
  additionalProperties: false,
} as const;

export const deliveryParams = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: endpointIdPattern },
    deliveryId: { type: 'string', pattern: deliveryIdPattern },
  },
  required: ['id', 'deliveryId'],
  additionalProperties: false,
} as const;

export const tokenQuery = {
  type: 'object',
  properties: { token: tokenParam },
  additionalProperties: false,
} as const;

export const MAX_DELIVERY_PAGE = 100;
export const DEFAULT_DELIVERY_PAGE = 20;

export const deliveriesQuery = {
  type: 'object',
  properties: {
    token: tokenParam,
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    cursor: { type: 'string', maxLength: 64 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_DELIVERY_PAGE },
  },
  additionalProperties: false,
} as const;
