// webhooks.json: Standard Webhooks signatures of relay deliveries (spec/webhooks.md). Signatures and
// verdicts come from an independent HMAC-SHA256 signer and verifier on node:crypto written here; when the
// built core exports its webhook functions, every case is checked against them too.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { check, core, sha256, T0, ts, vectorCase } from './common.mjs';
import { valid } from './story.mjs';

const PREFIX = 'whsec_';

/** A fixed secret of `length` bytes: the first bytes of SHA-256 of a label, repeated as needed. */
function secret(label, length = 32) {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 32)
    Buffer.from(sha256(`intentcast test vector webhook ${label} ${i}`)).copy(bytes, i);
  return PREFIX + bytes.toString('base64');
}

function keyOf(text) {
  const encoded = text.slice(PREFIX.length);
  const key = Buffer.from(encoded, 'base64');
  const ok =
    text.startsWith(PREFIX) && key.toString('base64') === encoded && key.length >= 24 && key.length <= 64;
  return ok ? key : null;
}

function sign(secretText, id, timestamp, body) {
  const mac = createHmac('sha256', keyOf(secretText)).update(`${id}.${timestamp}.`).update(body, 'utf8');
  return `v1,${mac.digest('base64')}`;
}

/** The receiver's checks 1 to 7 of spec/webhooks.md#verifying, written out again. */
function verify({ secrets, headers, body, now, toleranceSec = 300 }) {
  const keys = secrets.map(keyOf);
  if (keys.length === 0 || keys.includes(null)) return false;
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if ([id, timestamp, signatures].some((value) => typeof value !== 'string')) return false;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id) || !/^(?:0|[1-9][0-9]{0,10})$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(Date.parse(now) / 1000) - Number(timestamp)) > toleranceSec) return false;
  if (signatures.length > 4096) return false;
  const offered = signatures.split(' ').filter((entry) => entry.startsWith('v1,'));
  const expected = secrets.map((s) => Buffer.from(sign(s, id, timestamp, body)));
  return offered.some((entry) => {
    const bytes = Buffer.from(entry);
    return expected.some((mine) => mine.length === bytes.length && timingSafeEqual(mine, bytes));
  });
}

const SECRET = secret('A');
const OTHER = secret('B');
const SECONDS = T0 / 1000;
const event = (type, seconds, data) => JSON.stringify({ type, timestamp: ts(seconds * 1000), data });

function signCase(description, { secrets, id, timestamp, body }, tags) {
  const signature = secrets.map((s) => sign(s, id, String(timestamp), body)).join(' ');
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
  if (typeof core.signWebhook === 'function') {
    const mine = core.signWebhook({ id, timestamp, body, secret: secrets });
    check(JSON.stringify(mine) === JSON.stringify(headers), `core signs "${description}" differently`);
  }
  const input =
    secrets.length === 1 ? { secret: secrets[0], id, timestamp, body } : { secrets, id, timestamp, body };
  return vectorCase(description, input, { keys: secrets.map((s) => keyOf(s).toString('hex')), headers }, [
    'sign',
    ...tags,
  ]);
}

function verifyCase(description, input, expected, tags) {
  const secrets = input.secrets ?? [input.secret];
  const valid = verify({ ...input, secrets });
  check(valid === expected, `verification case "${description}" gave ${valid}`);
  if (typeof core.verifyWebhook === 'function') {
    const options = {
      now: Date.parse(input.now),
      ...(input.toleranceSec ? { toleranceSec: input.toleranceSec } : {}),
    };
    check(
      core.verifyWebhook(input.headers, input.body, secrets, options) === expected,
      `core: "${description}"`,
    );
  }
  return vectorCase(description, input, { valid: expected }, [
    'verify',
    expected ? 'valid' : 'invalid',
    ...tags,
  ]);
}

