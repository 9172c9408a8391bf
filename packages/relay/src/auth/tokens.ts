import { type Ed25519Jwk, IntentcastError, isValidDidKey } from '@intentcast/core';
import { importJWK, errors as joseErrors, jwtVerify, SignJWT } from 'jose';

type JoseKey = Awaited<ReturnType<typeof importJWK>>;

const MAX_TOKEN_LENGTH = 2048;

/**
 * Access tokens: JWTs signed by the relay key (EdDSA), naming the authenticated did:key as `sub` and the
 * relay's did:key as `iss` and `aud` (spec/auth.md#tokens).
 */
export class TokenService {
  readonly #relay: string;
  readonly #ttlMs: number;
  readonly #privateKey: JoseKey;
  readonly #publicKey: JoseKey;

  private constructor(relay: string, ttlMs: number, privateKey: JoseKey, publicKey: JoseKey) {
    this.#relay = relay;
    this.#ttlMs = ttlMs;
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
  }

  /** Imports the relay key for signing and verifying tokens. */
  static async create(options: {
    relay: string;
    publicJwk: Ed25519Jwk;
    secretJwk: Ed25519Jwk;
    ttlMs: number;
  }): Promise<TokenService> {
    const privateKey = await importJWK({ ...options.secretJwk }, 'EdDSA');
    const publicKey = await importJWK({ ...options.publicJwk }, 'EdDSA');
    return new TokenService(options.relay, options.ttlMs, privateKey, publicKey);
  }

  /** A token for `key`, valid from `now` for the token lifetime. */
  async issue(key: string, now: number): Promise<{ token: string; expires: number }> {
    const issuedAt = Math.floor(now / 1000);
    const expiresAt = issuedAt + Math.floor(this.#ttlMs / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setSubject(key)
      .setIssuer(this.#relay)
      .setAudience(this.#relay)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#privateKey);
    return { token, expires: expiresAt * 1000 };
  }

  /** The did:key a token was issued to; throws ERR_AUTH_INVALID for any token that does not verify at `now`. */
  async verify(token: string, now: number): Promise<string> {
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new IntentcastError('ERR_AUTH_INVALID', 'the access token is too long');
    }
    let sub: unknown;
    try {
      const { payload } = await jwtVerify(token, this.#publicKey, {
        algorithms: ['EdDSA'],
        issuer: this.#relay,
        audience: this.#relay,
        currentDate: new Date(now),
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 0,
      });
      sub = payload.sub;
    } catch (err) {
      const expired = err instanceof joseErrors.JWTExpired;
      throw new IntentcastError(
        'ERR_AUTH_INVALID',
        expired ? 'the access token has expired' : 'the access token does not verify',
      );
    }
    if (!isValidDidKey(sub))
      throw new IntentcastError('ERR_AUTH_INVALID', 'the access token names no did:key');
    return sub as string;
  }
}
