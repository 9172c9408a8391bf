import { concatBytes, fromHex, utf8 } from './encoding.js';

/**
 * Purposes for which Intentcast keys sign. Each gets its own label, so a signature made for one can never
 * be taken for another, nor for another protocol's message (spec/signatures.md#domain-separation).
 */
export type SignaturePurpose = 'message' | 'receipt' | 'auth';

/**
 * The bytes an Ed25519 key signs: the ASCII label `intentcast/1/<purpose>`, one zero byte, then the payload.
 * For messages the payload is the 32 raw bytes of the id.
 *
 * @example
 * signingInput('message', fromHex(message.id)); // 'intentcast/1/message' 0x00 <32 bytes>
 */
export function signingInput(purpose: SignaturePurpose, payload: Uint8Array): Uint8Array {
  return concatBytes(utf8(`intentcast/1/${purpose}`), Uint8Array.of(0), payload);
}

/** The signing input of a message with the given id. */
export function messageSigningInput(id: string): Uint8Array {
  return signingInput('message', fromHex(id));
}
