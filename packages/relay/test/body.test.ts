import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { batchSpans, parseMessagesBody } from '../src/body.js';

const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n  ');

describe('batch bodies', () => {
  test('split into the exact text of each element, whatever the spacing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(space, fc.json(), space), { minLength: 1, maxLength: 8 }),
        space,
        space,
        (elements, before, after) => {
          const body = `${before}{${before}"messages"${after}:${before}[${elements
            .map(([a, text, b]) => `${a}${text}${b}`)
            .join(',')}]${after}}${after}`;
          const spans = batchSpans(body, 100)!;
          expect(spans.map(([start, end]) => body.slice(start, end))).toEqual(
            elements.map(([, text]) => text),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a body that does not open as a batch is parsed whole', () => {
    expect(batchSpans('{"protocol":"intentcast/1"}', 100)).toBeUndefined();
    expect(batchSpans('["messages"]', 100)).toBeUndefined();
    expect(parseMessagesBody(' {"a":[1]} ', 100)).toEqual({
      batch: false,
      item: { text: ' {"a":[1]} ', value: { a: [1] } },
    });
  });

  test.each([
    ['{"messages":[1,2', 'ERR_JSON', 'unterminated batch'],
    ['{"messages":[1}', 'ERR_JSON', 'malformed batch: expected "," or "]"'],
    ['{"messages":[{"b":[}]}', 'ERR_JSON', 'malformed batch: expected "," or "]"'],
    ['{"messages":[1]', 'ERR_JSON', 'malformed batch: expected "}"'],
    ['{"messages":[1]} x', 'ERR_JSON', 'text after the batch'],
    ['{"messages":["a]}', 'ERR_JSON', 'unterminated string'],
    ['{"messages":[1],"messages":[2]}', 'ERR_BAD_REQUEST', 'a batch has no member but "messages"'],
    ['{"messages":[]}', 'ERR_BAD_REQUEST', 'a batch holds at least one message'],
    ['{"messages":[1,2,3,4]}', 'ERR_BAD_REQUEST', 'a batch holds at most 3 messages'],
    [
      '{"messages":{}}',
      'ERR_BAD_REQUEST',
      'a batch is an object with one member, "messages", an array of messages',
    ],
  ])('%s is refused with %s', (body, code, message) => {
    expect(() => parseMessagesBody(body, 3)).toThrow(expect.objectContaining({ code, message }));
  });

  test('an element that does not parse becomes its own failure', () => {
    const body = parseMessagesBody('{"messages":[{"a":1,"a":2}, {"b":tru} ,1 2]}', 3);
    expect(body).toEqual({
      batch: true,
      items: [
        {
          text: '{"a":1,"a":2}',
          error: { ok: false, code: 'ERR_JSON', message: 'duplicate member name "a"' },
        },
        { text: '{"b":tru}', error: expect.objectContaining({ code: 'ERR_JSON' }) },
        { text: '1 2', error: expect.objectContaining({ code: 'ERR_JSON' }) },
      ],
    });
  });
});
