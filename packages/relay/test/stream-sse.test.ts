import type { Message } from '@intentcast/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUYER,
  didOf,
  intent,
  OTHER_BUYER,
  offer,
  SseClient,
  startRelay,
  type TestRelay,
  until,
} from './stream-helpers.js';

const buyer = didOf(BUYER);
const otherBuyer = didOf(OTHER_BUYER);
const tokens = { 'buyer-token': buyer, 'other-token': otherBuyer };

let relay: TestRelay;
const clients: SseClient[] = [];

async function open(query = '', headers: Record<string, string> = {}, paused = false): Promise<SseClient> {
  const client = await SseClient.open(`${relay.url}/v1/stream${query}`, headers, paused);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await relay.close();
});

const messageOf = (data: string) => JSON.parse(data) as Message;

describe('GET /v1/stream', () => {
  it('delivers exactly the intents its filter matches, as intent events with the seq as id', async () => {
    relay = await startRelay();
    const client = await open('?category=lodging&region=PT');
    const hotel = intent({ category: 'lodging.hotel', region: 'PT-11' });
    relay.publish(hotel);
    relay.publish(intent({ category: 'food', region: 'PT-11' }));
    relay.publish(intent({ category: 'lodging', region: 'ES-MD' }));
    relay.publish(offer(hotel), [buyer]);
    const hostel = intent({ category: 'lodging.hostel', region: 'PT-13' });
    relay.publish(hostel);
    await client.waitFor(2);
    // A last match proves nothing else was on its way before it.
    relay.publish(intent({ category: 'lodging', region: 'PT' }));
    await client.waitFor(3);
    expect(client.events.map((e) => e.event)).toEqual(['intent', 'intent', 'intent']);
    expect(client.ids).toEqual([1, 5, 6]);
    expect(messageOf(client.events[0]!.data).id).toBe(hotel.id);
    expect(messageOf(client.events[1]!.data).id).toBe(hostel.id);
  });

  it('streams every public intent, and nothing else, without filter parameters', async () => {
    relay = await startRelay();
    const client = await open();
    const first = intent();
    relay.publish(first);
    relay.publish(offer(first), [buyer]);
    relay.publish(intent({ category: 'food' }));
    await client.waitFor(2);
    expect(client.ids).toEqual([1, 3]);
  });

  it('refuses a malformed filter with ERR_FILTER_INVALID', async () => {
    relay = await startRelay();
    const client = await open('?near=91,0,5');
    expect(client.status).toBe(400);
    expect(client.error).toEqual({
      code: 'ERR_FILTER_INVALID',
      message: 'near: latitude or longitude out of range',
      path: '/near',
    });
  });

  it('refuses a cursor after the last event, or one that is not a number, with ERR_CURSOR_INVALID', async () => {
    relay = await startRelay();
    relay.publish(intent());
    const future = await open('?cursor=2');
    expect(future.status).toBe(400);
    expect(future.error).toEqual({
      code: 'ERR_CURSOR_INVALID',
      message: 'cursor: 2 is after the last event this relay has issued (1)',
    });
    const junk = await open('', { 'last-event-id': '-1' });
    expect(junk.status).toBe(400);
    expect(junk.error).toEqual({
      code: 'ERR_CURSOR_INVALID',
      message: 'cursor: expected a non-negative integer, got "-1"',
    });
  });

  it('limits the streams one address opens without a token, and not those with one', async () => {
    relay = await startRelay({ limits: { maxSubscriptionsPerAddress: 2 }, tokens });
    const first = await open();
    await open('?category=lodging');
    const third = await open();
    expect(third.status).toBe(429);
    expect(third.error.code).toBe('ERR_TOO_MANY_SUBSCRIPTIONS');
    expect((await open('?mailbox=1', { authorization: 'Bearer buyer-token' })).status).toBe(200);
    first.close();
    await until(() => relay.hub.stats().subscriptions === 2, 'the first stream to be released');
    expect((await open()).status).toBe(200);
  });

  it('sends comment heartbeats', async () => {
    relay = await startRelay({ limits: { heartbeatMs: 20 } });
    const client = await open();
    await until(() => client.comments >= 3, 'three heartbeats');
    expect(client.events).toEqual([]);
  });
});

