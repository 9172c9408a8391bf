import { readdir } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import { killAll, removeAll, run, tempDir } from './processes.js';

afterEach(async () => {
  killAll();
  await removeAll();
});

it('plays the whole negotiation, says where to look next, exits 0 and leaves nothing behind', async () => {
  // The demo's temporary directory is made under this one, which must be empty again at the end.
  const tmp = await tempDir('demo-tmp');
  const demo = run('examples/demo/demo.mjs', [], { TMPDIR: tmp });
  expect(await demo.exit(30_000)).toBe(0);
  const out = demo.stdout();
  expect(demo.stderr()).toBe('');
  expect(await readdir(tmp)).toEqual([]);
  // Not a terminal: no colours.
  expect(out).not.toContain('\u001b[');

  const steps = [
    /^relay +started +http:\/\/127\.0\.0\.1:\d+ /m,
    /^Casa Azul +ready +Casa Azul \(did:key:z6Mk/m,
    /^Alfama Guesthouse +ready +Alfama Guesthouse \(did:key:z6Mk/m,
    /^buyer +want +A quiet double room for 2 nights in PT-11, .*, up to 300\.00 EUR$/m,
    /^buyer +cast +intent [0-9a-f]{64} \(stored by 1 relay\(s\)\)$/m,
    /^buyer +offer +Alfama Guesthouse: 250\.00 EUR \(sealed, opened\)/m,
    /^buyer +best +Alfama Guesthouse at 250\.00 EUR$/m,
    /^buyer +counter +225\.00 EUR to Alfama Guesthouse \(sealed\)$/m,
    /^buyer +revised +Alfama Guesthouse: 225\.00 EUR/m,
    /^buyer +decline +Casa Azul \(chose another offer\)$/m,
    /^buyer +accept +Alfama Guesthouse at 225\.00 EUR$/m,
    /^buyer +confirm +Alfama Guesthouse: booking AL-DBL-TILE-[0-9A-F]{6}$/m,
    /^buyer +done +Alfama Guesthouse, 225\.00 EUR, booking AL-DBL-TILE-[0-9A-F]{6}$/m,
    /^Where to look next$/m,
    /^ {2}npm start +a relay at http:\/\/127\.0\.0\.1:8787; open http:\/\/127\.0\.0\.1:8787\/ for the console$/m,
  ];
  // Each step is there, after the one before it. (The hotels' lines interleave with the buyer's as
  // messages cross, so they are checked apart.)
  let from = 0;
  for (const step of steps) {
    const at = out.slice(from).search(step);
    expect(at, `${step} after position ${from} of\n${out}`).toBeGreaterThanOrEqual(0);
    from += at;
  }
  // The other offer, the hotels' side, and how each hotel's CRM ended.
  expect(out).toMatch(/^Alfama Guesthouse +revise +AL-DBL-TILE: 250\.00 EUR -> 225\.00 EUR/m);
  expect(out).toMatch(/^buyer +offer +Casa Azul: 278\.00 EUR \(sealed, opened\)/m);
  expect(out).toMatch(/^Casa Azul +lost +AZ-DBL-RIVER: declined \(chose-other\)$/m);
  expect(out).toMatch(/^Alfama Guesthouse +won +AL-DBL-TILE at 225\.00 EUR, confirmed as AL-DBL-TILE-/m);
  expect(out).toMatch(/^Casa Azul +crm +0 won, 1 lost$/m);
  expect(out).toMatch(/^Alfama Guesthouse +crm +1 won, 0 lost$/m);
}, 40_000);
