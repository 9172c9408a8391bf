import { type Ed25519Backend, type Ed25519Jwk, IntentcastError, jwkFromKeyPair } from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Authenticate, createAuthenticator } from './auth/authenticate.js';
import { ChallengeBook } from './auth/challenges.js';
import { TokenService } from './auth/tokens.js';
import { decodeBody, parseJsonBody, parseMessagesBody } from './body.js';
import { installOperatorFeatures } from './config/features.js';
import { relayLoggerOptions, requestIdGenerator } from './config/logging.js';
import { installErrorHandling, sendError } from './errors.js';
import { relayIdentity } from './identity.js';
import { inlineCrypto } from './ingest/crypto.js';
import { workerCrypto } from './ingest/crypto-pool.js';
import { Ingestor } from './ingest/ingest.js';
import {
  type RelayLimits,
  type RelayOptions,
  resolveLimits,
  resolveRetention,
  type StreamHub,
} from './options.js';
import { registerRateLimit } from './rate-limit.js';
import { RetentionJob } from './retention.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerIntentRoutes } from './routes/intents.js';
import { registerMessageRoutes } from './routes/messages.js';
import { registerStatsRoute } from './routes/stats.js';
import { registerThreadRoute } from './routes/thread.js';
import { registerWellKnownRoute } from './routes/well-known.js';
import type { Store } from './store/store.js';
import { setupWebhooks } from './webhooks/service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The relay's store; also the EventSource streams replay from. */
    store: Store;
    /** The caller's did:key from a Bearer token or `?token=`; undefined without one; ERR_AUTH_INVALID for a bad one. */
    authenticate: Authenticate;
    limits: RelayLimits;
    /** The live-stream hub, when one was given. */
    hub: StreamHub | null;
    /** The relay's clock, epoch milliseconds. */
    clock: () => number;
    /** The relay's did:key. */
    relayDid: string;
    /** The relay's public key as a JWK. */
    relayJwk: Ed25519Jwk;
    /** The Ed25519 implementation the relay verifies with. */
    backend: Ed25519Backend;
    /** Runs the retention purge now; resolves with how many threads were deleted. */
    purgeExpired(): Promise<number>;
  }
  interface FastifyContextConfig {
    /** The route takes `POST /v1/messages` bodies (one message or a batch), split before parsing. */
    messageBody?: boolean;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SHUTDOWN_REASON = 'the relay is shutting down';

/**
 * Builds a relay: a Fastify instance with every route of spec/relay-api.md, not yet listening. The store,
 * key, clock, verifier, logger, limits, key policy and stream hub are passed in; nothing is global, so
 * several relays can live in one process (as tests do).
 *
 * Closing the relay (`await relay.close()`) stops new requests (503 ERR_UNAVAILABLE), closes the stream
 * hub with a reason, lets requests in flight finish and their commits complete, and stops the retention
 * job. The store stays open: whoever opened it closes it.
 *
 * @example
 * const store = openSqliteStore('./data/relay.sqlite');
 * const relay = await buildRelay({ store, key: generateKeyPair() });
 * await relay.listen({ port: 8787, host: '127.0.0.1' });
 */
export async function buildRelay(options: RelayOptions): Promise<FastifyInstance> {
  const limits = resolveLimits(options.limits);
  const retention = resolveRetention(options.retention);
  const clock = options.clock ?? Date.now;
  const backend = options.backend ?? createNodeBackend();
  const identity = relayIdentity(options.key, backend);
  const tokens = await TokenService.create({
    relay: identity.did,
    publicJwk: identity.publicJwk,
    secretJwk: jwkFromKeyPair(options.key),
    ttlMs: limits.tokenTtlMs,
  });
  const challenges = new ChallengeBook({ ttlMs: limits.challengeTtlMs, max: limits.maxChallenges });
  const authenticate = createAuthenticator(tokens, clock);

  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: relayLoggerOptions(options.logger) }),
    genReqId: requestIdGenerator(options.trustProxy),
    bodyLimit: limits.bodyLimit,
    trustProxy: options.trustProxy ?? false,
    // Requests that arrive while closing get the relay's own 503, from the hook below.
    return503OnClosing: false,
    // Unknown query parameters are refused (a misspelt filter must not silently match everything).
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: (err, request, reply) => {
      sendError(err, request, reply);
    },
  });

  app.decorate('store', options.store);
  app.decorate('authenticate', authenticate);
  app.decorate('limits', limits);
  app.decorate('hub', options.hub ?? null);
  app.decorate('clock', clock);
  app.decorate('relayDid', identity.did);
  app.decorate('relayJwk', identity.publicJwk);
  app.decorate('backend', backend);

  installErrorHandling(app);
  // Before any route: the OpenAPI document and the metrics hooks must see every route.
  const operatorHooks = await installOperatorFeatures(app, options);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: limits.bodyLimit },
    async (request: { routeOptions: { config: { messageBody?: boolean } } }, body: Buffer) => {
      const text = decodeBody(body);
      return request.routeOptions.config.messageBody
        ? parseMessagesBody(text, limits.maxBatch)
        : parseJsonBody(text);
    },
  );

  let shuttingDown = false;
  app.addHook('onRequest', async () => {
    if (shuttingDown) throw new IntentcastError('ERR_UNAVAILABLE', SHUTDOWN_REASON);
  });
  // While closing, every response ends its connection, so idle keep-alive clients do not hold up the close.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  await registerRateLimit(app, limits, authenticate);

  const webhooks = await setupWebhooks({
    store: options.store,
    clock,
    log: app.log,
    options: options.webhooks,
  });
  const crypto =
    (options.cryptoWorkers ?? 0) > 0
      ? workerCrypto({
          workers: options.cryptoWorkers!,
          key: options.key,
          identity,
          backend,
          onFault: (err) =>
            app.log.error({ err }, 'an ingest crypto worker failed; the event loop does its work'),
        })
      : inlineCrypto(identity, backend);
  const ingestor = new Ingestor({
    commitWith: webhooks?.commitWith,
    store: options.store,
    crypto,
    clock,
    keyPolicy: options.keyPolicy,
    threadCacheSize: limits.threadCacheSize,
    maxCommitBatch: limits.maxCommitBatch,
    publish: (event) => {
      operatorHooks.committed(event);
      options.hub?.publish(event);
    },
    onFault: (err) => app.log.error({ err }, 'storing or publishing a message failed'),
  });
  const retentionJob = new RetentionJob({
    intervalMs: retention.intervalMs,
    purge: () => ingestor.purge(clock() - retention.days * DAY_MS),
    log: app.log,
  });
  app.decorate('purgeExpired', () => retentionJob.run());

  registerMessageRoutes(app, ingestor);
  registerIntentRoutes(app);
  registerThreadRoute(app);
  registerAuthRoutes(app, { challenges, tokens });
  registerWellKnownRoute(app, { retention, operator: options.operator });
  registerHealthRoutes(app, () => shuttingDown);
  registerStatsRoute(app);
  if (webhooks) webhooks.register(app);
  else app.decorate('webhooks', null);
  for (const plugin of options.plugins ?? []) await app.register(plugin);

  app.addHook('onReady', async () => {
    retentionJob.start();
  });
  app.addHook('preClose', async () => {
    shuttingDown = true;
    // Streams never end on their own; closing them lets the server's connections drain.
    options.hub?.close(SHUTDOWN_REASON);
  });
  app.addHook('onClose', async () => {
    await retentionJob.stop();
    await ingestor.flush();
    await crypto.close();
  });
  return app;
}
