import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context } from '../context.js';
import { EXIT } from '../report.js';

/**
 * The process entry of @intentcast/relay (its `intentcast-relay` command), beside the library entry the
 * package exports.
 */
export function relayEntry(): string {
  const library = createRequire(import.meta.url).resolve('@intentcast/relay');
  return join(dirname(library), 'main.js');
}

/**
 * `intentcast relay [options]`: runs `intentcast-relay serve` with the given options, in a child process
 * whose output is passed through, and returns its exit status. SIGINT and SIGTERM are passed on to it.
 *
 * @example
 * await relay(['--port', '8787', '--data', './relay-data'], context);
 */
export async function relay(args: readonly string[], { io }: Context): Promise<number> {
  const child = spawn(process.execPath, [relayEntry(), 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...io.env },
  });
  child.stdout.setEncoding('utf8').on('data', (text: string) => io.stdout.write(text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => io.stderr.write(text));
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  if (io.signals) {
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  }
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => {
        // Stopped by a signal we passed on: a clean stop.
        resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? EXIT.ok : EXIT.internal));
      });
    });
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
