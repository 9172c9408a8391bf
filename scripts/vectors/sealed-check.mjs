// Checks sealed.json against the built core's seal and open functions.
import { check, core } from './common.mjs';

async function outcome(promise) {
  try {
    return { content: await promise };
  } catch (err) {
    return { code: err.code ?? String(err) };
  }
}

/**
 * Checks every case of sealed.json against the built core's seal and open functions, so the file is written
 * only when an independent writer (jwe.mjs) and the reference implementation agree.
 */
export async function checkSealedAgainstCore(file) {
  const { seal, openSealed, openSealedString } = core;
  for (const { description, input, expected } of file.cases) {
    let got;
    let want = expected;
    if ('content' in input) {
      const sealed = await seal(input.content, input.recipient, {
        thread: input.thread,
        ephemeralPrivateJwk: input.ephemeralPrivateJwk,
        iv: core.fromHex(input.iv),
      });
      got = { sealed };
      want = { sealed: expected.sealed };
    } else if ('message' in input) {
      got = await outcome(openSealed(input.message, input.privateJwk));
    } else {
      got = await outcome(openSealedString(input.sealed, input.privateJwk, input.thread));
    }
    check(
      core.canonicalJson(got) === core.canonicalJson(want),
      `sealed "${description}": core gives ${JSON.stringify(got)}`,
    );
  }
}
