import { applyToThread, foldThread, LIMITS, type Message, type Offer } from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { kit, unwrap, VENDOR_A } from './lifecycle-fixtures.js';

/**
 * spec/lifecycle.md: a negotiation holds at most LIMITS.maxNegotiationMessages messages, its first offer
 * included. Revised offers, counters and questions stop two places short, so an accept and the message that
 * settles it always fit.
 */
describe('the length of a negotiation', () => {
  const most = LIMITS.maxNegotiationMessages;
  const k = kit();
  const intent = k.intent();
  // A vendor revising its own offer, with no answer: the longest chain anyone can grow alone.
  const chain: Offer[] = [k.offer(intent, VENDOR_A)];
  while (chain.length < most - 2) chain.push(k.offer(chain.at(-1)!, VENDOR_A));
  const snapshot = unwrap(foldThread(intent, chain));
  const last = chain.at(-1)!;
  const tooLong = {
    ok: false,
    code: 'ERR_LIFECYCLE_TOO_LONG',
    message: `the negotiation holds ${most - 2} messages; it takes no more than ${most - 2} before its accept`,
  };

  it(`is ${most} messages`, () => {
    expect(most).toBe(64);
    expect(snapshot.negotiations.get(chain[0]!.id)?.length).toBe(most - 2);
  });

  it('refuses a revised offer, a counter or a question once it holds 62 messages', () => {
    expect(applyToThread(snapshot, k.offer(last, VENDOR_A))).toEqual(tooLong);
    expect(applyToThread(snapshot, k.counter(last))).toEqual(tooLong);
    expect(applyToThread(snapshot, k.question(last))).toEqual(tooLong);
  });

  it('still takes an accept and its confirm, which fill the last two places', () => {
    const accept = k.accept(last);
    const confirm = k.confirm(accept, VENDOR_A);
    const closed = unwrap(foldThread(intent, [...chain, accept, confirm]));
    expect(closed.negotiations.get(chain[0]!.id)).toMatchObject({ status: 'confirmed', length: most });
  });

  it('still takes a decline or a withdrawal, and a withdrawal after an accept', () => {
    expect(applyToThread(snapshot, k.decline(last))).toMatchObject({ ok: true });
    expect(applyToThread(snapshot, k.withdraw(last, VENDOR_A))).toMatchObject({ ok: true });
    const accept = k.accept(last);
    const withdrawn = unwrap(foldThread(intent, [...chain, accept, k.withdraw(last, VENDOR_A)]));
    expect(withdrawn.negotiations.get(chain[0]!.id)).toMatchObject({ status: 'withdrawn', length: most });
  });

  it("counts the buyer's messages too: a revision after a counter at place 61 is the last", () => {
    const shorter: Message[] = chain.slice(0, most - 4);
    const counter = k.counter(shorter.at(-1)!);
    const countered = unwrap(foldThread(intent, [...shorter, counter]));
    expect(countered.negotiations.get(chain[0]!.id)?.length).toBe(most - 3);
    const revised = k.offer(counter, VENDOR_A);
    const atLimit = unwrap(applyToThread(countered, revised));
    expect(atLimit.negotiations.get(chain[0]!.id)?.length).toBe(most - 2);
    expect(applyToThread(atLimit, k.counter(revised))).toMatchObject({ code: 'ERR_LIFECYCLE_TOO_LONG' });
  });

  it('is checked after the state of the negotiation, and before its terms', () => {
    const decline = k.decline(last);
    const declined = unwrap(applyToThread(snapshot, decline));
    expect(applyToThread(declined, k.raw('offer', decline, last.body, VENDOR_A))).toMatchObject({
      code: 'ERR_LIFECYCLE_STATE',
    });
    const foreign = k.offer(last, VENDOR_A, {
      terms: { uri: 'https://vendor.example/own', sha256: 'd4'.repeat(32) },
    });
    expect(applyToThread(snapshot, foreign)).toMatchObject({ code: 'ERR_LIFECYCLE_TOO_LONG' });
  });
});
