import { generateKeyPair } from '@intentcast/core';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  answerChallenge,
  BUYER,
  bearer,
  DAY,
  didOf,
  errorOf,
  MINUTE,
  make,
  postAll,
  STRANGER,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
  tokenFor,
  VENDOR_A,
} from './relay-fixtures.js';

let relay: TestRelay;
beforeEach(async () => {
  relay = await startRelay();
});
afterEach(() => stopRelay(relay));

async function challenge(seed: Uint8Array, app = relay.app): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/challenge', payload: { key: didOf(seed) } });
  expect(res.statusCode).toBe(200);
  return res.json().challenge;
}

function redeem(answer: object, app = relay.app) {
  return app.inject({ method: 'POST', url: '/v1/auth/token', payload: answer });
}

describe('POST /v1/auth/challenge', () => {
  test('returns 32 random bytes in hex and an expiry two minutes ahead', async () => {
    const res = await relay.app.inject({
      method: 'POST',
      url: '/v1/auth/challenge',
      payload: { key: didOf(BUYER) },
    });
    expect(res.json()).toEqual({
      challenge: expect.stringMatching(/^[0-9a-f]{64}$/),
      expires: '2026-01-15T12:02:00.000Z',
    });
    expect(await challenge(BUYER)).not.toBe(res.json().challenge);
  });

  test('refuses what is not a did:key', async () => {
    for (const payload of [{ key: 'alice' }, {}, { key: didOf(BUYER), extra: 1 }]) {
      const res = await relay.app.inject({ method: 'POST', url: '/v1/auth/challenge', payload });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('ERR_BAD_REQUEST');
    }
  });
});

describe('POST /v1/auth/token', () => {
  test('issues an EdDSA JWT for the key, for the relay, valid 15 minutes, verifiable with the published JWK', async () => {
    const answer = answerChallenge(await challenge(BUYER), BUYER, relay.app.relayDid);
    const res = await redeem(answer);
    expect(res.statusCode).toBe(200);
    const { token, expires } = res.json();
    expect(expires).toBe('2026-01-15T12:15:00.000Z');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: didOf(BUYER), aud: relay.app.relayDid, iss: relay.app.relayDid });
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
    const wellKnown = (await relay.app.inject('/.well-known/intentcast')).json();
    const key = await importJWK(wellKnown.relay.jwk, 'EdDSA');
    const verified = await jwtVerify(token, key, { currentDate: new Date(T0), audience: relay.app.relayDid });
    expect(verified.payload.sub).toBe(didOf(BUYER));
  });

  test('a challenge is single-use: answering it again is ERR_AUTH_INVALID', async () => {
    const answer = answerChallenge(await challenge(BUYER), BUYER, relay.app.relayDid);
    expect((await redeem(answer)).statusCode).toBe(200);
    const again = await redeem(answer);
    expect(again.statusCode).toBe(401);
    expect(errorOf(again)).toEqual({
      code: 'ERR_AUTH_INVALID',
      message: 'unknown or already used challenge',
      path: '/challenge',
    });
  });

  test('a challenge expires after two minutes', async () => {
    const answer = answerChallenge(await challenge(BUYER), BUYER, relay.app.relayDid);
    relay.clock.advance(2 * MINUTE);
    const res = await redeem(answer);
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).message).toBe('the challenge has expired');
  });

  test('a bad signature uses the challenge up', async () => {
    const c = await challenge(BUYER);
    const wrong = answerChallenge(c, BUYER, didOf(STRANGER));
    const res = await redeem(wrong);
    expect(res.statusCode).toBe(401);
    expect(errorOf(res)).toMatchObject({ code: 'ERR_AUTH_INVALID', path: '/sig' });
    expect((await redeem(answerChallenge(c, BUYER, relay.app.relayDid))).statusCode).toBe(401);
  });

  test('a challenge issued to one key cannot be answered by another', async () => {
    const c = await challenge(BUYER);
    const res = await redeem(answerChallenge(c, STRANGER, relay.app.relayDid));
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('ERR_AUTH_INVALID');
  });

  test('open challenges are bounded: the oldest is dropped', async () => {
    const small = await startRelay({ limits: { maxChallenges: 2 } });
    const first = await challenge(BUYER, small.app);
    await challenge(BUYER, small.app);
    const third = await challenge(BUYER, small.app);
    expect((await redeem(answerChallenge(first, BUYER, small.app.relayDid), small.app)).statusCode).toBe(401);
    expect((await redeem(answerChallenge(third, BUYER, small.app.relayDid), small.app)).statusCode).toBe(200);
    await stopRelay(small);
  });

  test('refuses a malformed answer with ERR_BAD_REQUEST', async () => {
    const c = await challenge(BUYER);
    for (const payload of [
      { key: didOf(BUYER), challenge: c },
      { key: didOf(BUYER), challenge: c, sig: 'xyz' },
    ]) {
      const res = await redeem(payload);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('ERR_BAD_REQUEST');
    }
  });
});

