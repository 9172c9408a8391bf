// keys.json and did-key.json: from a seed to every form of its key, and did:key decoding.
import { base58btc, check, core, PARTIES, vectorCase } from './common.mjs';

// RFC 8032 section 7.1, tests 1 to 3: secret keys and the public keys the RFC gives for them.
const RFC8032 = [
  [
    'TEST 1',
    '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  ],
  [
    'TEST 2',
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  ],
  [
    'TEST 3',
    'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
  ],
];

function keyCase(description, secretKey, tags) {
  const pair = core.keyPairFromSecretKey(secretKey);
  const publicJwk = core.jwkFromKeyPair({ publicKey: pair.publicKey });
  const privateJwk = core.jwkFromKeyPair(pair);
  return vectorCase(
    description,
    { seed: core.toHex(secretKey) },
    {
      publicKey: core.toHex(pair.publicKey),
      did: core.didKeyFromPublicKey(pair.publicKey),
      publicJwk,
      privateJwk,
    },
    tags,
  );
}

export function keysFile() {
  const cases = [];
  for (const [test, secret, expectedPublic] of RFC8032) {
    const entry = keyCase(`RFC 8032 section 7.1 ${test} secret key`, core.fromHex(secret), ['rfc8032']);
    check(entry.expected.publicKey === expectedPublic, `RFC 8032 ${test} public key`);
    cases.push(entry);
  }
  for (const [role, p] of Object.entries(PARTIES)) {
    cases.push(
      keyCase(
        `seed ${p.seedNumber}: SHA-256 of "intentcast test vector seed ${p.seedNumber}" (${role})`,
        p.secretKey,
        ['fixture'],
      ),
    );
  }
  cases.push(keyCase('seed of 32 zero bytes', new Uint8Array(32), ['edge']));
  cases.push(keyCase('seed of 32 bytes 0xff', new Uint8Array(32).fill(0xff), ['edge']));
  return {
    description:
      'Ed25519 keys from 32-byte secret seeds: the public key (RFC 8032 section 5.1.5), its did:key ' +
      '(did:key:z + base58btc(0xed 0x01 || public key)) and its JWKs (RFC 8037, base64url without padding).',
    source: 'spec/identity.md#didkey; spec/identity.md#jwk; RFC 8032 section 7.1 for the first three seeds',
    cases,
  };
}

/** A did:key with the Ed25519 multicodec prefix around any 32 bytes, valid key or not. */
function didOf(bytes, prefix = [0xed, 0x01]) {
  return `did:key:z${base58btc(Uint8Array.from([...prefix, ...bytes]))}`;
}

// The canonical encodings of the eight points of order dividing 8 (spec/signatures.md#small-order-keys).
const SMALL_ORDER = [
  ['0000000000000000000000000000000000000000000000000000000000000000', 'a point of order 4, y = 0'],
  ['0000000000000000000000000000000000000000000000000000000000000080', 'a point of order 4, y = 0, x odd'],
  ['0100000000000000000000000000000000000000000000000000000000000000', 'the identity, y = 1'],
  ['26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'a point of order 8'],
  ['26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85', 'a point of order 8, x odd'],
  ['c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'a point of order 8'],
  ['c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', 'a point of order 8, x odd'],
  ['ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'the point of order 2, y = p - 1'],
];

export function didKeyFile() {
  const valid = (description, did, tags) => {
    const publicKey = core.toHex(core.publicKeyFromDidKey(did));
    return vectorCase(description, { did }, { publicKey }, ['valid', ...tags]);
  };
  const invalid = (description, did, tags) => {
    let code;
    try {
      core.publicKeyFromDidKey(did);
    } catch (err) {
      code = err.code;
    }
    check(code === 'ERR_KEY_INVALID', `did:key case "${description}" gave ${code}`);
    return vectorCase(description, { did }, { code }, ['invalid', ...tags]);
  };
  const rfcKey = core.fromHex(RFC8032[0][2]);
  const signedIdentity = core.fromHex(`01${'00'.repeat(30)}80`);
  const offCurve = core.fromHex(`02${'00'.repeat(31)}`);
  const nonCanonical = core.fromHex(`f0${'ff'.repeat(30)}7f`); // y = p + 3; 3 is the y of a point
  const cases = [
    valid('the public key of RFC 8032 TEST 1', didOf(rfcKey), ['rfc8032']),
    valid("the buyer fixture's key", PARTIES.buyer.did, ['fixture']),
    ...SMALL_ORDER.map(([hex, what]) =>
      invalid(`small order: ${what}`, didOf(core.fromHex(hex)), ['small-order']),
    ),
    invalid('x = 0 with the sign bit set (non-canonical identity)', didOf(signedIdentity), ['non-canonical']),
    invalid('y = 2 is not the y of any curve point', didOf(offCurve), ['off-curve']),
    invalid('y = p + 3: a non-canonical encoding of a curve point', didOf(nonCanonical), ['non-canonical']),
    invalid('multicodec 0xed 0x00 instead of 0xed 0x01', didOf(rfcKey, [0xed, 0x00]), ['multicodec']),
    invalid('an X25519 did:key (multicodec 0xec 0x01)', didOf(rfcKey, [0xec, 0x01]), ['multicodec']),
    invalid('one byte too many', didOf([...rfcKey, 0]), ['length']),
    invalid('one byte too few', didOf(rfcKey.subarray(1)), ['length']),
    invalid('base64url instead of base58btc (multibase "u")', `did:key:u7QE${core.toBase64url(rfcKey)}`, [
      'multibase',
    ]),
    invalid('upper-case method name', didOf(rfcKey).replace('did:key', 'DID:KEY'), ['syntax']),
    invalid('a character outside the base58 alphabet', `${didOf(rfcKey).slice(0, -1)}0`, ['syntax']),
  ];
  return {
    description:
      'Decoding a did:key to the Ed25519 public key it names. A valid one is did:key:z, then base58btc of ' +
      'the two bytes 0xed 0x01 and a 32-byte public key that is a canonical encoding of a curve point not of ' +
      'small order; anything else is ERR_KEY_INVALID.',
    source: 'spec/identity.md#didkey; spec/signatures.md#small-order-keys',
    cases,
  };
}
