import type { FastifyInstance } from 'fastify';
import type { StoredEvent } from '../events.js';
import { typeLabel } from '../metrics/metrics.js';
import { type MetricsOptions, registerMetrics } from '../metrics/plugin.js';
import { registerOpenApi } from '../openapi/plugin.js';
import { installCategoryPolicy } from './categories.js';
import { type CorsPolicy, registerCors } from './cors.js';
import { echoRequestId } from './logging.js';

/** The operator-facing parts of a relay, as `buildRelay` options. */
export interface OperatorOptions {
  /** Browser origins allowed to call the relay. No CORS headers unless given. */
  cors?: CorsPolicy;
  /** Categories the relay accepts intents in; every category unless given (config/categories.ts). */
  categories?: readonly string[];
  /** `GET /metrics` in the Prometheus format. On unless false. */
  metrics?: MetricsOptions | false;
  /** `GET /openapi.json` and the `/docs` page. Default true. */
  docs?: boolean;
}

/** What the relay tells the operator features as it runs. */
export interface OperatorHooks {
  /** Called for every committed message, in seq order. */
  committed(event: StoredEvent): void;
}

/**
 * Installs request ids, the OpenAPI document, CORS, metrics and the category policy. Call it after the
 * decorations and before any route: the document and the hooks must see every route.
 */
export async function installOperatorFeatures(
  app: FastifyInstance,
  options: OperatorOptions,
): Promise<OperatorHooks> {
  echoRequestId(app);
  if (options.docs !== false) await registerOpenApi(app, { maxBatch: app.limits.maxBatch });
  if (options.cors) await registerCors(app, options.cors);
  installCategoryPolicy(app, options.categories ?? []);
  if (options.metrics === false) return { committed: () => {} };
  const metrics = registerMetrics(app, options.metrics ?? {});
  return { committed: (event) => metrics.stored.inc({ type: typeLabel(event.message.type) }) };
}
