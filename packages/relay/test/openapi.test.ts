import { SCHEMAS } from '@intentcast/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHub, streamPlugin } from '../src/stream/index.js';
import { intentBody, make, startRelay, stopRelay, T0, type TestRelay } from './relay-fixtures.js';

/**
 * The OpenAPI document: valid OpenAPI 3.1 in structure, every reference resolving inside it, every route
 * of the relay described with its methods, and the message schemas of spec/schemas present once each, as
 * components, validating messages as core does.
 */

type Json = Record<string, unknown>;

let relay: TestRelay;
let doc: Json;

beforeAll(async () => {
  const hub = createHub();
  relay = await startRelay({ hub, plugins: [streamPlugin({ hub })], cors: { origins: ['*'] } });
  const res = await relay.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => stopRelay(relay));

/** Every route Fastify serves, from its route tree: path (OpenAPI form) and methods. */
function servedRoutes(app: FastifyInstance): Map<string, Set<string>> {
  const routes = new Map<string, Set<string>>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    if (!match[3]) continue;
    const methods = match[3].split(', ');
    // The tree prints a wildcard without the prefix it hangs from; the other paths are checked as read.
    if (!path.includes('*')) {
      for (const method of methods)
        expect(app.hasRoute({ method, url: path }), `${method} ${path}`).toBe(true);
    }
    routes.set(path.replace(/:([A-Za-z]+)/g, '{$1}'), new Set(methods));
  }
  return routes;
}

function* walk(node: unknown, path = '#'): Generator<[string, Json]> {
  if (typeof node !== 'object' || node === null) return;
  yield [path, node as Json];
  for (const [key, value] of Object.entries(node)) yield* walk(value, `${path}/${key}`);
}

function resolvePointer(pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], doc);
}

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('structure', () => {
  test('is OpenAPI 3.1 with info, tags, a bearer scheme and paths', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Intentcast relay', version: expect.any(String) });
    expect(doc.components).toMatchObject({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } });
    const tags = new Set((doc.tags as { name: string }[]).map((t) => t.name));
    for (const item of Object.values(doc.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        expect(OPERATIONS).toContain(method);
        for (const tag of (operation as { tags: string[] }).tags) expect(tags).toContain(tag);
      }
    }
  });

  test('every operation has responses with descriptions, and declares each path parameter', () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      expect(path.startsWith('/')).toBe(true);
      const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item as Json)) {
        const operation = op as {
          responses: Json;
          parameters?: { in: string; name: string; required: boolean }[];
        };
        expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const response of Object.values(operation.responses)) {
          expect(typeof (response as { description?: unknown }).description).toBe('string');
        }
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual([...params].sort());
        for (const p of declared) expect(p.required).toBe(true);
      }
    }
  });

  test('every $ref points inside the document, at something that exists', () => {
    let refs = 0;
    for (const [at, node] of walk(doc)) {
      if (typeof node.$ref !== 'string') continue;
      refs++;
      expect(node.$ref, at).toMatch(/^#\//);
      expect(resolvePointer(node.$ref), `${at}: ${node.$ref}`).toBeDefined();
    }
    expect(refs).toBeGreaterThan(50);
  });

  test('no schema changes its base URI or dialect ($id, $schema), which would move its references', () => {
    for (const [at, node] of walk(doc)) {
      expect(Object.hasOwn(node, '$id'), at).toBe(false);
      expect(Object.hasOwn(node, '$schema'), at).toBe(false);
    }
  });
});

describe('coverage', () => {
  test('every route the relay serves is in the document with its methods; only the docs page is hidden', () => {
    const served = servedRoutes(relay.app);
    const paths = doc.paths as Record<string, Json>;
    const hidden: string[] = [];
    for (const [path, methods] of served) {
      for (const method of methods) {
        // HEAD mirrors GET, which is documented.
        if (method === 'HEAD') {
          expect(methods.has('GET'), path).toBe(true);
          continue;
        }
        if (paths[path]?.[method.toLowerCase()] === undefined) hidden.push(`${method} ${path}`);
      }
    }
    expect(hidden.filter((route) => !/^GET \/docs(\/|$)/.test(route)).sort()).toEqual([
      // The CORS preflight answers every path.
      'OPTIONS *',
    ]);
    for (const route of [
      'POST /v1/messages',
      'GET /v1/stream',
      'GET /v1/ws',
      'GET /metrics',
      'GET /openapi.json',
    ]) {
      const [method, path] = route.split(' ');
      expect(paths[path!]?.[method!.toLowerCase()], route).toBeDefined();
    }
    expect(served.size).toBeGreaterThan(15);
  });

  test('routes that read the caller accept the bearer token, optionally', () => {
    const paths = doc.paths as Record<string, Record<string, { security?: unknown }>>;
    expect(paths['/v1/messages/{id}']!.get!.security).toEqual([{}, { bearer: [] }]);
    expect(paths['/v1/intents/{id}/thread']!.get!.security).toEqual([{}, { bearer: [] }]);
  });
});

describe('message schemas', () => {
  const schemas = () => (doc.components as { schemas: Record<string, Json> }).schemas;

  test('the spec schemas are components, each once, referenced rather than copied', () => {
    for (const name of ['Envelope', 'Intent', 'Offer', 'Reply', 'Withdraw', 'Confirm', 'SealedContent']) {
      expect(schemas()[name], name).toBeDefined();
    }
    const text = JSON.stringify(doc);
    expect(text.split(JSON.stringify(SCHEMAS.intent.description)).length - 1).toBe(1);
    expect(schemas().Category).toEqual(SCHEMAS.defs.$defs.category);
    expect(schemas().Intent!.allOf).toEqual([{ $ref: '#/components/schemas/Envelope' }]);
    const messages = doc.paths as Record<string, Record<string, Json>>;
    const body = messages['/v1/messages']!.post!.requestBody as Json;
    expect(body).toMatchObject({
      content: {
        'application/json': {
          schema: {
            oneOf: [{ $ref: '#/components/schemas/Message' }, { $ref: '#/components/schemas/Batch' }],
          },
        },
      },
    });
    const read = JSON.stringify(messages['/v1/messages/{id}']!.get!.responses);
    expect(read).toContain('"#/components/schemas/Message"');
    expect(read).toContain('"#/components/schemas/Error"');
  });

  test('the components validate messages as core does', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addKeyword('discriminator');
    ajv.addSchema({ $id: 'https://relay.test/openapi.json', components: doc.components });
    const validate = ajv.getSchema('https://relay.test/openapi.json#/components/schemas/Message')!;
    const intent = make.intent({ at: T0 }, intentBody());
    const offer = make.offer({ at: T0 }, intent);
    expect(validate(intent), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(offer), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...intent, extra: 1 })).toBe(false);
    expect(
      validate({ ...intent, body: { ...intent.body, what: { ...intent.body.what, category: 'Nope' } } }),
    ).toBe(false);
  });
});

describe('the docs page', () => {
  test('is served from the relay, loading nothing from elsewhere', async () => {
    const page = await relay.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(2);
    for (const source of sources) expect(source, source).toMatch(/^\.\/static\//);
    const script = await relay.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(script.statusCode).toBe(200);
    const init = await relay.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(init.body).toContain("resolveUrl('./json')");
    expect(init.body).toContain('validatorUrl: null');
  });

  test('docs: false serves neither the document nor the page', async () => {
    const bare = await startRelay({ docs: false });
    try {
      expect((await bare.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(404);
      expect((await bare.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(404);
    } finally {
      await stopRelay(bare);
    }
  });
});
