import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { Io } from '../src/io.js';
import { painter } from '../src/output.js';

const io = (isTTY: boolean, env: Record<string, string> = {}): Io => ({
  stdin: Readable.from([]),
  stdout: { write: () => true, isTTY },
  stderr: { write: () => true },
  env,
});

describe('painter', () => {
  test('colours only a terminal, and never when NO_COLOR is set', () => {
    expect(painter(io(true))('green', 'ok')).toBe('\u001b[32mok\u001b[0m');
    expect(painter(io(false))('green', 'ok')).toBe('ok');
    expect(painter(io(true, { NO_COLOR: '1' }))('green', 'ok')).toBe('ok');
  });
});
