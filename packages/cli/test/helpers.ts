import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { formatTimestamp } from '@intentcast/core';
import { main } from '../src/main.js';

export interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in-process with `stdin` as standard input, and collects what it writes. */
export async function run(argv: string[], stdin = ''): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdin: Readable.from(stdin === '' ? [] : [Buffer.from(stdin)]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

/** A fresh temporary directory, and a function that removes it. */
export async function tempDir(): Promise<{
  dir: string;
  path: (name: string) => string;
  remove: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'intentcast-cli-'));
  return { dir, path: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}

const HOUR = 60 * 60 * 1000;

/** An unsigned intent, live for a day from an hour ago unless other times are given. */
export function draftIntent(times: { created?: string; expires?: string } = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    protocol: 'intentcast/1',
    type: 'intent',
    created: times.created ?? formatTimestamp(now - HOUR),
    expires: times.expires ?? formatTimestamp(now + 24 * HOUR),
    body: {
      what: { category: 'lodging.hotel', description: 'A quiet double room', quantity: 1 },
      where: { region: 'PT-11' },
      budget: { currency: 'EUR', max: '180.00' },
      terms: [{ uri: 'https://example.org/terms/no-tracking', sha256: 'a'.repeat(64) }],
      offerCap: 5,
    },
  };
}

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
