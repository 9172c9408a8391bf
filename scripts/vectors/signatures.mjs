// signing-input.json and signatures.json: the domain-separated bytes a key signs, and Ed25519 over them.
import { addOrderToS, BACKENDS, check, core, PARTIES, seed, sha256Hex, vectorCase } from './common.mjs';
import { valid } from './story.mjs';

export function signingInputFile() {
  const purposeCase = (description, purpose, payloadHex, tags) =>
    vectorCase(
      description,
      { purpose, payload: payloadHex },
      { signingInput: core.toHex(core.signingInput(purpose, core.fromHex(payloadHex))) },
      [purpose, ...tags],
    );
  const idCase = (description, id, tags) => {
    const bytes = core.messageSigningInput(id);
    check(
      core.toHex(bytes) === core.toHex(core.signingInput('message', core.fromHex(id))),
      'message signing input is the message purpose',
    );
    return vectorCase(description, { id }, { signingInput: core.toHex(bytes) }, ['message', 'id', ...tags]);
  };
  const offerId = valid('offer').id;
  const cases = [
    purposeCase('purpose "message" with a message id as payload', 'message', valid('intent-full').id, []),
    purposeCase('purpose "receipt" with 32 bytes', 'receipt', sha256Hex('a relay receipt'), []),
    purposeCase('purpose "auth" with a 16-byte challenge', 'auth', sha256Hex('a challenge').slice(0, 32), []),
    purposeCase('purpose "message" with an empty payload', 'message', '', ['empty']),
    purposeCase('a payload of zero bytes is kept as it is', 'auth', '00'.repeat(8), ['zeros']),
    idCase('the signing input of the id of intent-minimal', valid('intent-minimal').id, []),
    idCase('the signing input of the id of offer', offerId, []),
    idCase('the signing input of an id of all zero bits', '0'.repeat(64), ['zeros']),
  ];
  return {
    description:
      'Signing inputs: the ASCII label "intentcast/1/" followed by the purpose ("message", "receipt" or ' +
      '"auth"), one 0x00 byte, then the payload. For a message the payload is the 32 raw bytes of its id ' +
      '(input "id": decode the 64 hex digits first). All bytes are given in lowercase hex.',
    source: 'spec/signatures.md#signing-input',
    cases,
  };
}

function verifiesEverywhere(signature, input, publicKey) {
  const results = BACKENDS.map((backend) => backend.verify(signature, input, publicKey));
  check(
    results.every((result) => result === results[0]),
    'Ed25519 backends disagree on a verification vector',
  );
  return results[0];
}

function flipBit(hex, byteIndex, bit = 0) {
  const bytes = core.fromHex(hex);
  bytes[byteIndex] ^= 1 << bit;
  return core.toHex(bytes);
}

export function signaturesFile() {
  const signCase = (description, secretKey, id, tags) => {
    const publicKey = core.nobleBackend.publicKey(secretKey);
    const input = core.messageSigningInput(id);
    const signatures = BACKENDS.map((backend) => core.toHex(backend.sign(input, secretKey)));
    check(
      signatures.every((sig) => sig === signatures[0]),
      'Ed25519 backends sign differently',
    );
    return vectorCase(
      description,
      { seed: core.toHex(secretKey), id },
      { publicKey: core.toHex(publicKey), signingInput: core.toHex(input), signature: signatures[0] },
      ['sign', ...tags],
    );
  };
  const verifyCase = (description, publicKey, id, signature, expected, tags) => {
    const result = verifiesEverywhere(core.fromHex(signature), core.messageSigningInput(id), publicKey);
    check(result === expected, `verification case "${description}" gave ${result}`);
    return vectorCase(description, { publicKey: core.toHex(publicKey), id, signature }, { valid: expected }, [
      'verify',
      expected ? 'valid' : 'invalid',
      ...tags,
    ]);
  };

  const intent = valid('intent-full');
  const offer = valid('offer');
  const { buyer, vendorA } = PARTIES;
  const rfcSeed = core.fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const cases = [
    signCase('the buyer signs the id of intent-full', buyer.secretKey, intent.id, ['fixture']),
    signCase('vendor A signs the id of offer', vendorA.secretKey, offer.id, ['fixture']),
    signCase('the RFC 8032 TEST 1 key signs the id of intent-minimal', rfcSeed, valid('intent-minimal').id, [
      'rfc8032',
    ]),
    signCase('a seed of 32 zero bytes signs an id of all zero bits', new Uint8Array(32), '0'.repeat(64), [
      'edge',
    ]),
    signCase('seed 9 signs an id of all one bits', seed(9), 'f'.repeat(64), ['edge']),
  ];
  check(cases[0].expected.signature === intent.sig, 'signature of intent-full');
  check(cases[1].expected.signature === offer.sig, 'signature of offer');

  const sig = intent.sig;
  const pub = buyer.publicKey;
  const rawIdSig = core.toHex(core.nobleBackend.sign(core.fromHex(intent.id), buyer.secretKey));
  const receiptSig = core.toHex(
    core.nobleBackend.sign(core.signingInput('receipt', core.fromHex(intent.id)), buyer.secretKey),
  );
  cases.push(
    verifyCase('the signature of intent-full verifies under the buyer key', pub, intent.id, sig, true, []),
    verifyCase('one bit flipped in R', pub, intent.id, flipBit(sig, 0), false, ['tampered']),
    verifyCase('one bit flipped in S', pub, intent.id, flipBit(sig, 40), false, ['tampered']),
    verifyCase('one bit flipped in the id', pub, flipBit(intent.id, 31, 7), sig, false, ['tampered']),
    verifyCase('the right signature under another key', vendorA.publicKey, intent.id, sig, false, [
      'wrong-key',
    ]),
    verifyCase(
      'S + L, the same S not reduced modulo L (malleability)',
      pub,
      intent.id,
      addOrderToS(sig),
      false,
      ['non-canonical'],
    ),
    verifyCase('a signature of the raw id bytes, without the domain label', pub, intent.id, rawIdSig, false, [
      'domain-separation',
    ]),
    verifyCase('a signature made for the "receipt" purpose', pub, intent.id, receiptSig, false, [
      'domain-separation',
    ]),
    verifyCase('a signature of 64 zero bytes', pub, intent.id, '00'.repeat(64), false, ['forged']),
  );
  return {
    description:
      'Ed25519 signatures (RFC 8032, pure Ed25519, deterministic) of message ids. Sign cases: from the seed ' +
      'and the id to the public key, the signing input and the signature. Verify cases: whether the signature ' +
      'verifies under the public key for the id, with S required below the group order.',
    source: 'spec/signatures.md#verification; RFC 8032 sections 5.1.6 and 5.1.7',
    cases,
  };
}