export function webhooksFile() {
  const offer = valid('offer');
  const offerBody = event('mailbox.offer', SECONDS + 3661, { endpoint: 'ep_buyer', seq: 2, message: offer });
  const unicodeBody = event('intent.matched', SECONDS + 5, {
    endpoint: 'ep_vendor',
    seq: 1,
    message: valid('intent-unicode'),
  });
  const testBody = event('test', SECONDS, { endpoint: 'ep_vendor' });
  const id = 'msg_3q2Vd8XbN0fLk7Yw';
  const at = SECONDS + 3662;
  const signed = signCase(
    'a mailbox.offer event signed with one 32-byte secret',
    {
      secrets: [SECRET],
      id,
      timestamp: at,
      body: offerBody,
    },
    ['event'],
  );
  const headers = signed.expected.headers;
  const rotated = signCase(
    'during a rotation: one v1 signature per active secret, in order',
    {
      secrets: [SECRET, OTHER],
      id,
      timestamp: at,
      body: offerBody,
    },
    ['rotation'],
  );
  const now = (seconds) => ts(seconds * 1000);
  const base = { secret: SECRET, headers, body: offerBody, now: now(at) };
  const withSignature = (value) => ({ ...base, headers: { ...headers, 'webhook-signature': value } });
  const [first, second] = rotated.expected.headers['webhook-signature'].split(' ');
  const v1 = headers['webhook-signature'];

  const cases = [
    signed,
    rotated,
    signCase(
      'a body with non-ASCII characters is signed as its UTF-8 bytes',
      {
        secrets: [secret('C')],
        id: 'msg_unicode',
        timestamp: SECONDS + 6,
        body: unicodeBody,
      },
      ['event', 'unicode'],
    ),
    signCase(
      'the shortest secret, 24 bytes',
      { secrets: [secret('D', 24)], id: 'msg_1', timestamp: SECONDS, body: testBody },
      ['secret'],
    ),
    signCase(
      'the longest secret, 64 bytes',
      { secrets: [secret('E', 64)], id: 'msg_2', timestamp: SECONDS, body: testBody },
      ['secret'],
    ),
    signCase(
      'the example published with the Standard Webhooks specification (not an Intentcast event)',
      {
        secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
        id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        timestamp: 1614265330,
        body: '{"test": 2432232314}',
      },
      ['standard-webhooks'],
    ),
    verifyCase('a delivery verifies at the time it was signed', base, true, []),
    verifyCase(
      '300 seconds after signing is still within the tolerance',
      { ...base, now: now(at + 300) },
      true,
      ['time'],
    ),
    verifyCase(
      '301 seconds after signing is outside the tolerance (a replay)',
      { ...base, now: now(at + 301) },
      false,
      ['time'],
    ),
    verifyCase(
      '301 seconds before signing is outside the tolerance',
      { ...base, now: now(at - 301) },
      false,
      ['time'],
    ),
    verifyCase(
      'a tolerance set to 10 seconds refuses 11',
      { ...base, now: now(at + 11), toleranceSec: 10 },
      false,
      ['time'],
    ),
    verifyCase('a tampered body', { ...base, body: offerBody.replace('"seq":2', '"seq":3') }, false, [
      'body',
    ]),
    verifyCase('a body with one more space at the end', { ...base, body: `${offerBody} ` }, false, ['body']),
    verifyCase('the wrong secret', { ...base, secret: OTHER }, false, ['secret']),
    verifyCase(
      'a receiver holding two secrets accepts a signature by either',
      { secrets: [OTHER, SECRET], headers, body: offerBody, now: now(at) },
      true,
      ['rotation'],
    ),
    verifyCase(
      'several signatures, only the last valid',
      withSignature(`${second} v1,${'A'.repeat(43)}= ${v1}`),
      true,
      ['multiple'],
    ),
    verifyCase(
      'a rotation delivery verifies with the old secret',
      withSignature(`${first} ${second}`),
      true,
      ['rotation'],
    ),
    verifyCase(
      'a rotation delivery verifies with the new secret',
      { ...withSignature(`${first} ${second}`), secret: OTHER },
      true,
      ['rotation'],
    ),
    verifyCase('a v2 entry holding the right value is ignored', withSignature(`v2,${v1.slice(3)}`), false, [
      'version',
    ]),
    verifyCase('a v2 entry beside a valid v1 entry', withSignature(`v2,${v1.slice(3)} ${v1}`), true, [
      'version',
    ]),
    verifyCase('malformed: a signature without its version', withSignature(v1.slice(3)), false, [
      'malformed',
    ]),
    verifyCase('malformed: "v1=" instead of "v1,"', withSignature(`v1=${v1.slice(3)}`), false, ['malformed']),
    verifyCase('malformed: the signature without its base64 padding', withSignature(v1.slice(0, -1)), false, [
      'malformed',
    ]),
    verifyCase('malformed: an empty webhook-signature', withSignature(''), false, ['malformed']),
    verifyCase(
      'malformed: webhook-timestamp in milliseconds',
      { ...base, headers: { ...headers, 'webhook-timestamp': `${at}000` } },
      false,
      ['malformed'],
    ),
    verifyCase(
      'malformed: webhook-timestamp with a leading zero (signed as sent)',
      {
        ...base,
        headers: {
          ...headers,
          'webhook-timestamp': `0${at}`,
          'webhook-signature': sign(SECRET, id, `0${at}`, offerBody),
        },
      },
      false,
      ['malformed', 'strict'],
    ),
    verifyCase(
      'malformed: no webhook-id header',
      { ...base, headers: { 'webhook-timestamp': headers['webhook-timestamp'], 'webhook-signature': v1 } },
      false,
      ['malformed'],
    ),
    verifyCase(
      'the Standard Webhooks example verifies at its own time',
      {
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        headers: {
          'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
          'webhook-timestamp': '1614265330',
          'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
        },
        body: '{"test": 2432232314}',
        now: now(1614265330),
      },
      true,
      ['standard-webhooks'],
    ),
  ];
  return {
    description:
      'Webhook signatures (Standard Webhooks v1). Sign cases: decode each secret (after "whsec_", standard ' +
      'base64) to the HMAC key given in "keys", sign "webhook-id.webhook-timestamp.body" with HMAC-SHA256, and ' +
      'compare the three headers; "secrets" means a rotation, one signature per secret in order. Verify cases: ' +
      'with the receiver holding "secret" (or all of "secrets", any of which may match) and its clock at "now", run checks 1 to 7 ' +
      'of the spec with a tolerance of 300 seconds, or "toleranceSec"; "valid" is the verdict. Bodies are the ' +
      'exact bytes signed, as UTF-8.',
    source: 'spec/webhooks.md; https://www.standardwebhooks.com/ (the case tagged standard-webhooks)',
    cases,
  };
}
