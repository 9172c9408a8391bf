/** Hotels run with the SDK inside the test process, for the buyer example to negotiate with. */
import type { Intent, Offer, Reply } from '@intentcast/core';
import { MemoryKeystore, type Received, Vendor } from '../../packages/client/src/index.js';

export const NOSTALKING = 'https://customercommons.org/terms/nostalking';
export const EUR = (amount: string) => ({ amount, currency: 'EUR' });

/** What a hotel does with a counter. */
export type OnCounter = 'revise' | 'withdraw' | 'ignore';

export interface Hotel {
  intents: Received<Intent>[];
  replies: Received<Reply>[];
  close(): Promise<void>;
}

/**
 * A hotel that offers `price` on every lodging intent (sealed unless `sealPrice` is false), answers a
 * counter as told, and confirms an accept with the reference `<name>-1`.
 */
export function hotel(
  relay: string,
  name: string,
  price: string,
  options: { onCounter?: OnCounter; sealPrice?: boolean } = {},
): Hotel {
  const { onCounter = 'revise', sealPrice = true } = options;
  const controller = new AbortController();
  const { signal } = controller;
  const vendor = new Vendor({
    relays: [relay],
    keystore: new MemoryKeystore(),
    profile: { name },
    policy: { acceptsTerms: (terms) => terms.uri === NOSTALKING },
    backoff: { initialMs: 100, maxMs: 1_000 },
  });
  const intents: Received<Intent>[] = [];
  const replies: Received<Reply>[] = [];
  const offers = new Map<string, Offer>();
  const offering = async () => {
    for await (const intent of vendor.intents({ category: 'lodging' }, { signal })) {
      intents.push(intent);
      const input = { price: EUR(price), description: `${name}, double room`, quantity: 1, sealPrice };
      offers.set(intent.id, (await vendor.offer(intent, input)).message);
    }
  };
  const answering = async () => {
    for await (const reply of vendor.replies({ signal })) {
      replies.push(reply);
      if (reply.body.decision === 'accept') await vendor.confirm(reply, { reference: `${name}-1` });
      if (reply.body.decision !== 'counter' || onCounter === 'ignore') continue;
      if (onCounter === 'withdraw') await vendor.withdraw(offers.get(reply.thread)!, { reason: 'price' });
      else await vendor.revise(reply, { price: reply.opened?.counter?.price ?? EUR(price) });
    }
  };
  const running = Promise.all([offering(), answering()]);
  return {
    intents,
    replies,
    async close() {
      controller.abort();
      await running;
      await vendor.close();
    },
  };
}
