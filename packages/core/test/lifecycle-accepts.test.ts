import {
  applyToThread,
  assertApplies,
  type Intent,
  type Message,
  startThread,
  type ThreadSnapshot,
  threadState,
} from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { BUYER, DAY, INTENT_EXPIRES, kit, NOW, VENDOR_A, VENDOR_B, VENDOR_C } from './lifecycle-fixtures.js';

/**
 * spec/lifecycle.md: an accept binds once it is confirmed. Until then the vendor may withdraw the accepted
 * offer and the buyer may withdraw the intent, so an accept the vendor never confirms cannot hold a thread,
 * or its quantity, for good.
 */

function receive(intent: Intent, messages: readonly Message[], now: number = NOW): ThreadSnapshot {
  let snapshot = startThread(intent);
  for (const message of messages) snapshot = assertApplies(snapshot, message, { now });
  return snapshot;
}

describe('the vendor withdraws an accepted offer it has not confirmed', () => {
  const k = kit();
  const intent = k.intent({ quantity: 2, offerCap: 2 });
  const a = k.offer(intent, VENDOR_A, { quantity: 2 });
  const acceptA = k.accept(a);
  const withdrawA = k.withdraw(a, VENDOR_A);

  it('ends the negotiation and releases its quantity', () => {
    const accepted = receive(intent, [a, acceptA]);
    expect(threadState(accepted, NOW)).toBe('accepted');
    const released = receive(intent, [a, acceptA, withdrawA]);
    expect(released.negotiations.get(a.id)).toMatchObject({
      head: withdrawA.id,
      status: 'withdrawn',
      accept: acceptA.id,
      length: 3,
    });
    expect(released).toMatchObject({ acceptedQuantity: 0, unconfirmed: 0, live: 0 });
    expect(threadState(released, NOW)).toBe('open');
  });

  it('lets other vendors fill the quantity again', () => {
    const b = k.offer(intent, VENDOR_B, { quantity: 2 });
    const refill = receive(intent, [a, acceptA, withdrawA, b, k.accept(b)]);
    expect(refill.acceptedQuantity).toBe(2);
    expect(threadState(refill, NOW)).toBe('accepted');
  });

  it('is taken after the intent was filled, and after it expired', () => {
    const late = INTENT_EXPIRES + DAY;
    const snapshot = receive(intent, [a, acceptA]);
    expect(threadState(snapshot, late)).toBe('accepted');
    const after = applyToThread(snapshot, withdrawA, { now: late });
    expect(after).toMatchObject({ ok: true });
    // Nothing is accepted any more, and the intent has expired: the thread is over.
    if (after.ok) expect(threadState(after.value, late)).toBe('expired');
  });

  it('cannot take back a confirmed accept: the deal binds', () => {
    const confirmed = receive(intent, [a, acceptA, k.confirm(acceptA, VENDOR_A)]);
    expect(threadState(confirmed, NOW)).toBe('closed');
    expect(applyToThread(confirmed, withdrawA, { now: NOW })).toMatchObject({
      ok: false,
      code: 'ERR_LIFECYCLE_CLOSED',
    });
  });

  it('leaves the accept unconfirmable', () => {
    expect(applyToThread(receive(intent, [a, acceptA, withdrawA]), k.confirm(acceptA, VENDOR_A))).toEqual({
      ok: false,
      code: 'ERR_LIFECYCLE_STATE',
      message: 'the negotiation is withdrawn',
    });
  });

  it('is only for the vendor, and names its accepted offer', () => {
    const snapshot = receive(intent, [a, acceptA]);
    expect(applyToThread(snapshot, k.withdraw(a, VENDOR_B))).toMatchObject({
      ok: false,
      code: 'ERR_LIFECYCLE_NOT_AUTHOR',
    });
    // A withdraw naming the accept settles nothing, so the filled intent refuses it first.
    expect(applyToThread(snapshot, k.withdraw(acceptA, VENDOR_A))).toMatchObject({
      ok: false,
      code: 'ERR_LIFECYCLE_ALREADY_ACCEPTED',
    });
  });

  it('keeps the other accepts of a partly filled thread', () => {
    const k3 = kit();
    const three = k3.intent({ quantity: 3 });
    const x = k3.offer(three, VENDOR_A);
    const y = k3.offer(three, VENDOR_B);
    const acceptX = k3.accept(x);
    const acceptY = k3.accept(y);
    const snapshot = receive(three, [x, y, acceptX, acceptY, k3.confirm(acceptY, VENDOR_B)]);
    const after = receive(three, [
      x,
      y,
      acceptX,
      acceptY,
      k3.confirm(acceptY, VENDOR_B),
      k3.withdraw(x, VENDOR_A),
    ]);
    expect(snapshot).toMatchObject({ acceptedQuantity: 2, unconfirmed: 1, confirmed: 1 });
    expect(after).toMatchObject({ acceptedQuantity: 1, unconfirmed: 0, confirmed: 1 });
    // Expired with part of the quantity confirmed: closed, as any partly filled thread.
    expect(threadState(after, INTENT_EXPIRES)).toBe('closed');
  });
});

describe('the buyer withdraws the intent while no accept is confirmed', () => {
  const k = kit();
  const intent = k.intent({ quantity: 1 });
  const a = k.offer(intent, VENDOR_A);
  const acceptA = k.accept(a);
  const withdrawal = k.withdraw(intent, BUYER);

  it('is taken when the intent is filled by an unconfirmed accept; the accept lapses', () => {
    const snapshot = receive(intent, [a, acceptA, withdrawal]);
    expect(threadState(snapshot, NOW)).toBe('withdrawn');
    expect(applyToThread(snapshot, k.confirm(acceptA, VENDOR_A))).toEqual({
      ok: false,
      code: 'ERR_LIFECYCLE_CLOSED',
      message: 'the intent was withdrawn',
    });
  });

  it('is taken after the intent expired while an accept awaits its confirm', () => {
    const accepted = receive(intent, [a, acceptA]);
    expect(applyToThread(accepted, withdrawal, { now: INTENT_EXPIRES + DAY })).toMatchObject({ ok: true });
  });

  it('is refused after the intent expired with nothing pending, as every message but a confirm', () => {
    expect(applyToThread(receive(intent, [a]), withdrawal, { now: INTENT_EXPIRES })).toMatchObject({
      ok: false,
      code: 'ERR_LIFECYCLE_EXPIRED',
    });
  });

  it('is refused once some accept is confirmed, even with another still pending', () => {
    const k2 = kit();
    const two = k2.intent({ quantity: 2 });
    const x = k2.offer(two, VENDOR_A);
    const y = k2.offer(two, VENDOR_C);
    const acceptX = k2.accept(x);
    const snapshot = receive(two, [x, y, acceptX, k2.accept(y), k2.confirm(acceptX, VENDOR_A)]);
    expect(threadState(snapshot, NOW)).toBe('accepted');
    expect(applyToThread(snapshot, k2.withdraw(two, BUYER))).toEqual({
      ok: false,
      code: 'ERR_LIFECYCLE_STATE',
      message: 'an intent with a confirmed accept cannot be withdrawn',
    });
  });

  it('is still only for the buyer', () => {
    expect(applyToThread(receive(intent, [a, acceptA]), k.withdraw(intent, VENDOR_A))).toMatchObject({
      ok: false,
      code: 'ERR_LIFECYCLE_NOT_AUTHOR',
    });
  });
});
