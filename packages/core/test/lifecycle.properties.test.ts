import {
  applyToThread,
  assertApplies,
  type Decision,
  ERROR_CODES,
  type ErrorCode,
  foldThread,
  type Message,
  type Negotiation,
  type Offer,
  type Reply,
  type Result,
  startThread,
  type ThreadSnapshot,
  threadState,
} from '@intentcast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUYER,
  DAY,
  didOf,
  HOUR,
  type Kit,
  kit,
  NOW,
  STRANGER,
  TERMS_A,
  TERMS_B,
  TERMS_FOREIGN,
  unwrap,
  VENDOR_A,
  VENDOR_B,
  VENDOR_C,
} from './lifecycle-fixtures.js';

/**
 * Random threads built from a small alphabet of actions. Each action names who speaks and what it answers,
 * chosen so that legal steps are common and illegal ones (wrong author, stale ref, wrong type, duplicates,
 * messages of another thread, late messages) are mixed in.
 */
type Who = 'buyer' | 'owner' | 'A' | 'B' | 'C';
/** What the message answers: the intent, or the head, latest offer or accept of a negotiation, or anything. */
type Target = 'intent' | 'head' | 'latestOffer' | 'accept' | 'any';

type Action =
  | { kind: 'offer'; who: Who; target: Target; pick: number; quantity: number; terms: number; wait: number }
  | { kind: 'reply'; who: Who; target: Target; pick: number; decision: Decision; fair: boolean; wait: number }
  | { kind: 'withdraw'; who: Who; target: Target; pick: number; wait: number }
  | { kind: 'confirm'; who: Who; target: Target; pick: number; wait: number }
  /** An earlier message once more. */
  | { kind: 'again'; pick: number; wait: number }
  /** A message of another thread. */
  | { kind: 'foreign'; pick: number; wait: number }
  /** The move a well-behaved party would make next in a negotiation, or a new vendor's first offer. */
  | { kind: 'next'; pick: number; decision: Decision; quantity: number; wait: number };

const wait = fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, HOUR, HOUR, 13 * HOUR, 2 * DAY);
const pick = fc.nat({ max: 50 });

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('next' as const),
      pick,
      decision: fc.constantFrom<Decision>('accept', 'accept', 'accept', 'decline', 'counter', 'question'),
      quantity: fc.constantFrom(1, 1, 1, 2),
      wait,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('offer' as const),
      who: fc.constantFrom<Who>('A', 'B', 'C', 'owner', 'owner', 'buyer'),
      target: fc.constantFrom<Target>('intent', 'intent', 'head', 'head', 'latestOffer', 'any'),
      pick,
      quantity: fc.constantFrom(1, 1, 1, 2, 3),
      terms: fc.constantFrom(0, 0, 1, 2),
      wait,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('reply' as const),
      who: fc.constantFrom<Who>('buyer', 'buyer', 'buyer', 'owner'),
      target: fc.constantFrom<Target>('head', 'head', 'latestOffer', 'latestOffer', 'any', 'intent'),
      pick,
      decision: fc.constantFrom<Decision>('accept', 'accept', 'decline', 'counter', 'question'),
      fair: fc.boolean(),
      wait,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      who: fc.constantFrom<Who>('owner', 'owner', 'buyer', 'buyer', 'A'),
      target: fc.constantFrom<Target>('latestOffer', 'latestOffer', 'intent', 'head', 'any'),
      pick,
      wait,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('confirm' as const),
      who: fc.constantFrom<Who>('owner', 'owner', 'owner', 'buyer', 'A'),
      target: fc.constantFrom<Target>('accept', 'accept', 'accept', 'head', 'any'),
      pick,
      wait,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('again' as const, 'foreign' as const), pick, wait }),
  },
);

const scenario = fc.record({
  quantity: fc.constantFrom(1, 2, 2, 3),
  offerCap: fc.constantFrom(1, 2, 3, 3),
  actions: fc.array(action, { minLength: 4, maxLength: 20 }),
});

const KEYS: Record<Exclude<Who, 'owner'>, Uint8Array> = {
  buyer: BUYER,
  A: VENDOR_A,
  B: VENDOR_B,
  C: VENDOR_C,
};
const KEY_BY_DID = new Map(Object.values(KEYS).map((key) => [didOf(key), key]));
const FINISHED: readonly string[] = ['withdrawn', 'closed'];

/** What the runs did, so the generator is known to reach the interesting states. */
const seen = { accepted: 0, confirmed: 0, codes: new Map<ErrorCode, number>() };

interface Run {
  k: Kit;
  other: Message;
  pool: Message[];
  byId: Map<string, Message>;
}

