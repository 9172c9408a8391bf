/**
 * The built relay package, with its stream layer whether the package exports it from the main entry or
 * from a `./stream` subpath. Sections check for what they need and report a skip when it is missing.
 */
import * as main from '@intentcast/relay';

async function optional(specifier) {
  try {
    return await import(specifier);
  } catch {
    return {};
  }
}

const stream = typeof main.createHub === 'function' ? {} : await optional('@intentcast/relay/stream');

export const relay = { ...stream, ...main };

/** Why the stream sections cannot run, or undefined when they can. */
export function streamsMissing() {
  return typeof relay.createHub === 'function' && typeof relay.streamPlugin === 'function'
    ? undefined
    : 'the built relay exports neither createHub nor streamPlugin (from @intentcast/relay or its ./stream subpath)';
}
