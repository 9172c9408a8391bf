import pkg from '../package.json' with { type: 'json' };

/** The relay software's name and version, as published in the well-known document. */
export const SOFTWARE = { name: pkg.name, version: pkg.version } as const;
