import {
  type Failure,
  type Message,
  openSealed,
  type Result,
  type SealedContent,
  type SealedMessage,
  type SealPrivateKey,
  toFailure,
} from '@intentcast/core';

/** The sealed part of a message, if it has one. */
export function sealedOf(message: Message): string | undefined {
  const body = message.body as { sealed?: unknown };
  return typeof body.sealed === 'string' ? body.sealed : undefined;
}

/**
 * Opens a message's sealed part with `key`: the content, undefined when there is no sealed part, or why
 * it cannot be opened (no key, another key, altered, content the message may not seal).
 */
export async function openPart(
  message: Message,
  key: SealPrivateKey | undefined,
): Promise<Result<SealedContent | undefined>> {
  if (sealedOf(message) === undefined) return { ok: true, value: undefined };
  if (key === undefined) {
    const failure: Failure = {
      ok: false,
      code: 'ERR_SEAL',
      message: 'the message has a sealed part, and the keystore holds no key to open it',
      path: '/body/sealed',
    };
    return failure;
  }
  try {
    return { ok: true, value: await openSealed(message as unknown as SealedMessage, key) };
  } catch (err) {
    return toFailure(err);
  }
}
