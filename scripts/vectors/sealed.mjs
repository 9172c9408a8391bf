// sealed.json: sealing with a fixed ephemeral key and IV, every intermediate value, and opening, including
// parts that were altered or break a rule of the profile.
import { createHash } from 'node:crypto';
import { BUYER_SEAL, check, core, VENDOR_D_SEAL, VENDOR_SEAL, vectorCase } from './common.mjs';
import { ephemeralKey, fixedIv, headerText, sealWith } from './jwe.mjs';
import { ruleCases } from './sealed-rules.mjs';
import { SEALED_COUNTER_CONTENT, SEALED_OFFER_CONTENT, valid } from './story.mjs';

// spec/sealed.md#example: the X25519 keys of RFC 7748 section 6.1.
const SPEC_RECIPIENT = {
  kty: 'OKP',
  crv: 'X25519',
  x: '3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08',
  d: 'XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os',
};
const SPEC_EPHEMERAL = {
  kty: 'OKP',
  crv: 'X25519',
  x: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo',
  d: 'dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo',
};
const SPEC_SEALED =
  'eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsImN0eSI6ImludGVudGNhc3Qtc2VhbGVkK2pzb24iLCJ0aHIiOiJjOTU2YTM0ZWZmNjg1ZjM4OWNjNTMzMjE5YjUzNDA3Yjg0ZGE4ZDk4NmY5N2U0YmIxZTA0MWUxZjcxMjRiMmZiIiwiZXBrIjp7IngiOiJoU0R3Q1lrd3AxUjBpMzNjdEQ3M1dnMl9PZzBtT0JyMDY2U3BqcXFiVG1vIiwiY3J2IjoiWDI1NTE5Iiwia3R5IjoiT0tQIn19' +
  '..AAECAwQFBgcICQoL.HFAINWRoCYacg4IsW-ARP60vQ9bx7IwkH2NUtNJIN915tes2xXEqpid0WYM4kfwU4lMQhyxFi5Eadj7_zp5G-wPEGZVShjamgRR2Mqf9sSea9sC-HBAeXNw5xcrJCny41OfeRld2Wh0WWv1JXPj1jPMo0jqQfUMd8R8IwfyqFc41M193KswURXwq-n9DS3ha_3avkzuzNUaKFofgXp-eUjk7iw' +
  '.vUHAKvBbM8FQRmaQyV1SvA';

const publicOf = ({ kty, crv, x }) => ({ kty, crv, x });
const b64 = (text) => core.toBase64url(core.utf8(text));

/** Changes one base64url character of part `index` (0 header, 2 IV, 3 ciphertext, 4 tag). */
function alterPart(sealed, index, at = 0) {
  const parts = sealed.split('.');
  const part = parts[index];
  const bytes = core.fromBase64url(part);
  bytes[at] ^= 0x01;
  parts[index] = core.toBase64url(bytes);
  return parts.join('.');
}

/** The same sealed part with its protected header replaced (so the AAD no longer matches). */
function withHeader(sealed, header) {
  const parts = sealed.split('.');
  parts[0] = b64(header);
  return parts.join('.');
}

