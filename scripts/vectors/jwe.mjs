// A second, independent writer of sealed parts (spec/sealed.md) on node:crypto alone: it can build the
// malformed parts the tampering vectors need, and its output is checked against core's `seal`.
import { createCipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { core, x25519FromSeed } from './common.mjs';

const b64url = (bytes) => core.toBase64url(Uint8Array.from(bytes));

function u32(n) {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
}

/** The Concat KDF of RFC 7518 section 4.6.2 for ECDH-ES direct agreement with A256GCM. */
export function concatKdf(sharedSecret) {
  const alg = Buffer.from('A256GCM', 'ascii');
  return new Uint8Array(
    createHash('sha256')
      .update(
        Buffer.concat([u32(1), Buffer.from(sharedSecret), u32(alg.length), alg, u32(0), u32(0), u32(256)]),
      )
      .digest(),
  );
}

/** X25519(private JWK, public JWK) with node:crypto. */
export function x25519(privateJwk, publicJwk) {
  return new Uint8Array(
    diffieHellman({
      privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }),
      publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: publicJwk.x }, format: 'jwk' }),
    }),
  );
}

/** The protected header the reference implementation writes, member for member. */
export function headerText(thread, ephemeralPublicJwk) {
  const { x, crv, kty } = ephemeralPublicJwk;
  return JSON.stringify({
    alg: 'ECDH-ES',
    enc: 'A256GCM',
    cty: 'intentcast-sealed+json',
    thr: thread,
    epk: { x, crv, kty },
  });
}

/**
 * Seals `plaintext` (text or bytes) to `recipient` with a fixed ephemeral key and IV. `header` replaces the
 * protected header text, to build parts that break a header rule yet decrypt.
 * Returns every intermediate value.
 */
export function sealWith({ plaintext, recipient, thread, ephemeral, iv, header }) {
  const sharedSecret = x25519(ephemeral.privateJwk, recipient);
  const cek = concatKdf(sharedSecret);
  const protectedHeader = header ?? headerText(thread, ephemeral.publicJwk);
  const encodedHeader = b64url(Buffer.from(protectedHeader, 'utf8'));
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(encodedHeader, 'ascii'));
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext);
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    sharedSecret: core.toHex(sharedSecret),
    cek: core.toHex(cek),
    protectedHeader,
    sealed: `${encodedHeader}..${b64url(iv)}.${b64url(ciphertext)}.${b64url(tag)}`,
  };
}

/** A fixed ephemeral X25519 key for vector number `n`. */
export function ephemeralKey(n) {
  return x25519FromSeed(createHash('sha256').update(`intentcast test vector x25519 ephemeral ${n}`).digest());
}

/** A fixed 12-byte IV for vector number `n`. */
export function fixedIv(n) {
  return new Uint8Array(
    createHash('sha256').update(`intentcast test vector iv ${n}`).digest().subarray(0, 12),
  );
}
