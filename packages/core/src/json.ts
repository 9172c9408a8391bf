import { fromUtf8 } from './encoding.js';
import { IntentcastError } from './errors.js';
import { LIMITS } from './limits.js';

/** A JSON value as the protocol sees it (I-JSON, RFC 7493). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Parses JSON text under the protocol's rules: at most `LIMITS.maxTextBytes`, nesting at most
 * `LIMITS.maxDepth`, no duplicate member names, no lone surrogates, no Unicode noncharacters. Throws
 * ERR_TOO_LARGE, ERR_TOO_DEEP or ERR_JSON, checked in that order.
 *
 * @example
 * parseJson('{"a":1}'); // { a: 1 }
 * parseJson('{"a":1,"a":2}'); // throws ERR_JSON (duplicate member name "a")
 */
export function parseJson(input: string | Uint8Array): JsonValue {
  const byteLength = typeof input === 'string' ? utf8Length(input) : input.length;
  if (byteLength > LIMITS.maxTextBytes) {
    throw new IntentcastError(
      'ERR_TOO_LARGE',
      `JSON text is ${byteLength} bytes; the limit is ${LIMITS.maxTextBytes}`,
    );
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = fromUtf8(input);
    } catch {
      throw new IntentcastError('ERR_JSON', 'JSON text is not valid UTF-8');
    }
  }
  scanStructure(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new IntentcastError('ERR_JSON', `not valid JSON: ${(err as Error).message}`);
  }
  assertJsonValue(value);
  return value;
}

function utf8Length(text: string): number {
  // Counting is cheaper than encoding, and lets an oversized text be refused before any copy.
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) length += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return length;
}

/**
 * One pass over the text outside strings: refuses nesting deeper than the limit (before JSON.parse does any
 * work) and duplicate member names (which parsers resolve differently, so a signed message could be read two
 * ways). Syntax errors are left for JSON.parse to report.
 */
function scanStructure(text: string): void {
  // For each open container: null for an array, the set of member names seen for an object.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const raw = text.slice(start, i + 1);
        let name = raw.slice(1, -1);
        if (escaped) {
          try {
            name = JSON.parse(raw) as string;
          } catch {
            return; // malformed; JSON.parse reports it
          }
        }
        if (top.has(name)) {
          throw new IntentcastError('ERR_JSON', `duplicate member name ${JSON.stringify(name)}`);
        }
        top.add(name);
        expectKey = false;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push(c === 0x7b ? new Set() : null);
      if (stack.length > LIMITS.maxDepth) {
        throw new IntentcastError('ERR_TOO_DEEP', `JSON nests deeper than ${LIMITS.maxDepth} levels`);
      }
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
}

/** Unicode noncharacters (U+FDD0 to U+FDEF, the last two code points of each plane): I-JSON forbids them. */
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;

/** Why a string or member name is not I-JSON, or undefined when it is. */
function badString(text: string): string | undefined {
  if (!text.isWellFormed()) return 'a lone surrogate';
  if (NONCHARACTER.test(text)) return 'a Unicode noncharacter';
  return undefined;
}

/** Arrays and objects whose prototype is Object.prototype or null: the containers JSON has. */
function isContainer(node: object): boolean {
  if (Array.isArray(node)) return true;
  const proto = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}

/**
 * Where a node sits, as a chain of steps from the root. The JSON Pointer string is built only when an
 * error needs it: building one per node was a measurable share of validating every message.
 */
interface Trail {
  readonly up: Trail | undefined;
  readonly step: string | number;
}

function pointer(trail: Trail | undefined): string {
  const steps: string[] = [];
  for (let at = trail; at; at = at.up)
    steps.push(typeof at.step === 'number' ? String(at.step) : escapePointer(at.step));
  return steps.length === 0 ? '' : `/${steps.reverse().join('/')}`;
}

/** Calls `visit` with each child of a container and the trail to it. */
function eachChild(
  node: object,
  trail: Trail | undefined,
  visit: (child: unknown, trail: Trail) => void,
): void {
  // An index loop, not forEach: forEach skips the holes of a sparse array, which are refused as undefined.
  if (Array.isArray(node)) for (let i = 0; i < node.length; i++) visit(node[i], { up: trail, step: i });
  else
    for (const key of Object.keys(node))
      visit((node as Record<string, unknown>)[key], { up: trail, step: key });
}

/**
 * Checks that an in-memory value is plain JSON the protocol accepts: only null, booleans, finite numbers,
 * I-JSON strings (no lone surrogates, no noncharacters), arrays and plain objects, nested at most
 * `LIMITS.maxDepth`. The depth of the whole value is checked before any value, so hostile nesting is
 * ERR_TOO_DEEP wherever a bad value sits, as it is for JSON text. Throws ERR_TOO_DEEP or ERR_JSON with the
 * JSON Pointer of the first offending place. Iterative, so hostile depth cannot overflow the stack.
 *
 * @example
 * assertJsonValue({ a: [1, 'x'] }); // passes
 * assertJsonValue({ a: Number.NaN }); // throws ERR_JSON at /a
 */
export function assertJsonValue(value: unknown): asserts value is JsonValue {
  checkDepth(value);
  checkValues(value);
}

function checkDepth(value: unknown): void {
  const pending: [unknown, number, Trail | undefined][] = [[value, 1, undefined]];
  while (pending.length > 0) {
    const [node, depth, trail] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > LIMITS.maxDepth) {
      throw new IntentcastError('ERR_TOO_DEEP', `JSON nests deeper than ${LIMITS.maxDepth} levels`, {
        path: pointer(trail),
      });
    }
    // Other objects are refused as values; only what JSON can nest counts towards the depth.
    if (!isContainer(node)) continue;
    eachChild(node, trail, (child, childTrail) => pending.push([child, depth + 1, childTrail]));
  }
}

function checkValues(value: unknown): void {
  const pending: [unknown, Trail | undefined][] = [[value, undefined]];
  while (pending.length > 0) {
    const [node, trail] = pending.pop()!;
    if (node === null || typeof node === 'boolean') continue;
    if (typeof node === 'number') {
      if (!Number.isFinite(node))
        throw new IntentcastError('ERR_JSON', 'numbers must be finite', { path: pointer(trail) });
      continue;
    }
    if (typeof node === 'string') {
      const bad = badString(node);
      if (bad) throw new IntentcastError('ERR_JSON', `string holds ${bad}`, { path: pointer(trail) });
      continue;
    }
    if (typeof node !== 'object')
      throw new IntentcastError('ERR_JSON', `${typeof node} is not a JSON value`, { path: pointer(trail) });
    if (!isContainer(node)) {
      throw new IntentcastError('ERR_JSON', 'only plain objects are JSON objects', { path: pointer(trail) });
    }
    if (!Array.isArray(node)) {
      for (const key of Object.keys(node)) {
        const bad = badString(key);
        if (bad) {
          throw new IntentcastError('ERR_JSON', `member name holds ${bad}`, {
            path: pointer({ up: trail, step: key }),
          });
        }
      }
    }
    eachChild(node, trail, (child, childTrail) => pending.push([child, childTrail]));
  }
}

/** Escapes one JSON Pointer reference token (RFC 6901 section 4). */
export function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
