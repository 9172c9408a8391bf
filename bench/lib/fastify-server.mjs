/**
 * The bare-Fastify baseline, in its own process: one POST route that parses the JSON body (with Fastify's
 * default parser) and answers a small JSON echo. It is what any Fastify service pays per request, so the
 * relay's figure over it is the relay's own work.
 */
import Fastify from 'fastify';
import { serveChild } from './child.mjs';

serveChild(async () => {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.post('/echo', async (request, reply) => {
    reply.code(201);
    return { ok: true, id: request.body?.id ?? null };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  return {
    info: { origin: `http://127.0.0.1:${port}` },
    handlers: {
      stop: () => app.close(),
    },
  };
});
