/**
 * Runs test-vectors/webhooks.json against the sources: each sign case gives exactly its headers, each verify
 * case gets its verdict, and the Intentcast events among the bodies parse as events.
 */
import { readFileSync } from 'node:fs';
import {
  isValidWebhookSecret,
  signWebhook,
  toHex,
  validateWebhook,
  verifyWebhook,
  type WebhookHeaders,
} from '@intentcast/core';
import { describe, expect, test } from 'vitest';

interface SignInput {
  secret?: string;
  secrets?: string[];
  id: string;
  timestamp: number;
  body: string;
}
interface VerifyInput {
  secret?: string;
  secrets?: string[];
  headers: Record<string, string>;
  body: string;
  now: string;
  toleranceSec?: number;
}
interface Case<I, E> {
  description: string;
  input: I;
  expected: E;
  tags: string[];
}

const file = JSON.parse(
  readFileSync(new URL('../../../test-vectors/webhooks.json', import.meta.url), 'utf8'),
) as { description: string; source: string; cases: Case<SignInput | VerifyInput, object>[] };
const isSign = (
  c: Case<SignInput | VerifyInput, object>,
): c is Case<SignInput, { keys: string[]; headers: WebhookHeaders }> => c.tags.includes('sign');
const signCases = file.cases.filter(isSign);
const verifyCases = file.cases.filter((c) => c.tags.includes('verify')) as Case<
  VerifyInput,
  { valid: boolean }
>[];
const secretsOf = (input: { secret?: string; secrets?: string[] }) => input.secrets ?? [input.secret!];

describe('test-vectors/webhooks.json', () => {
  test('has sign and verify cases, and nothing else', () => {
    expect(file.description).toBeTypeOf('string');
    expect(file.source).toBeTypeOf('string');
    expect(signCases.length).toBeGreaterThanOrEqual(5);
    expect(verifyCases.length).toBeGreaterThanOrEqual(15);
    expect(signCases.length + verifyCases.length).toBe(file.cases.length);
    expect(verifyCases.filter((c) => c.expected.valid).length).toBeGreaterThanOrEqual(5);
    expect(verifyCases.filter((c) => !c.expected.valid).length).toBeGreaterThanOrEqual(10);
  });

  test.each(signCases)('sign: $description', ({ input, expected }) => {
    const secrets = secretsOf(input);
    expect(secrets.every(isValidWebhookSecret)).toBe(true);
    expect(secrets.map((s) => toHex(Buffer.from(s.slice('whsec_'.length), 'base64')))).toEqual(expected.keys);
    const headers = signWebhook({
      id: input.id,
      timestamp: input.timestamp,
      body: input.body,
      secret: secrets,
    });
    expect(headers).toEqual(expected.headers);
    const now = { now: input.timestamp * 1000 };
    expect(verifyWebhook(headers, input.body, secrets, now)).toBe(true);
    for (const secret of secrets) expect(verifyWebhook(headers, input.body, secret, now)).toBe(true);
  });

  test.each(signCases.filter((c) => c.tags.includes('event')))(
    'event: $description',
    ({ input, expected }) => {
      const result = validateWebhook(expected.headers, input.body, secretsOf(input), {
        now: input.timestamp * 1000,
      });
      expect(result).toMatchObject({ ok: true, value: { event: JSON.parse(input.body) } });
    },
  );

  test.each(verifyCases)('verify: $description', ({ input, expected }) => {
    const options = { now: Date.parse(input.now), toleranceSec: input.toleranceSec ?? 300 };
    expect(verifyWebhook(input.headers, input.body, secretsOf(input), options)).toBe(expected.valid);
    const result = validateWebhook(input.headers, input.body, secretsOf(input), options);
    if (expected.valid) {
      // Only the event bodies pass the further checks of the body.
      expect(result.ok).toBe(input.body.startsWith('{"type":'));
    } else {
      expect(result).toMatchObject({ ok: false, code: 'ERR_WEBHOOK_INVALID' });
    }
  });
});