export function sealedFile() {
  const cases = [];
  const sealCase = (description, { content, recipient, thread, ephemeral, iv }, tags) => {
    const plaintext = core.canonicalJson(content);
    const steps = sealWith({ plaintext, recipient, thread, ephemeral, iv });
    cases.push(
      vectorCase(
        description,
        { content, recipient, thread, ephemeralPrivateJwk: ephemeral.privateJwk, iv: core.toHex(iv) },
        { plaintext, ...steps },
        ['seal', ...tags],
      ),
    );
    return steps;
  };
  const openCase = (description, input, expected, tags) =>
    cases.push(vectorCase(description, input, expected, ['open', expected.code ?? 'opens', ...tags]));

  const specThread = createHash('sha256').update('intentcast sealed example').digest('hex');
  const specContent = {
    price: { amount: '139.00', currency: 'EUR' },
    text: 'Breakfast included; late check-out on request.',
    contact: { name: 'Front desk', email: 'desk@hotel.example' },
  };
  const spec = sealCase(
    'the example of spec/sealed.md, with the X25519 keys of RFC 7748 section 6.1',
    {
      content: specContent,
      recipient: publicOf(SPEC_RECIPIENT),
      thread: specThread,
      ephemeral: { privateJwk: SPEC_EPHEMERAL, publicJwk: publicOf(SPEC_EPHEMERAL) },
      iv: core.fromHex('000102030405060708090a0b'),
    },
    ['spec-example', 'rfc7748'],
  );
  check(spec.sealed === SPEC_SEALED, 'the spec example does not reproduce');
  check(
    spec.sharedSecret === '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    'RFC 7748 section 6.1 shared secret',
  );

  const intent = valid('intent-full');
  const thread = intent.id;
  const offerSealed = valid('offer-sealed');
  const counterSealed = valid('reply-counter-sealed');
  const offerSteps = sealCase(
    'the sealed part of offer-sealed: a price and a note, to the sealKey of intent-full',
    {
      content: SEALED_OFFER_CONTENT,
      recipient: BUYER_SEAL.publicJwk,
      thread,
      ephemeral: ephemeralKey(1),
      iv: fixedIv(1),
    },
    ['offer', 'fixture'],
  );
  check(offerSteps.sealed === offerSealed.body.sealed, 'offer-sealed carries the vector');
  const counterSteps = sealCase(
    'the sealed part of reply-counter-sealed: counter terms and contact details, to the sealKey of offer-sealed',
    {
      content: SEALED_COUNTER_CONTENT,
      recipient: VENDOR_D_SEAL.publicJwk,
      thread,
      ephemeral: ephemeralKey(2),
      iv: fixedIv(2),
    },
    ['reply', 'fixture'],
  );
  check(counterSteps.sealed === counterSealed.body.sealed, 'reply-counter-sealed carries the vector');
  sealCase(
    'text that is not ASCII, and control characters escaped in the canonical plaintext',
    {
      content: { text: 'Chegada às 23h — pode deixar a chave?\n\tObrigado 🙏' },
      recipient: BUYER_SEAL.publicJwk,
      thread,
      ephemeral: ephemeralKey(3),
      iv: fixedIv(3),
    },
    ['unicode'],
  );

  const base = offerSteps.sealed;
  const buyerKey = BUYER_SEAL.privateJwk;
  const open = (description, sealed, expected, tags, { key = buyerKey, on = thread } = {}) =>
    openCase(description, { sealed, privateJwk: key, thread: on }, expected, tags);
  const refused = { code: 'ERR_SEAL' };
  const encrypted = (n, plaintext, header) =>
    sealWith({
      plaintext,
      recipient: BUYER_SEAL.publicJwk,
      thread,
      ephemeral: ephemeralKey(n),
      iv: fixedIv(n),
      ...(header === undefined ? {} : { header: header(ephemeralKey(n).publicJwk) }),
    }).sealed;
  const headerWith = (extra) => (epk) => {
    const header = JSON.parse(headerText(thread, epk));
    return JSON.stringify(extra(header));
  };

  open(
    'the spec example opens with the RFC 7748 key',
    SPEC_SEALED,
    { content: specContent },
    ['spec-example'],
    {
      key: SPEC_RECIPIENT,
      on: specThread,
    },
  );
  open("offer-sealed's part opens with the buyer's seal key", base, { content: SEALED_OFFER_CONTENT }, []);
  open('one bit of the ciphertext flipped', alterPart(base, 3, 5), refused, ['tampered']);
  open('one bit of the tag flipped', alterPart(base, 4, 15), refused, ['tampered']);
  open('one bit of the IV flipped', alterPart(base, 2, 0), refused, ['tampered']);
  open(
    'thr changed to another thread in the header, and opened for that thread',
    withHeader(base, headerText(valid('intent-minimal').id, ephemeralKey(1).publicJwk)),
    refused,
    ['tampered', 'thread-binding'],
    { on: valid('intent-minimal').id },
  );
  open('opened for another thread than its thr', base, refused, ['thread-binding'], {
    on: valid('intent-minimal').id,
  });
  open("opened with another party's seal key", base, refused, ['wrong-key'], { key: VENDOR_SEAL.privateJwk });
  open('a private key whose x is not the public key of d', base, { code: 'ERR_KEY_INVALID' }, ['key'], {
    key: { ...buyerKey, x: VENDOR_SEAL.publicJwk.x },
  });
  open(
    'a header with a zip member, otherwise well sealed',
    encrypted(
      4,
      core.canonicalJson(SEALED_OFFER_CONTENT),
      headerWith((h) => ({ ...h, zip: 'DEF' })),
    ),
    refused,
    ['header'],
  );
  open(
    'a header with alg "dir"',
    withHeader(base, headerText(thread, ephemeralKey(1).publicJwk).replace('ECDH-ES', 'dir')),
    refused,
    ['header', 'algorithm'],
  );
  open(
    'a header with enc "A128GCM", otherwise well sealed',
    encrypted(
      5,
      core.canonicalJson(SEALED_OFFER_CONTENT),
      headerWith((h) => ({ ...h, enc: 'A128GCM' })),
    ),
    refused,
    ['header', 'algorithm'],
  );
  open(
    'a header without cty, otherwise well sealed',
    encrypted(
      6,
      core.canonicalJson(SEALED_OFFER_CONTENT),
      headerWith(({ cty: _c, ...h }) => h),
    ),
    refused,
    ['header'],
  );
  open(
    'a header whose thr is in upper-case hex, otherwise well sealed',
    encrypted(
      7,
      core.canonicalJson(SEALED_OFFER_CONTENT),
      headerWith((h) => ({ ...h, thr: h.thr.toUpperCase() })),
    ),
    refused,
    ['header'],
  );
  open(
    'a header naming alg twice, otherwise well sealed',
    encrypted(
      8,
      core.canonicalJson(SEALED_OFFER_CONTENT),
      (epk) => `{"alg":"ECDH-ES",${headerText(thread, epk).slice(1)}`,
    ),
    refused,
    ['header', 'i-json'],
  );
  const zeroEpk = { kty: 'OKP', crv: 'X25519', x: core.toBase64url(new Uint8Array(32)) };
  open('an epk of small order (u = 0)', withHeader(base, headerText(thread, zeroEpk)), refused, [
    'header',
    'small-order',
  ]);
  const parts = base.split('.');
  const tag = core.fromBase64url(parts[4]);
  const lastChar = parts[4].at(-1);
  const sloppy = String.fromCharCode(lastChar.charCodeAt(0) + 1);
  check(
    core.toHex(Buffer.from(parts[4].slice(0, -1) + sloppy, 'base64url')) === core.toHex(tag),
    'sloppy tag',
  );
  open(
    'the tag with an unused low bit set (not canonical base64url)',
    [...parts.slice(0, 4), parts[4].slice(0, -1) + sloppy].join('.'),
    refused,
    ['base64url'],
  );
  open('a non-empty encrypted key part', [parts[0], 'AAAA', ...parts.slice(2)].join('.'), refused, ['form']);
  open(
    'plaintext that is not in canonical form, otherwise well sealed',
    encrypted(9, '{ "text": "Hello" }'),
    refused,
    ['content', 'canonical'],
  );
  open(
    'plaintext with a member the sealed-content schema does not allow',
    encrypted(10, '{"secret":"x"}'),
    refused,
    ['content', 'schema'],
  );
  open('plaintext naming a member twice', encrypted(11, '{"text":"a","text":"a"}'), refused, [
    'content',
    'i-json',
  ]);
  open('plaintext that is not JSON', encrypted(12, 'price: 149'), refused, ['content']);

  const messageCase = (description, message, key, expected, tags) =>
    openCase(description, { message, privateJwk: key }, expected, ['message', ...tags]);
  messageCase(
    'the sealed part of offer-sealed, opened with the buyer seal key',
    offerSealed,
    buyerKey,
    { content: SEALED_OFFER_CONTENT },
    [],
  );
  messageCase(
    'the sealed part of reply-counter-sealed, opened with vendor D seal key',
    counterSealed,
    VENDOR_D_SEAL.privateJwk,
    { content: SEALED_COUNTER_CONTENT },
    [],
  );
  messageCase(
    "offer-sealed's part copied into a message of another thread",
    { ...offerSealed, thread: valid('intent-minimal').id, ref: valid('intent-minimal').id },
    buyerKey,
    refused,
    ['thread-binding'],
  );
  messageCase('a message without a sealed part', valid('offer'), buyerKey, refused, []);
  ruleCases((description, sealed, expected, tags) => open(description, sealed, expected, tags), messageCase);

  return {
    description:
      'Sealed parts: JWE compact, ECDH-ES over X25519, A256GCM, bound to a thread. Seal cases fix the ' +
      'ephemeral key and IV (test vectors only), so every value is reproducible: the canonical plaintext, ' +
      'the X25519 shared secret, the Concat KDF key, the protected header text (member order as written ' +
      'here; any order is valid) and the compact JWE. Open cases give a sealed part, the private seal key ' +
      'and the thread (or a whole message, whose thread is used) and expect the content or an error code.',
    source: 'spec/sealed.md; RFC 7516; RFC 7518 section 4.6; RFC 7748 section 6.1; RFC 8037',
    cases,
  };
}
