import type { DeliveryRecord, DeliveryStatus, EndpointChanges, EndpointRecord } from './store.js';

/** The rows of the webhook tables (migration 2) and how they map to and from records. */

export interface EndpointRow {
  id: string;
  owner: string;
  url: string;
  filter: string;
  events: string;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: number | null;
  enabled: number;
  disabled_reason: string | null;
  disabled_detail: string | null;
  disabled_at: number | null;
  failing_since: number | null;
  failures: number;
  created: number;
  updated: number;
}

export interface DeliveryRow {
  ord: number;
  id: string;
  endpoint: string;
  type: string;
  seq: number | null;
  body: string | null;
  event_time: number;
  status: string;
  tries: number;
  next_attempt: number | null;
  queued: number;
  attempts: number;
}

export interface AttemptRow {
  delivery: string;
  at: number;
  duration_ms: number;
  status: number | null;
  error: string | null;
}

export const DELIVERY_COLUMNS =
  'ord, id, endpoint, type, seq, body, event_time, status, tries, next_attempt, queued, attempts';

export function toEndpoint(row: EndpointRow): EndpointRecord {
  return {
    id: row.id,
    owner: row.owner,
    url: row.url,
    filter: JSON.parse(row.filter) as EndpointRecord['filter'],
    events: JSON.parse(row.events) as EndpointRecord['events'],
    description: row.description,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretUntil: row.previous_secret_until,
    enabled: row.enabled === 1,
    disabled:
      row.disabled_reason === null
        ? null
        : {
            reason: row.disabled_reason as NonNullable<EndpointRecord['disabled']>['reason'],
            detail: row.disabled_detail ?? '',
            at: row.disabled_at ?? 0,
          },
    failingSince: row.failing_since,
    failures: row.failures,
    created: row.created,
    updated: row.updated,
  };
}

export function toDelivery(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    endpoint: row.endpoint,
    type: row.type as DeliveryRecord['type'],
    seq: row.seq,
    body: row.body,
    eventTime: row.event_time,
    status: row.status as DeliveryStatus,
    tries: row.tries,
    nextAttempt: row.next_attempt,
    queued: row.queued,
    order: row.ord,
  };
}

/** Column values of the endpoint fields that can change. */
export function endpointColumns(changes: EndpointChanges): Record<string, string | number | null> {
  const columns: Record<string, string | number | null> = {};
  if (changes.url !== undefined) columns.url = changes.url;
  if (changes.filter !== undefined) columns.filter = JSON.stringify(changes.filter);
  if (changes.events !== undefined) columns.events = JSON.stringify(changes.events);
  if (changes.description !== undefined) columns.description = changes.description;
  if (changes.secret !== undefined) columns.secret = changes.secret;
  if (changes.previousSecret !== undefined) columns.previous_secret = changes.previousSecret;
  if (changes.previousSecretUntil !== undefined) columns.previous_secret_until = changes.previousSecretUntil;
  if (changes.enabled !== undefined) columns.enabled = changes.enabled ? 1 : 0;
  if (changes.disabled !== undefined) {
    columns.disabled_reason = changes.disabled?.reason ?? null;
    columns.disabled_detail = changes.disabled?.detail ?? null;
    columns.disabled_at = changes.disabled?.at ?? null;
  }
  if (changes.failingSince !== undefined) columns.failing_since = changes.failingSince;
  if (changes.failures !== undefined) columns.failures = changes.failures;
  if (changes.updated !== undefined) columns.updated = changes.updated;
  return columns;
}
