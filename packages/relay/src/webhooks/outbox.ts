import type { StoredEvent } from '../events.js';
import type { NewRecord } from '../store/store.js';
import type { EndpointRouter } from './router.js';

/**
 * The write side of the outbox, around each commit of the ingest path: every record gets the deliveries
 * its message makes (NewRecord.deliveries), so that the store writes them in the transaction that stores
 * the message, and the endpoints concerned are woken only once that transaction is durable. Nothing here
 * touches the network: a slow receiver never holds up a commit.
 */
export function outboxCommit(router: EndpointRouter, wake: (endpoints: Iterable<string>) => void) {
  return async (
    records: NewRecord[],
    commit: (records: readonly NewRecord[]) => Promise<StoredEvent[]>,
  ): Promise<StoredEvent[]> => {
    const woken = new Set<string>();
    const routed = records.map((record): NewRecord => {
      const deliveries = router.route(record.message, record.recipients);
      if (deliveries.length === 0) return record;
      for (const delivery of deliveries) woken.add(delivery.endpoint);
      return { ...record, deliveries };
    });
    const events = await commit(routed);
    if (woken.size > 0) wake(woken);
    return events;
  };
}
