/** Runs test-vectors/lifecycle.json against the sources: each next message is allowed or refused as stated. */
import { readFileSync } from 'node:fs';
import {
  checkThreadMessage,
  ERROR_CODES,
  type Intent,
  type Message,
  nobleBackend,
  type ThreadState,
  validateMessage,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import { describe, expect, test } from 'vitest';

interface LifecycleCase {
  description: string;
  input: { now: string; intent: Intent; messages: Message[]; next: Message };
  expected: { ok: true; state: ThreadState } | { ok: false; code: string };
  tags: string[];
}

const { cases } = JSON.parse(
  readFileSync(new URL('../../../test-vectors/lifecycle.json', import.meta.url), 'utf8'),
) as { cases: LifecycleCase[] };

describe('lifecycle.json', () => {
  test.each(cases)('$description', ({ input, expected }) => {
    const verdict = checkThreadMessage(
      { intent: input.intent, messages: input.messages },
      input.next,
      Date.parse(input.now),
    );
    if (expected.ok) {
      expect(verdict).toMatchObject({ ok: true, state: expected.state });
    } else {
      expect(verdict).toMatchObject({ ok: false, code: expected.code });
    }
  });

  test.each([nobleBackend, createNodeBackend()])(
    'every message of the cases is a valid message ($name backend)',
    (backend) => {
      const messages = new Map<string, Message>();
      for (const { input } of cases) {
        for (const message of [input.intent, ...input.messages, input.next])
          messages.set(message.id, message);
      }
      const refused = [...messages.values()].filter(
        (message) => !validateMessage(message, { backend, checkTime: false }).ok,
      );
      expect(refused.map((message) => message.id)).toStrictEqual([]);
    },
  );

  test('every ERR_LIFECYCLE_* code, the sealed-part refusal and every thread state appears', () => {
    const codes = new Set(cases.flatMap(({ expected }) => (expected.ok ? [] : [expected.code])));
    expect(ERROR_CODES.filter((code) => code.startsWith('ERR_LIFECYCLE_') && !codes.has(code))).toStrictEqual(
      [],
    );
    expect(codes.has('ERR_SEAL')).toBe(true);
    // A thread becomes expired by a message only when the last accepted offer is withdrawn after the intent
    // expired; otherwise `expired` shows as the refusal ERR_LIFECYCLE_EXPIRED.
    const states = new Set(cases.flatMap(({ expected }) => (expected.ok ? [expected.state] : [])));
    expect([...states].sort()).toStrictEqual(['accepted', 'closed', 'expired', 'open', 'withdrawn']);
  });
});
