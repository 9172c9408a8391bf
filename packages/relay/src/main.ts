#!/usr/bin/env node
import { runCli } from './cli/program.js';
import type { RelayConfig } from './config/types.js';
import { consolePlugin } from './console.js';
import type { RelayOptions } from './options.js';
import { createHub, streamPlugin } from './stream/index.js';

/**
 * The process entry of the relay (`intentcast-relay`): the operator commands of cli/program.ts, with
 * `serve` as the default, so `intentcast-relay --port 8787` runs a relay.
 */

/**
 * What the served relay gets besides its configuration: the live-stream hub and its routes, and the web
 * console at `/` unless `console.enabled` is false (a 404 there when the console is not built).
 */
function extras(config: RelayConfig): Pick<RelayOptions, 'hub' | 'plugins'> {
  const hub = createHub({ limits: config.limits.stream });
  return { hub, plugins: [streamPlugin({ hub }), ...(config.console.enabled ? [consolePlugin()] : [])] };
}

const result = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  extras,
});
if ('exitCode' in result) process.exitCode = result.exitCode;
