// Helpers of the invalid-message vectors: each invalid message is a valid one with one defect, signed again
// the way a correct signer would, so that the defect is the only reason to refuse it.
import { base58btc, core, forceSign, MINUTE, PARTIES, pretty, T0, ts, unsigned } from './common.mjs';
import { valid } from './story.mjs';

const seedOf = new Map(Object.values(PARTIES).map((p) => [p.did, p.secretKey]));

/** A copy of a valid message without id and sig, changed by `change`, then signed by its author. */
export function altered(name, change, secretKey) {
  const content = structuredClone(unsigned(valid(name)));
  change(content);
  return forceSign(content, secretKey ?? seedOf.get(content.author));
}

/** A did:key around any 32 bytes and multicodec prefix, valid key or not. */
export function didAround(keyHex, prefix = 'ed01') {
  return `did:key:z${base58btc(core.fromHex(prefix + keyHex))}`;
}

/** Replaces the first occurrence of `find` in the pretty text of a valid message. */
export function textOf(name, find, replace) {
  const text = pretty(valid(name));
  if (!text.includes(find)) throw new Error(`"${find}" not in ${name}`);
  return text.replace(find, replace);
}

/**
 * A collector of invalid messages: add(name, description, content, code, path, tags, now) appends
 * { name, description, now, content, expected: { code, path? }, tags }. `content` is a JSON value, or a
 * string or bytes written to the file as they are; `now` defaults to a minute after `created`.
 */
export function collector(list) {
  return (name, description, content, code, path, tags, now) => {
    const message = typeof content === 'object' && !(content instanceof Uint8Array) ? content : undefined;
    const created = message?.created ? Date.parse(message.created) : T0;
    const expected = path === undefined ? { code } : { code, path };
    list.push({
      name,
      description,
      now: now ?? ts(created + MINUTE),
      content,
      expected,
      tags: [code, ...tags],
    });
  };
}
