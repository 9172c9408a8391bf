/**
 * Baseline: the bare single-core native Ed25519 verify rate, node:crypto verify over pre-made signatures
 * with pre-parsed public keys, in this process. It bounds what a relay that verifies every message can
 * ingest per core. Also times core's full validateMessage on real intents (parse, schema, canonical id,
 * signature), to show where the per-message cost goes beyond the signature.
 */
import { createPublicKey, verify } from 'node:crypto';
import { messageSigningInput, publicKeyFromDidKey, validateMessage } from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function timeLoop(seconds, round) {
  let operations = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) operations += round();
  return operations / ((performance.now() - start) / 1000);
}

/** `texts`: signed intents (JSON). Runs each loop for `seconds`. */
export function measureVerify(texts, { seconds }) {
  const sample = texts.slice(0, 512).map((text) => JSON.parse(text));
  const cases = sample.map((message) => ({
    input: messageSigningInput(message.id),
    signature: Buffer.from(message.sig, 'hex'),
    key: createPublicKey({
      key: Buffer.concat([SPKI_ED25519, publicKeyFromDidKey(message.author)]),
      format: 'der',
      type: 'spki',
    }),
  }));
  let failures = 0;
  const round = () => {
    for (const c of cases) if (!verify(null, c.input, c.key, c.signature)) failures++;
    return cases.length;
  };
  round();
  const verifyPerSecond = timeLoop(seconds, round);
  if (failures > 0) throw new Error(`${failures} baseline signatures did not verify`);

  const backend = createNodeBackend();
  const textSample = texts.slice(0, 512);
  let invalid = 0;
  const validateRound = () => {
    for (const text of textSample) if (!validateMessage(text, { backend }).ok) invalid++;
    return textSample.length;
  };
  validateRound();
  const validatePerSecond = timeLoop(seconds, validateRound);
  if (invalid > 0) throw new Error(`${invalid} generated intents did not validate`);
  return {
    verifyPerSecond,
    validateMessagePerSecond: validatePerSecond,
    keys: new Set(sample.map((m) => m.author)).size,
  };
}
