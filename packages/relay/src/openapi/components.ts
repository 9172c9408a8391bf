import { MESSAGE_TYPES, SCHEMAS } from '@intentcast/core';
import { errorSchema, receiptSchema } from '../schemas.js';

/**
 * The JSON Schemas of spec/schemas as OpenAPI 3.1 components. Each document becomes one component and
 * each definition of defs.json one more; every `$ref` between them is rewritten to point at its component,
 * so the OpenAPI document holds one copy of each schema and no reference leaves it.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const COMPONENT_PREFIX = '#/components/schemas/';

/** The spec documents and the component each becomes. */
const DOCUMENTS: Readonly<Record<string, JsonObject>> = {
  Envelope: SCHEMAS.envelope as unknown as JsonObject,
  Intent: SCHEMAS.intent as unknown as JsonObject,
  Offer: SCHEMAS.offer as unknown as JsonObject,
  Reply: SCHEMAS.reply as unknown as JsonObject,
  Withdraw: SCHEMAS.withdraw as unknown as JsonObject,
  Confirm: SCHEMAS.confirm as unknown as JsonObject,
  SealedContent: SCHEMAS.sealedContent as unknown as JsonObject,
};

const DEFS = SCHEMAS.defs as unknown as JsonObject & { $id: string; $defs: Record<string, JsonObject> };

/** The component name of a definition of defs.json: `termsRef` is `TermsRef`. */
const defName = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** The component a schema URL (with its fragment) names, or undefined if it names none. */
function componentOf(url: URL): string | undefined {
  const base = `${url.origin}${url.pathname}`;
  const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
  if (base === DEFS.$id) {
    const match = /^\/\$defs\/([A-Za-z0-9_]+)$/.exec(fragment);
    return match && Object.hasOwn(DEFS.$defs, match[1]!) ? defName(match[1]!) : undefined;
  }
  if (fragment !== '') return undefined;
  return Object.keys(DOCUMENTS).find((name) => DOCUMENTS[name]!.$id === base);
}

/** A deep copy of `schema` with every `$ref` resolved against `baseId` and pointed at its component. */
function rewrite(schema: Json, baseId: string): Json {
  if (Array.isArray(schema)) return schema.map((item) => rewrite(item, baseId));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === '$id' || key === '$defs') continue;
    if (key === '$ref' && typeof value === 'string') {
      const target = componentOf(new URL(value, baseId));
      if (target === undefined)
        throw new Error(`openapi: ${baseId} refers to ${value}, which is no component`);
      out.$ref = `${COMPONENT_PREFIX}${target}`;
    } else {
      out[key] = rewrite(value, baseId);
    }
  }
  return out;
}

/**
 * The component schemas: the spec's messages and their definitions, `Message` (any message, by `type`),
 * `Batch` (the batch body of `POST /v1/messages`), and the relay's `Receipt` and `Error`.
 *
 * @example
 * specComponents(100).Intent; // the intent schema, its $refs pointing at '#/components/schemas/...'
 */
export function specComponents(maxBatch: number): Record<string, Json> {
  const components: Record<string, Json> = {};
  const add = (name: string, schema: Json) => {
    if (Object.hasOwn(components, name)) throw new Error(`openapi: two schemas are named ${name}`);
    components[name] = schema;
  };
  for (const [name, schema] of Object.entries(DEFS.$defs)) add(defName(name), rewrite(schema, DEFS.$id));
  for (const [name, schema] of Object.entries(DOCUMENTS)) add(name, rewrite(schema, schema.$id as string));

  const byType = Object.fromEntries(
    MESSAGE_TYPES.map((type) => [type, `${COMPONENT_PREFIX}${defName(type)}`]),
  );
  add('Message', {
    description: 'A signed Intentcast message of any type (spec/messages.md).',
    oneOf: MESSAGE_TYPES.map((type) => ({ $ref: byType[type]! })),
    discriminator: { propertyName: 'type', mapping: byType },
  });
  add('Batch', {
    description:
      'A batch of messages, each judged and stored on its own (spec/relay-api.md#post-v1messages).',
    type: 'object',
    properties: {
      messages: {
        type: 'array',
        minItems: 1,
        maxItems: maxBatch,
        items: { $ref: `${COMPONENT_PREFIX}Message` },
      },
    },
    required: ['messages'],
    additionalProperties: false,
  });
  add('Receipt', {
    description: "The relay's signed statement that it stored a message (spec/relay-api.md#receipts).",
    ...(structuredClone(receiptSchema) as unknown as JsonObject),
  });
  add('Error', {
    description: 'The body of every error response (spec/errors.md).',
    ...(structuredClone(errorSchema) as unknown as JsonObject),
  });
  return components;
}
