/** What `buildConsole` wrote: the bundle of each entry by source name, and every input esbuild read. */
export interface ConsoleBuild {
  bundles: Record<string, string>;
  inputs: string[];
}

/**
 * Builds the console's public files into `outDir` (emptied first); `sources` bundles the SDK and core
 * from the workspace sources instead of their dists.
 *
 * @example
 * const { bundles } = await buildConsole({ outDir: '/tmp/console', sources: true });
 */
export function buildConsole(options: {
  outDir: string;
  sources?: boolean;
  minify?: boolean;
}): Promise<ConsoleBuild>;
