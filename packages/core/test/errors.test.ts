import {
  ERROR_CATALOGUE,
  ERROR_CODES,
  type Failure,
  fromFailure,
  IntentcastError,
  isIntentcastError,
  toFailure,
} from '@intentcast/core';
import { describe, expect, it, test } from 'vitest';

describe('ERROR_CATALOGUE', () => {
  it('lists every code once, in ERROR_CODES, named ERR_*', () => {
    expect(ERROR_CODES).toEqual(Object.keys(ERROR_CATALOGUE));
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*$/);
  });

  test.each(ERROR_CODES)('%s has an HTTP error status and a meaning', (code) => {
    const { status, meaning } = ERROR_CATALOGUE[code];
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThanOrEqual(599);
    expect(meaning).toMatch(/^[A-Z`].*\.$/);
  });

  it('answers every problem with the input with a 4xx status; only the relay failing itself is 5xx', () => {
    const serverSide = ERROR_CODES.filter((code) => ERROR_CATALOGUE[code].status >= 500);
    expect(serverSide).toEqual(['ERR_UNAVAILABLE', 'ERR_INTERNAL']);
  });

  it('has the codes that validation reports, with their statuses', () => {
    expect(ERROR_CATALOGUE.ERR_SCHEMA.status).toBe(400);
    expect(ERROR_CATALOGUE.ERR_TOO_LARGE.status).toBe(413);
    expect(ERROR_CATALOGUE.ERR_LIFECYCLE_NOT_AUTHOR.status).toBe(403);
    expect(ERROR_CATALOGUE.ERR_LIFECYCLE_CLOSED.status).toBe(409);
  });
});

describe('IntentcastError', () => {
  it('carries a code, a message, a path and the status of its code', () => {
    const err = new IntentcastError('ERR_TOO_LARGE', 'too big', { path: '/body' });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('IntentcastError');
    expect(err.code).toBe('ERR_TOO_LARGE');
    expect(err.message).toBe('too big');
    expect(err.path).toBe('/body');
    expect(err.status).toBe(413);
    expect(String(err)).toBe('IntentcastError: too big');
  });

  it('keeps a cause, and has none unless given', () => {
    const cause = new TypeError('inner');
    expect(new IntentcastError('ERR_SEAL', 'outer', { cause }).cause).toBe(cause);
    expect('cause' in new IntentcastError('ERR_SEAL', 'outer')).toBe(false);
  });

  it('serializes to code, message and path, leaving the path out when there is none', () => {
    const withPath = new IntentcastError('ERR_EXPIRED', 'expired', { path: '/expires' });
    expect(withPath.toJSON()).toEqual({ code: 'ERR_EXPIRED', message: 'expired', path: '/expires' });
    expect(JSON.stringify(withPath)).toBe('{"code":"ERR_EXPIRED","message":"expired","path":"/expires"}');
    const withoutPath = new IntentcastError('ERR_JSON', 'bad');
    expect(Object.keys(withoutPath.toJSON())).toEqual(['code', 'message']);
    expect(JSON.stringify(withoutPath)).toBe('{"code":"ERR_JSON","message":"bad"}');
  });

  it('keeps the empty path, which points at the whole message', () => {
    expect(new IntentcastError('ERR_SCHEMA', 'x', { path: '' }).toJSON()).toEqual({
      code: 'ERR_SCHEMA',
      message: 'x',
      path: '',
    });
  });
});

describe('isIntentcastError', () => {
  it('knows its own errors, and those of another copy of the package', () => {
    expect(isIntentcastError(new IntentcastError('ERR_JSON', 'x'))).toBe(true);
    const foreign = Object.assign(new Error('x'), { name: 'IntentcastError', code: 'ERR_JSON' });
    expect(isIntentcastError(foreign)).toBe(true);
  });

  test.each([
    ['a plain Error', new Error('x')],
    ['an Error with a code but another name', Object.assign(new Error('x'), { code: 'ERR_JSON' })],
    [
      'an IntentcastError-named Error without a code',
      Object.assign(new Error('x'), { name: 'IntentcastError' }),
    ],
    ['a plain object that looks like one', { name: 'IntentcastError', code: 'ERR_JSON', message: 'x' }],
    ['null', null],
    ['a string', 'ERR_JSON'],
  ])('refuses %s', (_, value) => {
    expect(isIntentcastError(value)).toBe(false);
  });
});

describe('toFailure and fromFailure', () => {
  it('turn an error into a Failure and back', () => {
    const err = new IntentcastError('ERR_ID_MISMATCH', 'id does not match', { path: '/id' });
    const failure = toFailure(err);
    expect(failure).toEqual({
      ok: false,
      code: 'ERR_ID_MISMATCH',
      message: 'id does not match',
      path: '/id',
    });
    const back = fromFailure(failure);
    expect(back).toBeInstanceOf(IntentcastError);
    expect(back.toJSON()).toEqual(err.toJSON());
  });

  it('leave out a path that is not there', () => {
    const failure = toFailure(new IntentcastError('ERR_JSON', 'bad'));
    expect(failure).toStrictEqual({ ok: false, code: 'ERR_JSON', message: 'bad' });
    const noPath: Failure = { ok: false, code: 'ERR_JSON', message: 'bad' };
    expect(fromFailure(noPath).path).toBeUndefined();
  });

  test.each([
    ['a TypeError', new TypeError('a bug')],
    ['a RangeError', new RangeError('stack')],
    ['a thrown string', 'oops'],
    ['a thrown object', { code: 'ERR_JSON' }],
  ])('toFailure rethrows %s unchanged: it is a bug, not bad input', (_, value) => {
    let rethrown: unknown;
    try {
      toFailure(value);
    } catch (err) {
      rethrown = err;
    }
    expect(rethrown).toBe(value);
  });
});
