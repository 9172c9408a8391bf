import { IntentcastError } from '@intentcast/core';
import { isIpLiteral, isPublicAddress, type Resolve } from './address.js';

/** What the operator allows as a delivery target. */
export interface TargetPolicy {
  allowPrivateTargets: boolean;
  allowHttpTargets: boolean;
  resolve: Resolve;
}

export const MAX_URL_LENGTH = 2048;

/**
 * Why a target is refused: thrown by the checks below and by the connect-time lookup, so that an attempt
 * refused for its address is told apart from one that failed on the network.
 */
export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError' as const;
  readonly code = 'ERR_TARGET_REFUSED' as const;
}

/**
 * The parts of a target URL that can be checked without the network: the scheme, no credentials, no
 * fragment, a host, and, when the host is an IP address, that the address is public. Returns the URL.
 */
export function checkTargetForm(text: string, policy: Omit<TargetPolicy, 'resolve'>): URL {
  if (text.length > MAX_URL_LENGTH)
    throw new TargetRefusedError(`is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetRefusedError('is not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttpTargets)) {
    throw new TargetRefusedError(
      policy.allowHttpTargets ? 'must be an https: or http: URL' : 'must be an https: URL',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new TargetRefusedError('must not hold a user name or password');
  }
  if (url.hash !== '' || text.includes('#')) throw new TargetRefusedError('must not have a fragment');
  if (url.hostname === '') throw new TargetRefusedError('has no host');
  if (!policy.allowPrivateTargets && isIpLiteral(url.hostname) && !isPublicAddress(url.hostname)) {
    throw new TargetRefusedError(`names ${url.hostname}, which is not a public address`);
  }
  return url;
}

/**
 * Checks a target URL completely, as at registration: its form, then, for a host name, that it resolves
 * and that every address it resolves to is public. The same address check runs again on every delivery,
 * at connect time, since what a name resolves to can change.
 */
export async function checkTarget(text: string, policy: TargetPolicy): Promise<URL> {
  const url = checkTargetForm(text, policy);
  if (policy.allowPrivateTargets || isIpLiteral(url.hostname)) return url;
  let addresses: { address: string }[];
  try {
    addresses = await policy.resolve(url.hostname);
  } catch {
    throw new TargetRefusedError(`host ${url.hostname} does not resolve`);
  }
  if (addresses.length === 0) throw new TargetRefusedError(`host ${url.hostname} does not resolve`);
  const refused = addresses.find(({ address }) => !isPublicAddress(address));
  if (refused) {
    throw new TargetRefusedError(
      `host ${url.hostname} resolves to ${refused.address}, which is not a public address`,
    );
  }
  return url;
}

/** checkTarget for a route: a refusal becomes ERR_BAD_REQUEST at `/url`. */
export async function assertTarget(text: string, policy: TargetPolicy): Promise<string> {
  try {
    return (await checkTarget(text, policy)).href;
  } catch (err) {
    if (err instanceof TargetRefusedError) {
      throw new IntentcastError('ERR_BAD_REQUEST', `url ${err.message}`, { path: '/url' });
    }
    throw err;
  }
}
