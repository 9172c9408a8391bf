import type { DeliveryRecord, DeliveryWithAttempts, EndpointRecord } from './store.js';

/** What the API shows of endpoints and deliveries: times as RFC 3339, never a secret unless asked. */

const iso = (time: number) => new Date(time).toISOString();

export function endpointView(e: EndpointRecord, now: number) {
  return {
    id: e.id,
    url: e.url,
    filter: e.filter,
    events: e.events,
    ...(e.description === null ? {} : { description: e.description }),
    enabled: e.enabled,
    ...(e.disabled === null
      ? {}
      : { disabled: { reason: e.disabled.reason, detail: e.disabled.detail, at: iso(e.disabled.at) } }),
    ...(e.failingSince === null ? {} : { failing: { since: iso(e.failingSince), failures: e.failures } }),
    ...(e.previousSecret !== null && e.previousSecretUntil !== null && e.previousSecretUntil > now
      ? { rotation: { previousSecretExpires: iso(e.previousSecretUntil) } }
      : {}),
    created: iso(e.created),
    updated: iso(e.updated),
  };
}

export function deliveryView(d: DeliveryRecord | DeliveryWithAttempts, endpointEnabled: boolean) {
  const attempts = 'attempts' in d ? d.attempts : [];
  return {
    id: d.id,
    type: d.type,
    ...(d.seq === null ? {} : { seq: d.seq }),
    status: d.status,
    queued: iso(d.queued),
    ...(d.status === 'pending' && endpointEnabled && d.nextAttempt !== null
      ? { nextAttempt: iso(d.nextAttempt) }
      : {}),
    attemptCount: 'attemptCount' in d ? d.attemptCount : 0,
    attempts: attempts.map((a) => ({
      at: iso(a.at),
      durationMs: a.durationMs,
      ...(a.status === null ? {} : { status: a.status }),
      ...(a.error === null ? {} : { error: a.error }),
    })),
  };
}
