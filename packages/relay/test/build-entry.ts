import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Builds one entry of the relay for a test that runs it as a child process (to SIGKILL it), with core
 * bundled from its sources so the test runs the code as it is now, not a stale dist. The output goes to
 * node_modules/.cache, out of the tree, where its other imports resolve from the workspace.
 */
export async function buildEntry(name: string, entry: string, cacheDir: string): Promise<string> {
  const outDir = src(`../node_modules/.cache/${cacheDir}/`);
  await build({
    config: false,
    entry: { [name]: entry },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    sourcemap: false,
    clean: true,
    silent: true,
    skipNodeModulesBundle: true,
    noExternal: [/^@intentcast\/core/],
    esbuildPlugins: [
      {
        name: 'core-from-source',
        setup(b) {
          b.onResolve({ filter: /^@intentcast\/core(\/node)?$/ }, (args) => ({
            path: src(args.path.endsWith('/node') ? '../../core/src/node.ts' : '../../core/src/index.ts'),
          }));
        },
      },
    ],
  });
  return `${outDir}${name}.js`;
}
