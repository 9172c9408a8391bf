/**
 * JSON Schemas of the relay's requests and responses, declared on every route. Messages themselves are
 * checked by core against spec/schemas (with precise error codes), so routes describe them only as
 * objects; responses carry messages exactly as stored.
 */

export const messageSchema = {
  type: 'object',
  description: 'A signed Intentcast message (spec/schemas/*.json).',
  additionalProperties: true,
} as const;

export const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        path: { type: 'string' },
      },
      required: ['code', 'message'],
      additionalProperties: false,
    },
  },
  required: ['error'],
  additionalProperties: false,
} as const;

/** The error responses every route may give. */
export const errorResponses = { '4xx': errorSchema, '5xx': errorSchema } as const;

export const receiptSchema = {
  type: 'object',
  properties: {
    relay: { type: 'string' },
    id: { type: 'string' },
    seq: { type: 'integer' },
    received: { type: 'string' },
    sig: { type: 'string' },
  },
  required: ['relay', 'id', 'seq', 'received', 'sig'],
  additionalProperties: false,
} as const;

export const idPattern = '^[0-9a-f]{64}$';
export const didKeyPattern = '^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}$';

/** The `token` query parameter, accepted wherever a route reads the caller. */
export const tokenParam = { type: 'string', minLength: 1, maxLength: 2048 } as const;

export const threadStateSchema = {
  type: 'string',
  enum: ['open', 'accepted', 'closed', 'withdrawn', 'expired'],
} as const;
