import type { Failure } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import type { MessagesBody } from '../body.js';
import { categoryMatches } from '../filter.js';
import type { RawMessage } from '../ingest/ingest.js';

/**
 * A relay may serve only some categories: an intent in any other is refused with ERR_BAD_REQUEST at
 * `/body/what/category`, alone (in a batch, the other messages go on). Offers, replies and the rest follow
 * their intent, so only intents are checked.
 */

/**
 * True when `category` is accepted: it is, or is a dotted child of, an allowed name, or equals an allowed
 * URI.
 *
 * @example
 * categoryAllowed(['lodging'], 'lodging.hotel'); // true
 * categoryAllowed(['lodging'], 'travel.flight'); // false
 */
export function categoryAllowed(allowed: readonly string[], category: string): boolean {
  return allowed.some((prefix) => categoryMatches(prefix, category));
}

function refusal(allowed: readonly string[], category: string): Failure {
  const list = allowed.length > 5 ? `${allowed.slice(0, 5).join(', ')}, ...` : allowed.join(', ');
  return {
    ok: false,
    code: 'ERR_BAD_REQUEST',
    message: `this relay does not accept intents in category ${JSON.stringify(category.slice(0, 256))}; it accepts ${list}`,
    path: '/body/what/category',
  };
}

function judge(allowed: readonly string[], item: RawMessage): RawMessage {
  if (!('value' in item)) return item;
  const value = item.value as { type?: unknown; body?: { what?: { category?: unknown } } } | null;
  const category = value?.type === 'intent' ? value.body?.what?.category : undefined;
  // A category that is not a string is for schema validation to refuse, with its own code.
  if (typeof category !== 'string' || categoryAllowed(allowed, category)) return item;
  return { text: item.text, error: refusal(allowed, category) };
}

/**
 * Refuses intents outside `allowed` on the routes that take messages, before they are verified: a
 * message refused for its category costs no signature check.
 */
export function installCategoryPolicy(app: FastifyInstance, allowed: readonly string[]): void {
  if (allowed.length === 0) return;
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.config.messageBody) return;
    const body = request.body as MessagesBody;
    request.body = body.batch
      ? { batch: true, items: body.items.map((item) => judge(allowed, item)) }
      : { batch: false, item: judge(allowed, body.item) };
  });
}
