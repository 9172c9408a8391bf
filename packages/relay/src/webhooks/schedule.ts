import type { EndpointRecord } from './store.js';

/** The wait before retry `index` (0 for the first retry): full jitter, uniform in [0, schedule[index]). */
export function retryDelay(schedule: readonly number[], index: number, random: () => number): number {
  const cap = schedule[Math.min(index, schedule.length - 1)]!;
  return Math.floor(random() * cap);
}

/** The secrets a delivery is signed with at `now`: the previous one first while its rotation lasts. */
export function activeSecrets(endpoint: EndpointRecord, now: number): string[] {
  const { previousSecret, previousSecretUntil } = endpoint;
  return previousSecret !== null && previousSecretUntil !== null && previousSecretUntil > now
    ? [previousSecret, endpoint.secret]
    : [endpoint.secret];
}