describe('access tokens on reads', () => {
  let offerId: string;
  beforeEach(async () => {
    const intent = make.intent({ at: T0 });
    const offer = make.offer({ at: T0 }, intent, VENDOR_A);
    offerId = offer.id;
    await postAll(relay.app, intent, offer);
  });

  const read = (headers: Record<string, string>, query = '') =>
    relay.app.inject({ url: `/v1/messages/${offerId}${query}`, headers });

  test('a Bearer header or a token parameter both work', async () => {
    const token = await tokenFor(relay.app, VENDOR_A);
    expect((await read(bearer(token))).statusCode).toBe(200);
    expect((await read({}, `?token=${token}`)).statusCode).toBe(200);
  });

  test('a forged token is 401 ERR_AUTH_INVALID', async () => {
    const token = await tokenFor(relay.app, VENDOR_A);
    const [header, , sig] = token.split('.');
    const claims = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: didOf(BUYER) })).toString(
      'base64url',
    );
    for (const forged of [`${header}.${claims}.${sig}`, `${token.slice(0, -4)}AAAA`, 'not.a.token', 'x']) {
      const res = await read(bearer(forged));
      expect(res.statusCode).toBe(401);
      expect(errorOf(res)).toEqual({ code: 'ERR_AUTH_INVALID', message: 'the access token does not verify' });
    }
  });

  test('a token issued by another relay is 401 ERR_AUTH_INVALID', async () => {
    const elsewhere = await startRelay({ key: generateKeyPair() });
    const token = await tokenFor(elsewhere.app, VENDOR_A);
    const res = await read(bearer(token));
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('ERR_AUTH_INVALID');
    await stopRelay(elsewhere);
  });

  test('an expired token is 401 ERR_AUTH_INVALID', async () => {
    const token = await tokenFor(relay.app, VENDOR_A);
    relay.clock.advance(15 * MINUTE - 1000);
    expect((await read(bearer(token))).statusCode).toBe(200);
    relay.clock.advance(1000);
    const res = await read(bearer(token));
    expect(res.statusCode).toBe(401);
    expect(errorOf(res)).toEqual({ code: 'ERR_AUTH_INVALID', message: 'the access token has expired' });
    relay.clock.advance(DAY);
    expect((await read(bearer(token))).statusCode).toBe(401);
  });

  test('an Authorization header that is not Bearer is 401 ERR_AUTH_INVALID', async () => {
    const res = await read({ authorization: 'Basic dXNlcjpwYXNz' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('ERR_AUTH_INVALID');
  });

  test("a valid token for another key reads only that key's messages", async () => {
    const token = await tokenFor(relay.app, STRANGER);
    expect((await read(bearer(token))).statusCode).toBe(404);
  });

  test('reading public intents needs no token', async () => {
    const res = await relay.app.inject('/v1/intents');
    expect(res.statusCode).toBe(200);
    expect(res.json().intents).toHaveLength(1);
  });
});
