#!/usr/bin/env node
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { buildRelay } from './app.js';
import { loadOrCreateRelayKey } from './key-file.js';
import { DEFAULT_LIMITS, DEFAULT_RETENTION, listPolicy, type OperatorInfo } from './options.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';
import { SOFTWARE } from './version.js';

/** The process entry of the relay: options, data directory, key, store, listen, graceful shutdown. */

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return n;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface CliOptions {
  port: number;
  host: string;
  data: string;
  logLevel: string;
  maxBatch: number;
  bodyLimit: number;
  rateLimit: number;
  rateLimitKey: number;
  retentionDays: number;
  synchronous: 'FULL' | 'NORMAL' | 'EXTRA';
  operatorName?: string;
  operatorEmail?: string;
  operatorUrl?: string;
  allowKey?: string[];
  denyKey?: string[];
  trustProxy?: boolean;
}

const program = new Command('intentcast-relay')
  .description('Runs an Intentcast relay: validates, stores, routes and streams signed messages.')
  .version(SOFTWARE.version)
  .addOption(
    new Option('--port <number>', 'port to listen on (0: any free port)')
      .env('PORT')
      .default(8787)
      .argParser(integer(0, 65535)),
  )
  .addOption(new Option('--host <address>', 'address to listen on').env('HOST').default('127.0.0.1'))
  .addOption(
    new Option('--data <dir>', 'data directory (store and relay key)')
      .env('INTENTCAST_DATA')
      .default('./data'),
  )
  .addOption(
    new Option('--log-level <level>', 'log level')
      .env('LOG_LEVEL')
      .default('info')
      .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  )
  .addOption(
    new Option('--max-batch <n>', 'most messages in one batch')
      .default(DEFAULT_LIMITS.maxBatch)
      .argParser(integer(1, 1000)),
  )
  .addOption(
    new Option('--body-limit <bytes>', 'largest request body')
      .default(DEFAULT_LIMITS.bodyLimit)
      .argParser(integer(1024, 64 * 1024 * 1024)),
  )
  .addOption(
    new Option('--rate-limit <n>', 'requests per minute from one IP address')
      .default(DEFAULT_LIMITS.rateLimitPerIp)
      .argParser(integer(1, 1_000_000)),
  )
  .addOption(
    new Option('--rate-limit-key <n>', 'requests per minute from one authenticated key')
      .default(DEFAULT_LIMITS.rateLimitPerKey)
      .argParser(integer(1, 1_000_000)),
  )
  .addOption(
    new Option('--retention-days <n>', 'days after expiry that an intent and its thread are deleted')
      .default(DEFAULT_RETENTION.days)
      .argParser(integer(0, 36_500)),
  )
  .addOption(
    new Option('--synchronous <mode>', 'SQLite durability: FULL syncs every commit to disk')
      .default('FULL')
      .choices(['FULL', 'NORMAL', 'EXTRA']),
  )
  .option('--operator-name <name>', 'operator name, published in /.well-known/intentcast')
  .option('--operator-email <email>', 'operator contact address')
  .option('--operator-url <url>', 'operator web page')
  .option('--allow-key <did>', 'accept messages only from this key (repeatable)', collect)
  .option('--deny-key <did>', 'refuse messages from this key (repeatable)', collect)
  .option('--trust-proxy', 'take the client address from X-Forwarded-For');

program.parse();
const options = program.opts<CliOptions>();

async function start(cli: CliOptions): Promise<void> {
  await mkdir(cli.data, { recursive: true, mode: 0o700 });
  const { key } = await loadOrCreateRelayKey(join(cli.data, 'relay-key.json'));
  const store = openSqliteStore(join(cli.data, 'relay.sqlite'), { synchronous: cli.synchronous });
  const operator: OperatorInfo = {};
  if (cli.operatorName) operator.name = cli.operatorName;
  if (cli.operatorEmail) operator.email = cli.operatorEmail;
  if (cli.operatorUrl) operator.url = cli.operatorUrl;
  const relay = await buildRelay({
    store,
    key,
    logger: { level: cli.logLevel },
    limits: {
      maxBatch: cli.maxBatch,
      bodyLimit: cli.bodyLimit,
      rateLimitPerIp: cli.rateLimit,
      rateLimitPerKey: cli.rateLimitKey,
    },
    retention: { days: cli.retentionDays },
    operator,
    trustProxy: cli.trustProxy === true,
    ...(cli.allowKey || cli.denyKey
      ? { keyPolicy: listPolicy({ allow: cli.allowKey ?? [], deny: cli.denyKey ?? [] }) }
      : {}),
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      relay.log.warn({ signal }, 'second signal: exiting without finishing');
      process.exit(1);
    }
    stopping = true;
    relay.log.info({ signal }, 'shutting down');
    try {
      // Stops accepting, closes streams, waits for requests in flight and their commits.
      await relay.close();
      await store.close();
      process.exit(0);
    } catch (err) {
      relay.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await relay.listen({ port: cli.port, host: cli.host });
  const { port } = relay.server.address() as AddressInfo;
  const host = cli.host.includes(':') ? `[${cli.host}]` : cli.host;
  process.stdout.write(`Intentcast relay listening on http://${host}:${port} (data: ${cli.data})\n`);
}

start(options).catch((err: unknown) => {
  process.stderr.write(`intentcast-relay: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