/** Builds the message an action describes, against the thread as it stands. */
function messageFor(run: Run, snapshot: ThreadSnapshot, act: Action, now: number): Message {
  const { k, pool } = run;
  if (act.kind === 'again') return pool[act.pick % pool.length] as Message;
  if (act.kind === 'foreign') return k.offer(run.other, VENDOR_A, { at: now });
  const negotiations = [...snapshot.negotiations.values()];
  const negotiation: Negotiation | undefined = negotiations[act.pick % Math.max(negotiations.length, 1)];
  if (act.kind === 'next') return nextMove(run, snapshot.intent, negotiation, act, now);
  const target = targetOf(run, snapshot, negotiation, act.target, act.pick);
  const key = act.who === 'owner' ? (KEY_BY_DID.get(negotiation?.vendor ?? '') ?? VENDOR_A) : KEYS[act.who];
  switch (act.kind) {
    case 'offer':
      return k.offer(target, key, {
        at: now,
        quantity: act.quantity,
        terms: [TERMS_A, TERMS_B, TERMS_FOREIGN][act.terms],
      });
    case 'reply': {
      const options = { at: now, by: key, ...(act.fair ? {} : { terms: TERMS_FOREIGN }) };
      if (act.decision === 'accept') return k.accept(target, options);
      if (act.decision === 'decline') return k.decline(target, options);
      return act.decision === 'counter' ? k.counter(target, options) : k.question(target, options);
    }
    case 'withdraw':
      return k.withdraw(target, key, { at: now });
    case 'confirm':
      return k.confirm(target, key, { at: now });
  }
}

function nextMove(
  run: Run,
  intent: Message,
  negotiation: Negotiation | undefined,
  act: Extract<Action, { kind: 'next' }>,
  now: number,
): Message {
  const { k } = run;
  const vendor = KEY_BY_DID.get(negotiation?.vendor ?? '') ?? VENDOR_A;
  const head = negotiation ? run.byId.get(negotiation.head) : undefined;
  if (!negotiation || !head || act.pick % 4 === 0) {
    const newcomer = [VENDOR_A, VENDOR_B, VENDOR_C][act.pick % 3] as Uint8Array;
    return k.offer(intent, newcomer, { at: now, quantity: act.quantity });
  }
  switch (negotiation.status) {
    case 'open': {
      const options = { at: now };
      if (act.decision === 'accept') return k.accept(head, options);
      if (act.decision === 'decline') return k.decline(head, options);
      return act.decision === 'counter' ? k.counter(head, options) : k.question(head, options);
    }
    case 'awaiting-vendor':
      return k.offer(head, vendor, { at: now, price: '140.00' });
    case 'accepted':
      return k.confirm(head, vendor, { at: now });
    default:
      return k.offer(intent, [VENDOR_A, VENDOR_B, VENDOR_C][act.pick % 3] as Uint8Array, { at: now });
  }
}

function targetOf(
  run: Run,
  snapshot: ThreadSnapshot,
  negotiation: Negotiation | undefined,
  target: Target,
  index: number,
): Message {
  const intent = snapshot.intent;
  if (target === 'any') return run.pool[index % run.pool.length] as Message;
  if (target === 'intent' || !negotiation) return intent;
  if (target === 'latestOffer') return negotiation.offer;
  const id = target === 'head' ? negotiation.head : (negotiation.accept ?? negotiation.head);
  return run.byId.get(id) ?? intent;
}

function isAccept(message: Message): boolean {
  return message.type === 'reply' && message.body.decision === 'accept';
}

