import { readFileSync } from 'node:fs';
import { ERROR_CATALOGUE, ERROR_CODES } from '@intentcast/core';
import { describe, expect, test } from 'vitest';

/** spec/errors.md and the code share one catalogue: the table must list exactly its codes, in its order. */

const text = readFileSync(new URL('../../../spec/errors.md', import.meta.url), 'utf8');

/** The rows of the table whose header is `| code | HTTP status | meaning |`. */
function catalogueRows(): { code: string; status: number; meaning: string }[] {
  const lines = text.split('\n');
  const header = lines.findIndex((line) =>
    /^\|\s*code\s*\|\s*HTTP status\s*\|\s*meaning\s*\|\s*$/.test(line),
  );
  expect(header, 'errors.md has the catalogue table').toBeGreaterThanOrEqual(0);
  const rows = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    expect(cells, line).toHaveLength(3);
    rows.push({ code: cells[0]!.replaceAll('`', ''), status: Number(cells[1]), meaning: cells[2]! });
  }
  return rows;
}

describe('spec/errors.md', () => {
  const rows = catalogueRows();

  test('lists every code of the catalogue, once, in catalogue order', () => {
    expect(rows.map((row) => row.code)).toEqual(ERROR_CODES);
  });

  test.each(rows)('$code has the status and meaning of the catalogue', ({ code, status, meaning }) => {
    const entry = ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE];
    expect(entry).toBeDefined();
    expect(status).toBe(entry.status);
    expect(meaning).toBe(entry.meaning);
  });

  test('explains when each code arises', () => {
    for (const code of ERROR_CODES) expect(text, code).toMatch(new RegExp(`^### \`${code}\`$`, 'm'));
  });
});
