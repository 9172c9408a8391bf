import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the browser entry', () => {
  it('bundles for browsers from its own sources and core alone: no Node module, no undici, no ws', async () => {
    const result = await build({
      absWorkingDir: fileURLToPath(new URL('../../..', import.meta.url)),
      entryPoints: ['packages/client/src/browser.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      external: ['@intentcast/core'],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(
      inputs.filter((path) => !path.startsWith('packages/client/src/') || path.includes('/node/')),
    ).toEqual([]);
    const imports = Object.values(result.metafile.outputs).flatMap((output) =>
      output.imports.map((i) => i.path),
    );
    expect([...new Set(imports)]).toEqual(['@intentcast/core']);
  });
});