/** Plays a scenario, checking the invariants after every step and the replay of what was taken at the end. */
function play(quantity: number, offerCap: number, actions: readonly Action[]): void {
  const k = kit();
  const intent = k.intent({ quantity, offerCap, expires: NOW + 5 * DAY });
  const run: Run = {
    k,
    other: k.intent({ by: STRANGER }),
    pool: [intent],
    byId: new Map([[intent.id, intent]]),
  };
  let snapshot = startThread(intent);
  let now = NOW;
  const taken: Message[] = [];
  const accepts = new Map<string, number>();

  for (const act of actions) {
    now += act.wait;
    const message = messageFor(run, snapshot, act, now);
    run.pool.push(message);
    run.byId.set(message.id, message);

    const frozen = structuredClone(snapshot);
    const stateBefore = threadState(snapshot, now);
    const result: Result<ThreadSnapshot> = applyToThread(snapshot, message, { now });

    // Pure: the input is untouched and the same step gives the same answer.
    expect(snapshot).toEqual(frozen);
    expect(applyToThread(snapshot, message, { now })).toEqual(result);

    if (!result.ok) {
      expect(ERROR_CODES).toContain(result.code);
      expect(result.code.startsWith('ERR_LIFECYCLE_')).toBe(true);
      expect(result.message).not.toBe('');
      seen.codes.set(result.code, (seen.codes.get(result.code) ?? 0) + 1);
      continue;
    }
    // Nothing is taken once the thread is withdrawn or closed.
    expect(FINISHED).not.toContain(stateBefore);

    const next = result.value;
    const dealt = [...next.negotiations.values()].filter(
      (n) => n.status === 'accepted' || n.status === 'confirmed',
    );
    expect(next.acceptedQuantity).toBeLessThanOrEqual(quantity);
    expect(next.acceptedQuantity).toBe(dealt.reduce((sum, n) => sum + n.offer.body.quantity, 0));
    expect(dealt.every((n) => n.accept !== undefined)).toBe(true);
    // The cap counts live negotiations; declined and withdrawn ones free their place.
    const all = [...next.negotiations.values()];
    const count = (...statuses: string[]) => all.filter((n) => statuses.includes(n.status)).length;
    expect(next.live).toBe(count('open', 'awaiting-vendor', 'accepted', 'confirmed'));
    expect(next.live).toBeLessThanOrEqual(offerCap);
    expect(next.unconfirmed).toBe(count('accepted'));
    expect(next.confirmed).toBe(count('confirmed'));
    expect(new Set(all.map((n) => n.vendor)).size).toBe(next.negotiations.size);
    expect(next.vendors.size).toBe(next.negotiations.size);

    if (isAccept(message)) {
      const owner = next.owner.get(message.id) as string;
      accepts.set(owner, (accepts.get(owner) ?? 0) + 1);
      expect(accepts.get(owner)).toBe(1);
      seen.accepted += 1;
    }
    if (message.type === 'confirm') seen.confirmed += 1;
    snapshot = next;
    taken.push(message);
  }

  // A relay replaying what it took, without a clock, gets the same thread back.
  const replayed = foldThread(intent, taken);
  expect(replayed).toEqual({ ok: true, value: snapshot });
}

describe('the lifecycle under random sequences of legal and illegal steps', () => {
  it('never throws, never accepts more than the intent asks for, and accepts each negotiation at most once', () => {
    fc.assert(
      fc.property(scenario, ({ quantity, offerCap, actions }) => play(quantity, offerCap, actions)),
      { numRuns: 100 },
    );
    // The property is only as good as the threads it explores: they must reach deals and refusals.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.confirmed).toBeGreaterThan(0);
    expect(seen.codes.size).toBeGreaterThanOrEqual(8);
  }, 120_000);
});

describe('quantity under accepts in any order', () => {
  const vendors = [VENDOR_A, VENDOR_B, VENDOR_C];
  const offersAndOrder = fc.record({
    quantity: fc.integer({ min: 1, max: 4 }),
    sizes: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
    order: fc.array(fc.constantFrom(0, 1, 2), { minLength: 1, maxLength: 5 }),
  });

  it('an accept is taken exactly when its offer fits what is left; the thread is accepted when full', () => {
    fc.assert(
      fc.property(offersAndOrder, ({ quantity, sizes, order }) => {
        const k = kit();
        const intent = k.intent({ quantity, offerCap: 3 });
        const offers = vendors.map((vendor, i) =>
          k.offer(intent, vendor, { quantity: 1 + ((sizes[i] as number) % quantity) }),
        );
        let snapshot = unwrap(foldThread(intent, offers, { now: NOW }));
        let left = quantity;
        const taken = new Map<number, Reply>();

        for (const i of order) {
          const offer = offers[i] as Offer;
          const accept = k.accept(offer);
          const result = applyToThread(snapshot, accept, { now: NOW });
          if (left === 0) {
            expect(result).toMatchObject({ ok: false, code: 'ERR_LIFECYCLE_ALREADY_ACCEPTED' });
          } else if (taken.has(i)) {
            expect(result).toMatchObject({ ok: false, code: 'ERR_LIFECYCLE_STATE' });
          } else if (offer.body.quantity > left) {
            expect(result).toEqual({
              ok: false,
              code: 'ERR_LIFECYCLE_QUANTITY',
              message: `the offer is for ${offer.body.quantity}; ${left} left`,
              path: '/ref',
            });
          } else {
            snapshot = unwrap(result);
            left -= offer.body.quantity;
            taken.set(i, accept);
          }
          expect(snapshot.acceptedQuantity).toBe(quantity - left);
          expect(threadState(snapshot, NOW)).toBe(left === 0 ? 'accepted' : 'open');
        }

        for (const [i, accept] of taken) {
          snapshot = assertApplies(snapshot, k.confirm(accept, vendors[i] as Uint8Array), { now: NOW });
        }
        expect(threadState(snapshot, NOW)).toBe(left === 0 ? 'closed' : 'open');
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
