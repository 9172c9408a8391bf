import type { Intent, Message } from '@intentcast/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  BUYER,
  bearer,
  intentBody,
  make,
  offerBody,
  postAll,
  STRANGER,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
  tokenFor,
  VENDOR_A,
  VENDOR_B,
  VENDOR_C,
} from './relay-fixtures.js';

/**
 * Who reads what (spec/relay-api.md#privacy). The thread: vendor A's negotiation (offer, counter, revised
 * offer, accept, confirm) and vendor C's (offer, question); vendor B only ever offers on a second intent,
 * which the buyer then withdraws.
 */
let relay: TestRelay;
let intent: Intent;
let other: Intent;
let negotiationA: Message[];
let negotiationC: Message[];
let otherOffer: Message;
let otherWithdraw: Message;
const tokens = {} as Record<'buyer' | 'a' | 'b' | 'c' | 'stranger', string>;
const NOBODY = 'f'.repeat(64);

beforeAll(async () => {
  relay = await startRelay();
  const t = { at: T0 };
  intent = make.intent(t);
  const offerA = make.offer(t, intent, VENDOR_A);
  const offerC = make.offer(t, intent, VENDOR_C);
  const counter = make.reply(t, offerA, {
    decision: 'counter',
    counter: { price: { amount: '99', currency: 'EUR' } },
  });
  const revised = make.offer(
    t,
    counter,
    VENDOR_A,
    offerBody({ price: { amount: '105.00', currency: 'EUR' } }),
  );
  const accept = make.accept(t, revised);
  const confirm = make.confirm(t, accept, VENDOR_A);
  const question = make.reply(t, offerC, { decision: 'question', text: 'Is there a lift?' });
  negotiationA = [offerA, counter, revised, accept, confirm];
  negotiationC = [offerC, question];
  other = make.intent(t, intentBody({}, { description: 'Another room' }));
  otherOffer = make.offer(t, other, VENDOR_B);
  otherWithdraw = make.withdraw(t, other, BUYER);
  await postAll(relay.app, intent, offerA, offerC, counter, revised, question, accept, confirm);
  await postAll(relay.app, other, otherOffer, otherWithdraw);
  for (const [name, seed] of [
    ['buyer', BUYER],
    ['a', VENDOR_A],
    ['b', VENDOR_B],
    ['c', VENDOR_C],
    ['stranger', STRANGER],
  ] as const) {
    tokens[name] = await tokenFor(relay.app, seed);
  }
});
afterAll(() => stopRelay(relay));

const sortIds = (messages: Message[]) => messages.map((m) => m.id).sort();

async function thread(id: string, token?: string) {
  const res = await relay.app.inject({
    url: `/v1/intents/${id}/thread`,
    headers: token ? bearer(token) : {},
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { intent: Intent; messages: Message[]; state: string };
}

async function read(id: string, token?: string) {
  return relay.app.inject({ url: `/v1/messages/${id}`, headers: token ? bearer(token) : {} });
}

describe('GET /v1/intents/:id/thread', () => {
  test("the intent's author sees the whole thread", async () => {
    const seen = await thread(intent.id, tokens.buyer);
    expect(seen.intent).toEqual(intent);
    expect(seen.state).toBe('closed');
    expect(sortIds(seen.messages)).toEqual(sortIds([...negotiationA, ...negotiationC]));
  });

  test('a vendor sees its own negotiation only', async () => {
    expect((await thread(intent.id, tokens.a)).messages).toEqual(negotiationA);
    expect((await thread(intent.id, tokens.c)).messages).toEqual(negotiationC);
  });

  test('a vendor sees the withdrawal of an intent it offered on; others do not', async () => {
    expect((await thread(other.id, tokens.b)).messages).toEqual([otherOffer, otherWithdraw]);
    expect((await thread(other.id, tokens.a)).messages).toEqual([]);
    expect((await thread(other.id, tokens.buyer)).messages).toEqual([otherOffer, otherWithdraw]);
  });

  test('anyone else, with or without a token, sees the public intent and its state, and no message', async () => {
    for (const token of [tokens.stranger, tokens.b, undefined]) {
      const seen = await thread(intent.id, token);
      expect(seen).toEqual({ intent, messages: [], state: 'closed' });
    }
  });

  test('an unknown intent, or the id of a message that is not an intent, is 404', async () => {
    for (const id of [NOBODY, negotiationA[0]!.id]) {
      const res = await relay.app.inject({ url: `/v1/intents/${id}/thread`, headers: bearer(tokens.buyer) });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ERR_NOT_FOUND');
    }
  });
});

describe('GET /v1/messages/:id', () => {
  test('intents are public', async () => {
    const res = await read(intent.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ message: intent });
  });

  test('the buyer reads every message of the thread; a vendor the messages of its negotiation', async () => {
    for (const message of [...negotiationA, ...negotiationC]) {
      expect((await read(message.id, tokens.buyer)).json()).toEqual({ message });
    }
    for (const message of negotiationA) expect((await read(message.id, tokens.a)).statusCode).toBe(200);
    for (const message of negotiationC) expect((await read(message.id, tokens.c)).statusCode).toBe(200);
  });

  test('a private message is, to anyone else, exactly what an unknown id is', async () => {
    const unknown = await read(NOBODY, tokens.stranger);
    expect(unknown.statusCode).toBe(404);
    const cases: [Message, string | undefined][] = [
      ...negotiationC.map((m): [Message, string] => [m, tokens.a]),
      ...negotiationA.map((m): [Message, string] => [m, tokens.c]),
      ...negotiationA.map((m): [Message, string] => [m, tokens.stranger]),
      ...negotiationA.map((m): [Message, undefined] => [m, undefined]),
      [otherWithdraw, tokens.a],
      [otherOffer, tokens.c],
    ];
    for (const [message, token] of cases) {
      const res = await read(message.id, token);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
      expect(res.headers['content-length']).toBe(unknown.headers['content-length']);
    }
  });
});
