/** Protocol limits (spec/envelope.md#limits). The schemas carry the per-field limits. */
export const LIMITS = {
  /** Largest canonical bytes of a message (its JCS form without `id` and `sig`), in bytes. */
  maxMessageBytes: 65_536,
  /** Largest JSON text accepted for parsing, whitespace included, in bytes. */
  maxTextBytes: 262_144,
  /** Deepest nesting of objects and arrays; the message object itself is depth 1. */
  maxDepth: 8,
  /** Longest time from `created` to `expires`, in milliseconds (366 days). */
  maxLifetimeMs: 366 * 24 * 60 * 60 * 1000,
  /** How far in the future `created` may be, by the verifier's clock, in milliseconds. */
  maxClockSkewMs: 5 * 60 * 1000,
  /**
   * Most messages in one negotiation, its first offer included (spec/lifecycle.md). The last two places are
   * kept for an accept and the message that settles it, so every negotiation can still end.
   */
  maxNegotiationMessages: 64,
} as const;
