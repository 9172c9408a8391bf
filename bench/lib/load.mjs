/**
 * A closed-loop HTTP load generator on an undici Pool: `concurrency` requests in flight, each worker
 * sending the next item as soon as its previous request is answered. It stops by itself after `items` are
 * all sent or after `maxSeconds`, whichever comes first.
 */
import { Pool } from 'undici';

/**
 * Sends `items` (each { path, body } or a function of the index giving one) to `origin` with `concurrency`
 * requests in flight. `accept(status, text)` decides whether a response counts as a success.
 * Returns the count, the errors (with the first few kinds), the elapsed seconds and the latencies (ms).
 */
export async function runLoad({
  origin,
  items,
  concurrency,
  maxSeconds,
  method = 'POST',
  headers = { 'content-type': 'application/json' },
  accept = (status) => status >= 200 && status < 300,
  connections = concurrency,
  warmup = 0,
}) {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const total = items.length;
  let next = 0;
  let ok = 0;
  let failed = 0;
  const failures = new Map();
  const latencies = [];
  let start = 0;
  let deadline = Number.POSITIVE_INFINITY;

  async function send(item, record) {
    const t0 = performance.now();
    try {
      const res = await pool.request({ path: item.path, method, headers, body: item.body });
      const text = await res.body.text();
      if (!record) return;
      latencies.push(performance.now() - t0);
      if (accept(res.statusCode, text)) ok++;
      else {
        failed++;
        const kind = `${res.statusCode} ${text.slice(0, 160)}`;
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
      }
    } catch (err) {
      if (!record) return;
      failed++;
      const kind = String(err?.code ?? err?.message ?? err);
      failures.set(kind, (failures.get(kind) ?? 0) + 1);
    }
  }

  try {
    // Warm-up requests open the connections and let the JIT settle; they are not counted.
    const warm = Math.min(warmup, total);
    for (let i = 0; i < warm; i += concurrency) {
      await Promise.all(items.slice(i, Math.min(warm, i + concurrency)).map((item) => send(item, false)));
    }
    next = warm;
    start = performance.now();
    deadline = start + maxSeconds * 1000;
    const worker = async () => {
      while (next < total && performance.now() < deadline) await send(items[next++], true);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    return {
      completed: ok,
      failed,
      failures: [...failures].slice(0, 5).map(([kind, count]) => ({ kind, count })),
      seconds,
      perSecond: ok / seconds,
      latencies,
      ranOutOfItems: next >= total,
    };
  } finally {
    await pool.close();
  }
}
