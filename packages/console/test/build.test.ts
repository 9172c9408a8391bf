import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildConsole, type ConsoleBuild } from '../build.mjs';

/** The console's build: browser code only, the SDK's browser entry, and an index.html that names its bundles. */

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function built(): Promise<{ outDir: string; result: ConsoleBuild }> {
  const dir = await mkdtemp(join(tmpdir(), 'intentcast-console-build-'));
  dirs.push(dir);
  const outDir = join(dir, 'public');
  return { outDir, result: await buildConsole({ outDir, sources: true }) };
}

describe('buildConsole', () => {
  test('bundles the browser entry of the SDK with core, and nothing of Node', async () => {
    const { result } = await built();
    const inputs = result.inputs;
    expect(inputs).toContain('packages/client/src/browser.ts');
    expect(inputs).toContain('packages/core/src/index.ts');
    expect(inputs.filter((path) => /packages\/client\/src\/(?:index\.ts|node\/)/.test(path))).toEqual([]);
    expect(inputs.filter((path) => /(?:^|\/)(?:undici|ws)\//.test(path) || path.startsWith('node:'))).toEqual(
      [],
    );
  });

  test('writes index.html naming the hashed bundles it wrote, and nothing inline', async () => {
    const { outDir, result } = await built();
    expect(result.bundles['app.ts']).toMatch(/^app-[A-Z0-9]{8}\.js$/);
    expect(result.bundles['styles.css']).toMatch(/^styles-[A-Z0-9]{8}\.css$/);
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain(`<script type="module" src="${result.bundles['app.ts']}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${result.bundles['styles.css']}">`);
    expect(html).not.toMatch(/\{\{|<script>|<style|\sstyle=|\son[a-z]+=/);
    for (const file of [...Object.values(result.bundles), 'favicon.svg']) {
      expect(existsSync(join(outDir, file)), file).toBe(true);
    }
    const app = readFileSync(join(outDir, result.bundles['app.ts']!), 'utf8');
    expect(app).not.toMatch(/\bfrom\s*["'](?:node:|@intentcast\/)/);
  });
});
