/**
 * The generated files, by name in src/generated/, compiled from spec/schemas as they are now.
 *
 * @example
 * const files = generateValidators();
 * files['validators.js']; // the ES module of validators
 */
export function generateValidators(): Record<string, string>;

/** The directory the generated files are written to. */
export const GENERATED_DIR: string;
