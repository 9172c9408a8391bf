/**
 * What the console's end-to-end test runs on: the console built from the workspace sources, a real relay
 * in this process serving it (SQLite in a temporary directory, the live streams, the console plugin),
 * and Debian's Chromium driven by playwright-core with a fresh profile.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from '@intentcast/core';
import { type BrowserContext, chromium } from 'playwright-core';
import { consolePlugin } from '../../relay/src/console.js';
import { buildRelay, openSqliteStore, type Store } from '../../relay/src/index.js';
import { createHub, streamPlugin } from '../../relay/src/stream/index.js';
import { buildConsole } from '../build.mjs';

/** The browser binary: Debian's package, as .ci/run installs it, unless CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ConsoleRelay {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** Builds the console into a temporary directory and serves it from a relay on 127.0.0.1, port 0. */
export async function startConsoleRelay(): Promise<ConsoleRelay> {
  const dir = await mkdtemp(join(tmpdir(), 'intentcast-console-e2e-'));
  const { inputs } = await buildConsole({ outDir: join(dir, 'public'), sources: true, minify: false });
  // The bundle reads the sources of this workspace, never a stale dist of one of its packages.
  const stale = inputs.filter((input) => /(?:^|\/)packages\/[^/]+\/dist\//.test(input));
  if (stale.length > 0) throw new Error(`the console bundle read a dist: ${stale.join(', ')}`);
  const store = openSqliteStore(join(dir, 'relay.sqlite'), { synchronous: 'NORMAL' });
  const hub = createHub();
  const app = await buildRelay({
    store,
    key: generateKeyPair(),
    hub,
    plugins: [streamPlugin({ hub }), consolePlugin({ root: join(dir, 'public') })],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    async close() {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium, headless, with a profile of its own that is deleted on close. */
export async function launchChromium(): Promise<RunningBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the console's end-to-end tests need it. .ci/run installs it ` +
        '(apt-get install chromium); set CHROMIUM_PATH to use another binary. Playwright browser downloads are not used.',
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'intentcast-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 30_000,
      viewport: { width: 1280, height: 900 },
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
