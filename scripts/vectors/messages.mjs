// messages/valid, messages/invalid, messages/index.json and messages/intermediate.json.
import { check, core, MINUTE, pretty, T0, ts, validateAll, vectorCase } from './common.mjs';
import { invalidMessages } from './invalid.mjs';
import { valid, validMessages } from './story.mjs';

/** Valid messages at the edges of the time rules: the same message, judged at a boundary. */
function boundaryMessages() {
  const minimal = valid('intent-minimal');
  return [
    {
      name: 'boundary-clock-skew',
      description: 'intent-minimal checked exactly 5 minutes before it was created: within the allowed skew',
      now: ts(T0 - 5 * MINUTE),
      message: minimal,
      tags: ['boundary', 'time'],
    },
    {
      name: 'boundary-last-second',
      description: 'intent-minimal checked one second before it expires',
      now: ts(Date.parse(minimal.expires) - 1000),
      message: minimal,
      tags: ['boundary', 'time'],
    },
  ];
}

function allValid() {
  return [...validMessages(), ...boundaryMessages()];
}

function fileContent(content) {
  if (typeof content === 'string' || content instanceof Uint8Array) return content;
  return pretty(content);
}

/** The files of test-vectors/messages, by path relative to test-vectors. */
export function messageFiles() {
  const files = {};
  const index = {
    description:
      'Every file of messages/valid and messages/invalid, with the time ("now") at which to check it. ' +
      'Valid files pass every check; each invalid file fails with exactly the code given. "path" is the JSON ' +
      'Pointer this implementation reports; only the code is normative.',
    source: 'spec/validation.md',
    valid: [],
    invalid: [],
  };
  const intermediate = [];
  for (const entry of allValid()) {
    const file = `valid/${entry.name}.json`;
    const text = pretty(entry.message);
    const result = validateAll(text, { now: Date.parse(entry.now) });
    check(result.ok, `valid/${entry.name} is refused: ${result.code} ${result.message}`);
    files[`messages/${file}`] = text;
    index.valid.push({ file, description: entry.description, now: entry.now, tags: entry.tags });
    const bytes = core.canonicalBytes(entry.message);
    const id = core.messageId(entry.message);
    check(id === entry.message.id, `id of ${entry.name}`);
    intermediate.push(
      vectorCase(
        `every step of ${entry.name}`,
        { file },
        {
          canonical: core.fromUtf8(bytes),
          canonicalHex: core.toHex(bytes),
          id,
          publicKey: core.toHex(core.publicKeyFromDidKey(entry.message.author)),
          signingInput: core.toHex(core.messageSigningInput(id)),
          sig: entry.message.sig,
        },
        entry.tags,
      ),
    );
  }
  for (const entry of invalidMessages()) {
    const file = `invalid/${entry.name}.json`;
    const content = fileContent(entry.content);
    const bytes = typeof content === 'string' ? core.utf8(content) : content;
    const result = validateAll(bytes, { now: Date.parse(entry.now) });
    check(
      !result.ok && result.code === entry.expected.code && result.path === entry.expected.path,
      `invalid/${entry.name}: expected ${JSON.stringify(entry.expected)}, got ${
        result.ok ? 'ok' : JSON.stringify({ code: result.code, path: result.path })
      }`,
    );
    files[`messages/${file}`] = content;
    index.invalid.push({
      file,
      description: entry.description,
      now: entry.now,
      expected: entry.expected,
      tags: entry.tags,
    });
  }
  files['messages/index.json'] = pretty(index);
  files['messages/intermediate.json'] = pretty({
    description:
      'For each file of messages/valid, every value a verifier computes on the way: the canonical form ' +
      'without id and sig (text and UTF-8 hex), the id (SHA-256 of those bytes), the author public key from ' +
      'its did:key, the signing input, and the signature that verifies over it.',
    source: 'spec/canonical-form.md; spec/signatures.md',
    cases: intermediate,
  });
  return files;
}
