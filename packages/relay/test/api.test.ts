import type { KeyPair } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { Receipt, RelayLimits, RelayOptions, Store, StoredEvent } from '../src/index.js';
import * as relay from '../src/index.js';

describe('public API', () => {
  test('exports', () => {
    expect(Object.keys(relay).sort()).toEqual([
      'CONSOLE_CSP',
      'DEFAULT_LIMITS',
      'DEFAULT_RETENTION',
      'DEFAULT_STREAM_LIMITS',
      'SOFTWARE',
      'authSigningInput',
      'benchMatching',
      'buildRelay',
      'consolePlugin',
      'createHub',
      'listPolicy',
      'loadOrCreateRelayKey',
      'matchesFilter',
      'openSqliteStore',
      'parseFilter',
      'receiptSigningInput',
      'resolveStreamLimits',
      'streamPlugin',
      'validateFilter',
      'verifyReceipt',
    ]);
  });

  test('types', () => {
    expectTypeOf(relay.buildRelay).parameter(0).toEqualTypeOf<RelayOptions>();
    expectTypeOf(relay.buildRelay).returns.toEqualTypeOf<Promise<FastifyInstance>>();
    expectTypeOf<RelayOptions['store']>().toEqualTypeOf<Store>();
    expectTypeOf<RelayOptions['key']>().toEqualTypeOf<KeyPair>();
    expectTypeOf(relay.openSqliteStore).returns.toEqualTypeOf<Store>();
    expectTypeOf(relay.verifyReceipt).returns.toEqualTypeOf<boolean>();
    expectTypeOf<Receipt>().toEqualTypeOf<{
      relay: string;
      id: string;
      seq: number;
      received: string;
      sig: string;
    }>();
    expectTypeOf<Store['commit']>().returns.toEqualTypeOf<Promise<StoredEvent[]>>();
    expectTypeOf<Store['intentsAfter']>().returns.toEqualTypeOf<StoredEvent[]>();
    expectTypeOf<FastifyInstance['store']>().toEqualTypeOf<Store>();
    expectTypeOf<FastifyInstance['limits']>().toEqualTypeOf<RelayLimits>();
    expectTypeOf<FastifyInstance['authenticate']>().returns.toEqualTypeOf<Promise<string | undefined>>();
  });
});
