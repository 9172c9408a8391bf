import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

// The example imports the built package, exactly as a user's code would.
it('the quickstart example signs an intent, verifies it and refuses a tampered copy', async () => {
  const { stdout } = await run(process.execPath, ['examples/quickstart/sign-and-verify.mjs'], { cwd: root });
  expect(stdout).toMatch(
    /^intent [0-9a-f]{64}\nby {5}did:key:z6Mk\w+\nvalid\ntampered copy refused: ERR_ID_MISMATCH\n$/,
  );
});
