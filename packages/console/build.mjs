/**
 * Builds the web console: src/app.ts and src/styles.css bundled by esbuild for browsers into
 * dist/public (names carry a content hash, so the relay can cache them for good), index.html written
 * with those names, and dist/index.js, which tells the relay where dist/public is.
 *
 *   node build.mjs            the package build (the SDK's browser build and core, from their dist)
 *   buildConsole({ outDir, sources: true })   the same from the workspace sources, for tests
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const src = (path) => join(here, 'src', path);

/** The workspace sources, for a build that must reflect the code as it is now rather than stale dists. */
const SOURCES = {
  '@intentcast/client/browser': join(here, '../client/src/browser.ts'),
  '@intentcast/core': join(here, '../core/src/index.ts'),
};

const fromSources = {
  name: 'workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@intentcast\/(client\/browser|core)$/ }, (args) => ({
      path: SOURCES[args.path],
    }));
  },
};

/** Anything that reaches for a Node built-in fails the build, whatever the platform setting would allow. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [
        { text: `${args.path} is a Node built-in; the console runs in browsers (from ${args.importer})` },
      ],
    }));
  },
};

/**
 * Builds the console's public files into `outDir` (emptied first) and resolves with what was written:
 * the bundle names and every input esbuild read.
 *
 * @param {{ outDir: string, sources?: boolean, minify?: boolean }} options
 */
export async function buildConsole({ outDir, sources = false, minify = true }) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: { app: src('app.ts'), styles: src('styles.css') },
    outdir: outDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome120', 'firefox121', 'safari17'],
    // The browser entry of each package, never its Node one.
    conditions: ['browser'],
    minify,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins, ...(sources ? [fromSources] : [])],
  });
  const bundles = {};
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    if (path.endsWith('.map') || output.entryPoint === undefined) continue;
    bundles[basename(output.entryPoint)] = basename(path);
  }
  const html = (await readFile(src('index.html'), 'utf8'))
    .replaceAll('{{app.js}}', bundles['app.ts'])
    .replaceAll('{{styles.css}}', bundles['styles.css']);
  await writeFile(join(outDir, 'index.html'), html);
  await copyFile(src('favicon.svg'), join(outDir, 'favicon.svg'));
  return { bundles, inputs: Object.keys(result.metafile.inputs) };
}

/** dist/index.js and its declaration: the absolute path of dist/public, for the relay. */
async function writeEntry(dist) {
  await writeFile(
    join(dist, 'index.js'),
    [
      "import { fileURLToPath } from 'node:url';",
      '',
      "export const consoleRoot = fileURLToPath(new URL('./public/', import.meta.url));",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dist, 'index.d.ts'),
    [
      '/** The absolute path of the built console (index.html and its assets), for a server to serve. */',
      'export declare const consoleRoot: string;',
      '',
    ].join('\n'),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = join(here, 'dist');
  const { bundles } = await buildConsole({ outDir: join(dist, 'public') });
  await writeEntry(dist);
  console.log(`console built: dist/public/{index.html,${Object.values(bundles).join(',')}}`);
}
