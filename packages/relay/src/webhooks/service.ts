import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { StoredEvent } from '../events.js';
import type { NewRecord, Store } from '../store/store.js';
import { systemResolve } from './address.js';
import type { WebhookContext } from './context.js';
import { registerDeliveryRoutes } from './delivery-routes.js';
import { createDeliveryAgent } from './dispatcher.js';
import { registerEndpointRoutes } from './endpoint-routes.js';
import { newDeliveryId } from './ids.js';
import { resolveWebhookOptions, type WebhookOptions } from './options.js';
import { outboxCommit } from './outbox.js';
import { EndpointRouter } from './router.js';
import type { OutboxStats } from './store.js';
import { DeliveryWorker, type WorkerEvents } from './worker.js';

/** What the relay's operators (metrics, logs) can read of webhooks: `relay.webhooks`. */
export interface WebhookService {
  /** Endpoint and outbox counts from the store, with the worker's present load. */
  stats(): Promise<OutboxStats & { inFlight: number; waiting: number; routedEndpoints: number }>;
  /** Listens to the worker: `attempt` after every attempt, `disabled` when an endpoint is disabled. */
  on<E extends keyof WorkerEvents>(event: E, listener: (...args: WorkerEvents[E]) => void): void;
  off<E extends keyof WorkerEvents>(event: E, listener: (...args: WorkerEvents[E]) => void): void;
  /** Runs the periodic work now: queues `intent.expired` deliveries, prunes history, finds pending work. */
  runMaintenance(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Webhooks (spec/relay-webhooks.md), when the store has them and they are not turned off. */
    webhooks: WebhookService | null;
  }
}

export interface Webhooks {
  /** Wraps the ingest path's commits: writes each message's deliveries in its transaction (outbox.ts). */
  commitWith(
    records: NewRecord[],
    commit: (records: readonly NewRecord[]) => Promise<StoredEvent[]>,
  ): Promise<StoredEvent[]>;
  /** Adds the routes, the `webhooks` decoration, and the worker's start (on ready) and stop (on close). */
  register(app: FastifyInstance): void;
}

/**
 * Sets up webhooks for a relay over its store: the in-memory endpoint index, the outbox commit, the
 * delivery worker and the routes. Undefined when the options turn webhooks off or the store has no
 * webhook tables.
 *
 * @example
 * const webhooks = await setupWebhooks({ store, clock, log: app.log, options: { allowHttpTargets: true } });
 * const ingestor = new Ingestor({ ..., commitWith: webhooks?.commitWith });
 * webhooks?.register(app);
 */
export async function setupWebhooks(input: {
  store: Store;
  clock: () => number;
  log: FastifyBaseLogger;
  options?: WebhookOptions;
}): Promise<Webhooks | undefined> {
  const options = resolveWebhookOptions(input.options);
  const store = input.store.webhooks;
  if (!options.enabled || store === undefined) return undefined;
  const { clock, log } = input;
  const resolve = options.resolve ?? systemResolve;
  const router = new EndpointRouter(newDeliveryId);
  for (const endpoint of await store.enabledEndpoints()) {
    try {
      router.set(endpoint);
    } catch (err) {
      log.error(
        { err, endpoint: endpoint.id },
        'webhooks: a stored endpoint has a filter this relay refuses',
      );
    }
  }
  const agent = options.dispatcher
    ? undefined
    : createDeliveryAgent({
        resolve,
        allowPrivateTargets: options.allowPrivateTargets,
        timeoutMs: options.timeoutMs,
      });
  const dispatcher = options.dispatcher ?? agent!;
  const worker = new DeliveryWorker({ store, router, clock, options, dispatcher, log, newId: newDeliveryId });
  const ctx: WebhookContext = {
    store,
    router,
    worker,
    options,
    clock,
    policy: {
      allowPrivateTargets: options.allowPrivateTargets,
      allowHttpTargets: options.allowHttpTargets,
      resolve,
    },
  };
  const service: WebhookService = {
    stats: async () => ({
      ...(await store.outboxStats()),
      inFlight: worker.inFlight,
      waiting: worker.waiting,
      routedEndpoints: router.size,
    }),
    on: (event, listener) => {
      worker.on(event, listener as never);
    },
    off: (event, listener) => {
      worker.off(event, listener as never);
    },
    runMaintenance: () => worker.runMaintenance(),
  };

  return {
    commitWith: outboxCommit(router, (endpoints) => worker.wake(endpoints)),
    register(app) {
      app.decorate('webhooks', service);
      registerEndpointRoutes(app, ctx);
      registerDeliveryRoutes(app, ctx);
      app.addHook('onReady', () => worker.start());
      app.addHook('onClose', async () => {
        await worker.stop();
        await agent?.close();
      });
    },
  };
}
