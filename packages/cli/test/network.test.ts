import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run, tempDir } from './helpers.js';
import { type RunningRelay, startRelay } from './relay-harness.js';

const TERMS = ['--terms-uri', 'https://example.org/terms/no-tracking', '--terms-sha256', 'a'.repeat(64)];

describe('cast, watch, offer, reply, thread and keys against a real relay', () => {
  let relay: RunningRelay;
  let buyerDir: Awaited<ReturnType<typeof tempDir>>;
  let vendorDir: Awaited<ReturnType<typeof tempDir>>;
  const buyer = () => ['--relay', relay.url, '--keys', buyerDir.dir];
  const vendor = () => ['--relay', relay.url, '--keys', vendorDir.dir];
  let intentId = '';
  let offerId = '';

  beforeAll(async () => {
    relay = await startRelay();
    buyerDir = await tempDir();
    vendorDir = await tempDir();
  });
  afterAll(async () => {
    await relay?.close();
    await buyerDir?.remove();
    await vendorDir?.remove();
  });

  test('cast prints the intent id and a stored line for the relay', async () => {
    const result = await run([
      'cast',
      ...buyer(),
      '--category',
      'lodging.hotel',
      '--description',
      'A quiet double room',
      '--region',
      'PT-11',
      '--budget-max',
      '180.00',
      '--currency',
      'EUR',
      ...TERMS,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const match = /^intent ([0-9a-f]{64})\n {2}stored (\S+) \(seq \d+\)\n$/.exec(result.stdout);
    expect(match?.[2]).toBe(relay.url);
    intentId = match![1]!;
  });

  test('watch --limit 1 --json sees the cast intent', async () => {
    const result = await run([
      'watch',
      ...vendor(),
      '--category',
      'lodging',
      '--limit',
      '1',
      '--json',
      '--timeout',
      '15',
    ]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0]!);
    expect(event.relay).toBe(relay.url);
    expect(event.intent).toMatchObject({
      id: intentId,
      type: 'intent',
      body: { where: { region: 'PT-11' } },
    });
  });

  test('watch --timeout ends with nothing when no intent matches', async () => {
    const result = await run(['watch', ...vendor(), '--category', 'travel.flight', '--timeout', '1']);
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('offer sends an offer from the vendor identity', async () => {
    const result = await run([
      'offer',
      intentId,
      ...vendor(),
      '--price',
      '139.00',
      '--currency',
      'EUR',
      '--description',
      'Room 12, river view',
      '--json',
    ]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const output = JSON.parse(result.stdout);
    expect(output.offer).toMatchObject({
      type: 'offer',
      thread: intentId,
      body: { price: { amount: '139.00' } },
    });
    expect(output.relays).toEqual([{ relay: relay.url, ok: true, seq: expect.any(Number) }]);
    offerId = output.id;
  });

  test('reply accept answers the offer with the intent key', async () => {
    const result = await run(['reply', offerId, 'accept', ...buyer()]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^accept [0-9a-f]{64} to offer ${offerId}\\n {2}stored `));
  });

  test('thread shows the thread accepted, for the buyer and for the vendor', async () => {
    const asBuyer = await run(['thread', intentId, ...buyer()]);
    expect(asBuyer).toMatchObject({ status: 0, stderr: '' });
    expect(asBuyer.stdout).toContain('state accepted (read as buyer)');
    expect(asBuyer.stdout).toContain(`offer    ${offerId}`);
    expect(asBuyer.stdout).toMatch(/reply +[0-9a-f]{64} by did:key:\S+ accept/);
    const asVendor = await run(['thread', intentId, ...vendor(), '--json']);
    expect(asVendor.status).toBe(0);
    const view = JSON.parse(asVendor.stdout);
    expect(view).toMatchObject({ state: 'accepted', as: 'vendor' });
    expect(view.negotiations).toEqual([expect.objectContaining({ id: offerId, status: 'accepted' })]);
  });

  test('keys list shows the intent key and no private part', async () => {
    const result = await run(['keys', 'list', '--keys', buyerDir.dir, '--json']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const { keys } = JSON.parse(result.stdout);
    expect(keys).toEqual([expect.objectContaining({ name: `intent.${intentId}`, kind: 'intent' })]);
    expect(keys[0].did).toMatch(/^did:key:z6Mk/);
    expect(result.stdout).not.toContain('"d"');
    const text = await run(['keys', 'list', '--keys', buyerDir.dir]);
    expect(text.stdout).toBe(`intent.${intentId} ${keys[0].did}\n`);
  });

  test('keys export prints the public JWK, and the private one only with --private and a warning', async () => {
    const name = `intent.${intentId}`;
    const open = await run(['keys', 'export', name, '--keys', buyerDir.dir]);
    expect(open).toMatchObject({ status: 0, stderr: '' });
    const jwk = JSON.parse(open.stdout);
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    const secret = await run(['keys', 'export', name, '--keys', buyerDir.dir, '--private']);
    expect(secret.status).toBe(0);
    expect(secret.stderr).toContain('warning: this is the private key');
    expect(JSON.parse(secret.stdout)).toMatchObject({ x: jwk.x, d: expect.any(String) });
  });

  test('keys import stores a keygen key as an identity, and refuses to replace one', async () => {
    const dir = await tempDir();
    try {
      const made = await run(['keygen', '--out', dir.path('vendor.jwk')]);
      const keys = dir.path('keys');
      const imported = await run(['keys', 'import', dir.path('vendor.jwk'), '--keys', keys]);
      expect(imported).toEqual({ status: 0, stdout: `identity.default ${made.stdout}`, stderr: '' });
      expect(await readdir(keys)).toEqual(['identity.default.json']);
      const again = await run(['keys', 'import', dir.path('vendor.jwk'), '--keys', keys]);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('already holds identity.default');
      await writeFile(
        dir.path('public.jwk'),
        JSON.stringify({
          kty: 'OKP',
          crv: 'Ed25519',
          x: JSON.parse(await readFile(dir.path('vendor.jwk'), 'utf8')).x,
        }),
      );
      const publicOnly = await run(['keys', 'import', dir.path('public.jwk'), '--keys', dir.path('other')]);
      expect(publicOnly.status).toBe(1);
      expect(publicOnly.stderr).toMatch(/^ERR_KEY_INVALID: .*no private part "d"/);
    } finally {
      await dir.remove();
    }
  });

  test('withdraw withdraws the vendor offer, and the buyer intent', async () => {
    const offerOut = await run(['withdraw', offerId, ...vendor()]);
    expect(offerOut).toMatchObject({ status: 0, stderr: '' });
    expect(offerOut.stdout).toMatch(new RegExp(`^withdrew offer ${offerId} `));
    const intentOut = await run(['withdraw', intentId, ...buyer(), '--json']);
    expect(intentOut).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(intentOut.stdout).withdraw).toMatchObject({ type: 'withdraw', ref: intentId });
    const view = JSON.parse((await run(['thread', intentId, ...buyer(), '--json'])).stdout);
    expect(view.state).toBe('withdrawn');
  });

  test('an unknown intent id exits 1 with ERR_NOT_FOUND', async () => {
    const unknown = 'f'.repeat(64);
    const result = await run([
      'offer',
      unknown,
      ...vendor(),
      '--price',
      '1.00',
      '--currency',
      'EUR',
      '--description',
      'x',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ERR_NOT_FOUND: /);
    const replied = await run(['reply', unknown, 'accept', ...buyer()]);
    expect(replied.status).toBe(1);
    expect(replied.stderr).toMatch(/^ERR_NOT_FOUND: no relay shows offer f{64}/);
  });

  test('an unreachable relay exits 1 with the relay code', async () => {
    const result = await run([
      'thread',
      'f'.repeat(64),
      '--relay',
      'http://127.0.0.1:9',
      '--keys',
      buyerDir.dir,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ERR_[A-Z_]+: /);
  });
});

describe('relay', () => {
  test('passes its options to intentcast-relay serve, whose help and refusals come through', async () => {
    const help = await run(['relay', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: intentcast-relay serve [options]');
    expect(help.stdout).toContain('--port');
    const bad = await run(['relay', '--no-such-option']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown option '--no-such-option'");
  });
});

describe('bad flags exit 2 with a clear message', () => {
  test.each([
    {
      argv: ['cast', '--category', 'lodging'],
      message:
        "required options '--description <text>', '--terms-uri <uri>', '--terms-sha256 <hex>' not specified",
    },
    {
      argv: ['cast', '--quantity', 'two'],
      message: "option '--quantity <n>' argument 'two' is invalid. expected a whole number of at least 1.",
    },
    {
      argv: ['cast', '--expires-in', 'soon'],
      message: 'expected a duration such as 90 (seconds), 15m, 2h or 7d.',
    },
    {
      argv: ['cast', '--file', 'x.json', '--category', 'lodging'],
      message: '--file cannot be combined with the intent flags',
    },
    {
      argv: ['cast', '--budget-max', '10', ...TERMS, '--category', 'a', '--description', 'b'],
      message: 'a budget needs --budget-max and --currency',
    },
    { argv: ['watch', '--near', 'lisbon'], message: '--near: expected LAT,LON,RADIUS_KM' },
    { argv: ['watch', '--relay', 'ftp://relay.example'], message: '--relay: expected an http(s) URL' },
    {
      argv: ['offer', 'abc', '--price', '1.00'],
      message: "required option '--currency <code>' not specified",
    },
    {
      argv: ['reply', 'abc', 'maybe'],
      message:
        "value 'maybe' is invalid for argument 'decision'. Allowed choices are accept, decline, counter, question.",
    },
    { argv: ['reply', 'abc', 'counter'], message: 'counter needs --price and --currency' },
    { argv: ['reply', 'abc', 'accept', '--reason', 'price'], message: '--reason is for decline, not accept' },
    { argv: ['reply', 'abc', 'question'], message: 'question needs --text' },
    {
      argv: ['keys', 'export', 'nonsense'],
      message: 'key name: expected intent.<id>, identity.<id> or seal.<id>',
    },
  ])('$argv', async ({ argv, message }) => {
    const dir = await tempDir();
    try {
      const result = await run([...argv, ...(argv[0] === 'keys' ? ['--keys', dir.dir] : [])]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    } finally {
      await dir.remove();
    }
  });
});

describe('a vendor that revises and confirms from the command line', () => {
  let relay: RunningRelay;
  let buyerDir: Awaited<ReturnType<typeof tempDir>>;
  let vendorDir: Awaited<ReturnType<typeof tempDir>>;
  const buyer = () => ['--relay', relay.url, '--keys', buyerDir.dir];
  const vendor = () => ['--relay', relay.url, '--keys', vendorDir.dir];
  const json = async (argv: string[]) => {
    const result = await run([...argv, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as { id: string; [key: string]: unknown };
  };

  beforeAll(async () => {
    relay = await startRelay();
    buyerDir = await tempDir();
    vendorDir = await tempDir();
  });
  afterAll(async () => {
    await relay?.close();
    await buyerDir?.remove();
    await vendorDir?.remove();
  });

  test('counter, revised offer, accept and confirm close the thread', async () => {
    const intent = await json([
      'cast',
      ...buyer(),
      '--category',
      'lodging.hotel',
      '--description',
      'A room for two nights',
      ...TERMS,
    ]);
    const first = await json([
      'offer',
      intent.id,
      ...vendor(),
      '--price',
      '150.00',
      '--currency',
      'EUR',
      '--description',
      'Room 4',
      '--name',
      'Casa Azul',
    ]);
    const counter = await json([
      'reply',
      first.id,
      'counter',
      ...buyer(),
      '--price',
      '120.00',
      '--currency',
      'EUR',
    ]);
    const revised = await json(['revise', counter.id, ...vendor(), '--price', '130.00', '--currency', 'EUR']);
    expect(revised.offer).toMatchObject({
      type: 'offer',
      ref: counter.id,
      body: {
        price: { amount: '130.00', currency: 'EUR' },
        description: 'Room 4',
        vendor: { name: 'Casa Azul' },
      },
    });
    const accept = await json(['reply', revised.id, 'accept', ...buyer()]);
    const confirmed = await run(['confirm', accept.id, ...vendor(), '--reference', 'BK-7']);
    expect(confirmed.stderr).toBe('');
    expect(confirmed.status).toBe(0);
    expect(confirmed.stdout).toMatch(
      new RegExp(`^confirm [0-9a-f]{64} of accept ${accept.id}\\n {2}stored `),
    );
    const view = await json(['thread', intent.id, ...buyer()]);
    expect(view.state).toBe('closed');
  });

  test('refuses what it cannot do, with the codes and exit statuses of the other commands', async () => {
    const usage = await run(['revise', 'f'.repeat(64), ...vendor(), '--price', '10.00']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--price and --currency go together');
    const unknown = await run(['confirm', 'f'.repeat(64), ...vendor()]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^ERR_NOT_FOUND: /);
  });
});