describe('resume', () => {
  it('after a disconnect, Last-Event-ID brings exactly the missed events and then the live ones', async () => {
    relay = await startRelay();
    const message = intent();
    const first = await open();
    for (let i = 0; i < 3; i++) relay.publish(message);
    await first.waitFor(3);
    first.close();
    await until(() => relay.hub.stats().subscriptions === 0, 'the first stream to end');
    for (let i = 0; i < 3; i++) relay.publish(message);
    relay.publish(intent({ category: 'food' }));

    const second = await open('?category=lodging', { 'last-event-id': first.lastId()! });
    await second.waitFor(3, 'the missed events');
    for (let i = 0; i < 2; i++) relay.publish(message);
    await second.waitFor(5, 'the live events');
    expect(first.ids).toEqual([1, 2, 3]);
    expect(second.ids).toEqual([4, 5, 6, 8, 9]);
  });

  it('takes the cursor from the query, and Last-Event-ID over it', async () => {
    relay = await startRelay();
    for (let i = 0; i < 4; i++) relay.publish(intent());
    const byQuery = await open('?cursor=2');
    await byQuery.waitFor(2);
    const byHeader = await open('?cursor=1', { 'last-event-id': '3' });
    await byHeader.waitFor(1);
    relay.publish(intent());
    await byQuery.waitFor(3);
    await byHeader.waitFor(2);
    expect(byQuery.ids).toEqual([3, 4, 5]);
    expect(byHeader.ids).toEqual([4, 5]);
  });

  it('loses and repeats nothing when events are published while the backlog is being sent', async () => {
    relay = await startRelay({ limits: { pageSize: 8 } });
    const message = intent();
    for (let i = 0; i < 200; i++) relay.publish(message);
    const client = await open('?cursor=0');
    // Publish between the catch-up's pages until well after it has gone live.
    for (let i = 0; i < 150; i++) {
      relay.publish(message);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await client.waitFor(350);
    expect(client.ids).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));
    expect(relay.source.reads).toBeGreaterThan(200 / 8);
  });
});

describe('mailbox', () => {
  it('needs an access token, and refuses a bad one', async () => {
    relay = await startRelay({ tokens });
    const anonymous = await open('?mailbox=1');
    expect(anonymous.status).toBe(401);
    expect(anonymous.error).toEqual({
      code: 'ERR_UNAUTHORIZED',
      message: 'mailbox: the mailbox stream needs an access token',
    });
    const forged = await open('?mailbox=1', { authorization: 'Bearer forged' });
    expect(forged.status).toBe(401);
    expect(forged.error.code).toBe('ERR_AUTH_INVALID');
  });

  it('mailbox=only delivers the messages to the caller and nothing else', async () => {
    relay = await startRelay({ tokens });
    const client = await open('?mailbox=only&token=buyer-token');
    const mine = intent({}, BUYER);
    const theirs = intent({}, OTHER_BUYER);
    relay.publish(mine);
    relay.publish(theirs);
    const toMe = offer(mine);
    relay.publish(offer(theirs), [otherBuyer]);
    relay.publish(toMe, [buyer]);
    await client.waitFor(1);
    relay.publish(offer(mine), [buyer]);
    await client.waitFor(2);
    expect(client.events.map((e) => e.event)).toEqual(['mailbox', 'mailbox']);
    expect(client.ids).toEqual([4, 5]);
    expect(messageOf(client.events[0]!.data).id).toBe(toMe.id);
  });

  it('mailbox=1 adds the mailbox to the filtered public intents, and resumes both from one cursor', async () => {
    relay = await startRelay({ tokens });
    const mine = intent({ category: 'lodging' }, BUYER);
    relay.publish(mine);
    relay.publish(intent({ category: 'food' }, OTHER_BUYER));
    relay.publish(offer(mine), [buyer]);
    const client = await open('?mailbox=1&category=lodging&cursor=0', {
      authorization: 'Bearer buyer-token',
    });
    await client.waitFor(2);
    relay.publish(offer(mine), [buyer]);
    relay.publish(intent({ category: 'lodging.hotel' }, OTHER_BUYER));
    await client.waitFor(4);
    expect(client.events.map((e) => `${e.id} ${e.event}`)).toEqual([
      '1 intent',
      '3 mailbox',
      '4 mailbox',
      '5 intent',
    ]);
  });

  it('mailbox=only takes no filter parameters', async () => {
    relay = await startRelay({ tokens });
    const client = await open('?mailbox=only&category=lodging&token=buyer-token');
    expect(client.status).toBe(400);
    expect(client.error).toEqual({
      code: 'ERR_BAD_REQUEST',
      message: 'category: mailbox=only streams no public intents',
    });
  });
});

