import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent } from 'undici';
import { isPublicAddress, type Resolve } from './address.js';
import { TargetRefusedError } from './target.js';

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect that resolves with `resolve` and, unless private targets are allowed, fails
 * the connection when any address of the name is not public. The socket then connects to an address this
 * function returned, so the address checked is the address used: a name that resolves differently between
 * the check and the connection (DNS rebinding) cannot slip through.
 */
export function guardedLookup(resolve: Resolve, allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (found) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const addresses = found.filter((a) => wanted === undefined || a.family === wanted);
        if (addresses.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`host ${hostname} does not resolve`);
          err.code = 'ENOTFOUND';
          callback(err, '');
          return;
        }
        const refused = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
        if (refused) {
          callback(
            new TargetRefusedError(
              `host ${hostname} resolves to ${refused.address}, which is not a public address`,
            ),
            '',
          );
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: unknown) => {
        const failure: NodeJS.ErrnoException =
          err instanceof Error ? err : new Error(`host ${hostname} does not resolve`);
        callback(failure, '');
      },
    );
  };
}

/**
 * The HTTP client of deliveries: an undici Agent whose every connection resolves through guardedLookup,
 * with the attempt timeout on connecting, on the response headers and on the body. It never follows
 * redirects (undici's dispatcher does not unless told to).
 */
export function createDeliveryAgent(options: {
  resolve: Resolve;
  allowPrivateTargets: boolean;
  timeoutMs: number;
}): Agent {
  return new Agent({
    connect: {
      timeout: options.timeoutMs,
      lookup: guardedLookup(options.resolve, options.allowPrivateTargets),
    } as Agent.Options['connect'],
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 30_000,
    connections: 4,
  });
}
