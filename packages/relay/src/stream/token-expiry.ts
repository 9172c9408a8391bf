import { decodeJwt } from 'jose';

/**
 * When an access token stops being valid, epoch milliseconds: the `exp` claim of a JWT, undefined for a
 * token without one or that is not a JWT (a plugin's own kind of token). Read without verifying: it is
 * called only for tokens the relay has just verified.
 */
export function jwtExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** What a stream needs to end a mailbox subscription when its token lapses. */
export interface TokenLifetime {
  /** The expiry of a verified token (jwtExpiry by default). */
  expiry: (token: string) => number | undefined;
  /** The relay's clock, which tokens are judged by. */
  clock: () => number;
}

/** Milliseconds until a token lapses, or undefined when it states no expiry. */
export function timeLeft(lifetime: TokenLifetime, token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  const expires = lifetime.expiry(token);
  return expires === undefined ? undefined : Math.max(0, expires - lifetime.clock());
}
