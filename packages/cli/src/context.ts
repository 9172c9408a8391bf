import type { Ed25519Backend } from '@intentcast/core';
import type { Io } from './io.js';

/** What every command is given: where to read and write, and the Ed25519 implementation to use. */
export interface Context {
  io: Io;
  backend: Ed25519Backend;
}