describe('limits', () => {
  it('refuses a key more streams than allowed, and counts a closed one out', async () => {
    relay = await startRelay({ tokens, limits: { maxSubscriptionsPerKey: 1 } });
    const first = await open('?token=buyer-token');
    const second = await open('?token=buyer-token');
    expect(second.status).toBe(429);
    expect(second.error).toEqual({
      code: 'ERR_TOO_MANY_SUBSCRIPTIONS',
      message: 'This key has 1 subscriptions open, the most allowed',
    });
    const other = await open('?token=other-token');
    expect(other.status).toBe(200);
    first.close();
    await until(() => relay.hub.stats().subscriptions === 1, 'the first stream to be released');
    const third = await open('?token=buyer-token');
    expect(third.status).toBe(200);
  });

  it('cuts off a consumer that stops reading, with ERR_SLOW_CONSUMER, before its buffer passes the limit', async () => {
    const maxBufferedBytes = 64 * 1024;
    relay = await startRelay({ limits: { maxBufferedBytes, closeGraceMs: 10_000 } });
    const message = intent({ description: `${'word '.repeat(390)}end` });
    const client = await open('', {}, true);
    await until(() => relay.hub.stats().intentSubscriptions === 1, 'the stream to go live');
    let published = 0;
    while (relay.hub.stats().subscriptions > 0 && published < 20_000) {
      relay.publish(message);
      published++;
      if (published % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(relay.hub.stats().subscriptions).toBe(0);
    expect(published).toBeLessThan(20_000);
    // Now read: what was buffered, then the reason, then the end.
    client.resume();
    await until(() => client.ended, 'the stream to end', 10_000);
    const last = client.events.at(-1)!;
    expect(last.event).toBe('error');
    expect(JSON.parse(last.data)).toEqual({
      code: 'ERR_SLOW_CONSUMER',
      message: `More than ${maxBufferedBytes} bytes are waiting to be read`,
    });
    const delivered = client.ids;
    expect(delivered).toEqual(Array.from({ length: delivered.length }, (_, i) => i + 1));
    expect(delivered.length).toBeLessThanOrEqual(published);
  });
});

describe('closing', () => {
  it('sends the reason of hub.close as a close event, then ends', async () => {
    relay = await startRelay();
    const client = await open();
    relay.hub.close('The relay is moving to a new host');
    await until(() => client.ended, 'the stream to end');
    expect(client.events).toEqual([
      {
        event: 'close',
        data: JSON.stringify({ code: 'ERR_UNAVAILABLE', message: 'The relay is moving to a new host' }),
      },
    ]);
    const late = await open();
    expect(late.status).toBe(503);
  });

  it('ends open streams when the app closes, instead of waiting for them', async () => {
    relay = await startRelay();
    const client = await open();
    await relay.app.close();
    await until(() => client.ended, 'the stream to end');
    expect(client.events.map((e) => JSON.parse(e.data).message)).toEqual(['The relay is shutting down']);
  });
});
