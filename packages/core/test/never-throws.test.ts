import {
  applyToThread,
  checkThreadMessage,
  type Ed25519Backend,
  foldThread,
  nobleBackend,
  parseMessage,
  signWebhook,
  type ThreadSnapshot,
  validateMessage,
  validateWebhook,
  verifyMessage,
} from '@intentcast/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { LIVE, sampleMessages } from './fixtures.js';

/**
 * The functions that return a Result never throw for what they are given: a failure of core itself, or of
 * the runtime under it, is a Failure with the code ERR_INTERNAL. Only a caller's bad clock throws.
 */

const broken = vi.hoisted(() => ({ schemas: false }));

// A runtime that refuses to run the schema validators, as one with a strict Content-Security-Policy
// refused ajv's run-time compilation.
vi.mock('../src/generated/validators.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/generated/validators.js')>();
  const refusing = (validate: typeof real.intent) =>
    Object.defineProperty(
      (data: unknown) => {
        if (broken.schemas) throw new EvalError('Refused to evaluate a string as JavaScript');
        return validate(data);
      },
      'errors',
      { get: () => validate.errors },
    ) as typeof real.intent;
  return {
    ...real,
    intent: refusing(real.intent),
    offer: refusing(real.offer),
    reply: refusing(real.reply),
    webhookEvent: refusing(real.webhookEvent),
  };
});

afterEach(() => {
  broken.schemas = false;
});

const messages = sampleMessages();
const INTERNAL = { ok: false, code: 'ERR_INTERNAL' };

/** An Ed25519 backend that fails to verify with an error of its own. */
const failingBackend: Ed25519Backend = {
  ...nobleBackend,
  verify: () => {
    throw new RangeError('the backend failed');
  },
};

describe('validateMessage', () => {
  test('answers ERR_INTERNAL, naming the error, when the runtime refuses to run the schema check', () => {
    broken.schemas = true;
    expect(validateMessage(messages.intent, LIVE)).toEqual({
      ...INTERNAL,
      message: 'internal error: EvalError: Refused to evaluate a string as JavaScript',
    });
    expect(verifyMessage(messages.intent, LIVE)).toBe(false);
    expect(() => parseMessage(messages.intent, LIVE)).toThrow(EvalError);
  });

  test('answers ERR_INTERNAL when the Ed25519 backend fails', () => {
    expect(validateMessage(messages.offer, { ...LIVE, backend: failingBackend })).toEqual({
      ...INTERNAL,
      message: 'internal error: RangeError: the backend failed',
    });
  });

  test.each([
    ['a string', 'no reason', 'internal error: no reason'],
    ['an object', { reason: 'none' }, 'internal error: a thrown object'],
    [
      'an error whose message cannot be read',
      Object.defineProperty(new Error(), 'message', {
        get: () => {
          throw new Error('no');
        },
      }),
      'internal error: a thrown value that cannot be described',
    ],
  ])('answers ERR_INTERNAL when %s is thrown', (_, thrown, message) => {
    const backend = {
      ...nobleBackend,
      verify: () => {
        throw thrown;
      },
    };
    expect(validateMessage(messages.reply, { ...LIVE, backend })).toEqual({ ...INTERNAL, message });
  });

  test('still throws a TypeError for a clock that is not a time, which is the caller’s bug', () => {
    broken.schemas = true;
    expect(() => validateMessage(messages.intent, { now: Number.NaN })).toThrow(TypeError);
  });

  test('still reports bad input with its own code when nothing fails', () => {
    expect(validateMessage({ ...messages.intent, nonce: 'x' }, LIVE)).toMatchObject({
      ok: false,
      code: 'ERR_SCHEMA',
      path: '/nonce',
    });
  });
});

describe('validateWebhook', () => {
  const secret = `whsec_${Buffer.from(new Uint8Array(32).fill(0x11)).toString('base64')}`;
  const body = JSON.stringify({
    type: 'mailbox.offer',
    timestamp: '2026-01-15T12:00:00Z',
    data: { endpoint: 'ep_1', seq: 1, message: messages.offer },
  });
  const timestamp = 1768478400;
  const headers = signWebhook({ id: 'msg_1', timestamp, body, secret });
  const at = { now: timestamp * 1000 };

  test('answers ERR_INTERNAL when the runtime refuses to run the event schema check', () => {
    expect(validateWebhook(headers, body, secret, at)).toMatchObject({ ok: true });
    broken.schemas = true;
    expect(validateWebhook(headers, body, secret, at)).toEqual({
      ...INTERNAL,
      message: 'internal error: EvalError: Refused to evaluate a string as JavaScript',
    });
  });

  test('answers ERR_INTERNAL, not ERR_WEBHOOK_INVALID, when checking the message inside fails', () => {
    const result = validateWebhook(headers, body, secret, { ...at, backend: failingBackend });
    expect(result).toEqual({ ...INTERNAL, message: 'internal error: RangeError: the backend failed' });
  });
});

describe('the lifecycle functions', () => {
  const garbage = {} as ThreadSnapshot;

  test('answer ERR_INTERNAL instead of throwing on a snapshot or message that is not one', () => {
    expect(applyToThread(garbage, messages.offer)).toMatchObject(INTERNAL);
    expect(foldThread(messages.intent, [null as never])).toMatchObject(INTERNAL);
    expect(
      checkThreadMessage({ intent: messages.intent, messages: [] }, null as never, Date.now()),
    ).toMatchObject(INTERNAL);
  });
});
