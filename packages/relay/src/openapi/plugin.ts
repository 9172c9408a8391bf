import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { errorSchema, messageSchema, receiptSchema } from '../schemas.js';
import { SOFTWARE } from '../version.js';
import { COMPONENT_PREFIX, specComponents } from './components.js';

/**
 * `GET /openapi.json` (OpenAPI 3.1, built by @fastify/swagger from the schemas every route declares) and
 * `GET /docs`, a browsable page of it served from the relay itself (@fastify/swagger-ui; no CDN).
 *
 * Routes describe messages loosely, as objects, because core checks them against spec/schemas with
 * precise error codes. For the document, those placeholders are replaced by references to the spec's
 * schemas, which appear once each under `components.schemas`.
 */

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `${COMPONENT_PREFIX}${name}` });

/** The relay's shared schemas, recognised by value, and the component each stands for. */
const SHARED: [string, unknown][] = [
  [JSON.stringify(messageSchema), 'Message'],
  [JSON.stringify(receiptSchema), 'Receipt'],
  [JSON.stringify(errorSchema), 'Error'],
];
const SHARED_BY_TEXT = new Map(SHARED.map(([text, name]) => [text as string, name as string]));

/** A copy of a route schema with shared schemas replaced by component references. */
function withRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withRefs);
  if (typeof node !== 'object' || node === null) return node;
  const name = SHARED_BY_TEXT.get(JSON.stringify(node));
  if (name !== undefined) return ref(name);
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withRefs(value)]));
}

/** The tag of a route, from its path, unless it names its own. */
function tagOf(url: string): string {
  if (url.startsWith('/v1/messages')) return 'messages';
  if (url.startsWith('/v1/intents')) return 'intents';
  if (url.startsWith('/v1/auth')) return 'auth';
  if (url === '/v1/stream' || url === '/v1/ws') return 'streams';
  if (url.startsWith('/v1/webhooks')) return 'webhooks';
  return 'relay';
}

const TAGS = [
  { name: 'messages', description: 'Submitting and reading signed messages.' },
  { name: 'intents', description: 'Querying public intents and reading threads.' },
  { name: 'auth', description: 'Challenge-response authentication and access tokens (spec/auth.md).' },
  { name: 'streams', description: 'Live streams: server-sent events and WebSocket.' },
  { name: 'webhooks', description: 'Registering webhook endpoints and following their deliveries.' },
  { name: 'relay', description: 'Discovery, health, metrics and this document.' },
];

/** What a response with this status means, where the route does not say. */
function describeStatus(status: string): string {
  if (status === '4XX') return 'Refused: the error body names the code (spec/errors.md).';
  if (status === '5XX') return 'The relay failed or is unavailable: the error body names the code.';
  if (status === '201') return 'Created.';
  return 'Success.';
}

export interface OpenApiOptions {
  /** Serve the browsable page at `/docs` as well. Default true. */
  ui?: boolean;
  /** The batch size the `Batch` schema allows. */
  maxBatch: number;
}

/**
 * Registers the OpenAPI document and its page. Call it before the routes are registered: it collects them
 * as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  const components = specComponents(options.maxBatch);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Intentcast relay',
        version: SOFTWARE.version,
        description:
          'The HTTP interface of an Intentcast relay. The normative text is spec/relay-api.md; message formats are the JSON Schemas of spec/schemas, included here as components.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'An access token from POST /v1/auth/token (spec/auth.md).',
          },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const documented = withRefs(schema ?? {}) as Schema;
      if (route.config?.messageBody) documented.body = { oneOf: [ref('Message'), ref('Batch')] };
      // @fastify/websocket hides its routes; the relay's WebSocket stream is part of its API.
      if ((route as { websocket?: boolean }).websocket) {
        delete documented.hide;
        documented.summary ??= 'The WebSocket stream';
        documented.description ??=
          'Upgrades to a WebSocket that carries subscriptions to public intents and the mailbox (spec/streams.md).';
        documented.response ??= {
          101: { description: 'Switching Protocols: the connection is now a WebSocket.', type: 'null' },
          '4xx': ref('Error'),
        };
      }
      documented.tags ??= [tagOf(url)];
      const query = documented.querystring as { properties?: Schema } | undefined;
      // Routes that read the caller take a token in the header or in `?token=`; it is always optional.
      if (query?.properties?.token !== undefined) documented.security ??= [{}, { bearer: [] }];
      return { schema: documented, url };
    },
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
      const document = documentObject.openapiObject as {
        components?: { schemas?: Record<string, unknown> };
        paths?: Record<string, Record<string, { responses?: Record<string, { description?: string }> }>>;
      };
      for (const item of Object.values(document.paths ?? {})) {
        for (const operation of Object.values(item)) {
          for (const [status, response] of Object.entries(operation.responses ?? {})) {
            if (response.description === 'Default Response') response.description = describeStatus(status);
          }
        }
      }
      document.components ??= {};
      // Added last, as they are: the spec's schemas are already JSON Schema 2020-12, OpenAPI 3.1's dialect.
      document.components.schemas = { ...document.components.schemas, ...components };
      return documentObject.openapiObject;
    },
  });

  app.get(
    '/openapi.json',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'This OpenAPI document',
        description: 'The OpenAPI 3.1 description of every route of this relay.',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => app.swagger(),
  );

  if (options.ui !== false) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { deepLinking: true, defaultModelsExpandDepth: 0 },
      theme: { title: 'Intentcast relay API' },
      // Everything the page loads comes from the relay itself.
      staticCSP:
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'",
    });
  }
}
