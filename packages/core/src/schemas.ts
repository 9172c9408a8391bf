import type { ErrorObject } from 'ajv/dist/2020.js';
import confirm from '../../../spec/schemas/confirm.json' with { type: 'json' };
import defs from '../../../spec/schemas/defs.json' with { type: 'json' };
import envelope from '../../../spec/schemas/envelope.json' with { type: 'json' };
import intent from '../../../spec/schemas/intent.json' with { type: 'json' };
import offer from '../../../spec/schemas/offer.json' with { type: 'json' };
import reply from '../../../spec/schemas/reply.json' with { type: 'json' };
import sealedContent from '../../../spec/schemas/sealed-content.json' with { type: 'json' };
import withdraw from '../../../spec/schemas/withdraw.json' with { type: 'json' };
import { IntentcastError } from './errors.js';
import * as validators from './generated/validators.js';
import type { MessageType } from './types.js';

/**
 * The JSON Schemas of spec/schemas, as objects: the single source of truth that core validates with and
 * that relays reuse for their routes and OpenAPI document.
 */
export const SCHEMAS = { defs, envelope, intent, offer, reply, withdraw, confirm, sealedContent } as const;

/** The schema `$id` of each message type. */
export const SCHEMA_IDS: Record<MessageType, string> = {
  intent: intent.$id,
  offer: offer.$id,
  reply: reply.$id,
  withdraw: withdraw.$id,
  confirm: confirm.$id,
};

/**
 * The validator of each message type, compiled from the schemas at build time (scripts/compile-schemas.mjs):
 * compiling at run time needs `new Function`, which a strict Content-Security-Policy forbids.
 */
const VALIDATORS: Record<MessageType, validators.Validator> = {
  intent: validators.intent,
  offer: validators.offer,
  reply: validators.reply,
  withdraw: validators.withdraw,
  confirm: validators.confirm,
};

function describe(error: ErrorObject): { path: string; message: string } {
  let path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? 'is invalid';
  if (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties') {
    const name = String(params.unevaluatedProperty ?? params.additionalProperty);
    path = `${path}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    detail = 'is not allowed here';
  } else if (error.keyword === 'required') {
    path = `${path}/${String(params.missingProperty)}`;
    detail = 'is required';
  } else if (error.keyword === 'false schema') {
    detail = 'is not allowed here';
  } else if (error.keyword === 'const') {
    detail = `must be ${JSON.stringify(params.allowedValue)}`;
  } else if (error.keyword === 'enum') {
    detail = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { path, message: `${path || '/'} ${detail}` };
}

/** Checks a message against the schema of `type`; throws ERR_SCHEMA with the path of the first problem. */
export function assertSchema(type: MessageType, message: unknown): void {
  const validate = VALIDATORS[type];
  if (!validate(message)) throw schemaError(validate.errors);
}

/** Checks opened sealed content; throws ERR_SEAL with the path of the first problem. */
export function assertSealedContent(content: unknown): void {
  const validate = validators.sealedContent;
  if (!validate(content)) {
    const { path, message } = describe(validate.errors![0]!);
    throw new IntentcastError('ERR_SEAL', `sealed content: ${message}`, { path });
  }
}

function schemaError(errors: ErrorObject[] | null | undefined): IntentcastError {
  // With allErrors off, ajv stops at the first failing keyword; for anyOf/if-then it may list a few.
  const error = errors?.[0];
  if (!error) return new IntentcastError('ERR_SCHEMA', 'message does not match its schema');
  const { path, message } = describe(error);
  return new IntentcastError('ERR_SCHEMA', message, { path });
}
