/**
 * The stream client, in its own process: it opens many WebSocket (or SSE) subscriptions to the relay, and
 * for the latency section also publishes intents and times, on its own clock, how long each takes from
 * the start of its POST to each matching subscriber receiving the event.
 */
import { connect } from 'node:net';
import { matchesFilter, parseFilter } from '@intentcast/relay';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { serveChild } from './child.mjs';
import { summarize } from './stats.mjs';

const OPEN_BATCH = 100;

class Session {
  sockets = [];
  /** Per subscription id: its parsed filter. */
  filters = new Map();
  subscribed = 0;
  ended = [];
  /** message id -> { start, received: number[] } while latency is being measured. */
  timing = new Map();
  unexpected = 0;

  onFrame(text) {
    const frame = JSON.parse(text);
    switch (frame.op) {
      case 'eose':
        this.subscribed++;
        this.wake?.();
        return;
      case 'event': {
        const entry = this.timing.get(frame.message.id);
        if (entry === undefined) this.unexpected++;
        else entry.received.push(performance.now() - entry.start);
        return;
      }
      default:
        this.ended.push(frame);
        this.wake?.();
    }
  }

  async waitFor(condition, timeoutMs) {
    const end = Date.now() + timeoutMs;
    while (!condition() && Date.now() < end) {
      await new Promise((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    this.wake = undefined;
    return condition();
  }
}

function openWs(url, session) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('open', () => resolve(socket));
    socket.on('error', reject);
    socket.on('message', (data) => session.onFrame(data.toString()));
  });
}

/** An SSE stream over a raw socket: cheap on the client side, and idle once the response head is in. */
function openSse(origin, query) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.setEncoding('utf8');
    let head = '';
    socket.on('connect', () => {
      socket.write(
        `GET /v1/stream?${new URLSearchParams(query)} HTTP/1.1\r\nhost: ${hostname}:${port}\r\naccept: text/event-stream\r\n\r\n`,
      );
    });
    const onData = (chunk) => {
      head += chunk;
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 200')) resolve(socket);
      else reject(new Error(head.split('\r\n')[0]));
      socket.resume();
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

let session = new Session();

async function open({ origin, filters, perConnection, transport, timeoutMs = 120_000 }) {
  const start = performance.now();
  const before = session.sockets.length;
  if (transport === 'sse') {
    for (let i = 0; i < filters.length; i += OPEN_BATCH) {
      const batch = filters.slice(i, i + OPEN_BATCH).map((filter) => openSse(origin, filter));
      session.sockets.push(...(await Promise.all(batch)));
    }
    return {
      connections: session.sockets.length - before,
      subscriptions: filters.length,
      seconds: (performance.now() - start) / 1000,
    };
  }
  const url = `${origin.replace('http', 'ws')}/v1/ws`;
  const groups = [];
  for (let i = 0; i < filters.length; i += perConnection)
    groups.push(filters.slice(i, i + perConnection).map((f, j) => [i + j, f]));
  const target = session.subscribed + filters.length;
  for (let g = 0; g < groups.length; g += OPEN_BATCH) {
    const batch = groups.slice(g, g + OPEN_BATCH);
    const sockets = await Promise.all(batch.map(() => openWs(url, session)));
    batch.forEach((group, k) => {
      for (const [index, filter] of group) {
        const sub = `s${index}`;
        session.filters.set(sub, parseFilter(filter));
        sockets[k].send(JSON.stringify({ op: 'subscribe', sub, filter }));
      }
    });
    session.sockets.push(...sockets);
  }
  const ok = await session.waitFor(() => session.subscribed >= target || session.ended.length > 0, timeoutMs);
  if (!ok || session.ended.length > 0) {
    throw new Error(
      `subscriptions did not all open: ${session.subscribed}/${target}, ${JSON.stringify(session.ended.slice(0, 3))}`,
    );
  }
  return {
    connections: session.sockets.length - before,
    subscriptions: filters.length,
    seconds: (performance.now() - start) / 1000,
  };
}

/**
 * Publishes `texts` (signed intents) one POST each, paced at `ratePerSecond` with at most `inFlight`
 * outstanding, and waits (up to `settleMs` after the last) for every expected delivery.
 */
async function publish({ origin, texts, ratePerSecond, inFlight = 32, settleMs = 5_000 }) {
  const filters = [...session.filters.values()];
  const plan = texts.map((text) => {
    const message = JSON.parse(text);
    let expected = 0;
    for (const filter of filters) if (matchesFilter(filter, message)) expected++;
    return { id: message.id, text, expected };
  });
  const pool = new Pool(origin, { connections: inFlight, pipelining: 1 });
  const postLatencies = [];
  let failed = 0;
  let outstanding = 0;
  const sends = [];
  const start = performance.now();
  try {
    for (let i = 0; i < plan.length; i++) {
      const due = start + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      while (outstanding >= inFlight) await new Promise((resolve) => setImmediate(resolve));
      const item = plan[i];
      const entry = { start: performance.now(), received: [] };
      session.timing.set(item.id, entry);
      outstanding++;
      sends.push(
        pool
          .request({
            path: '/v1/messages',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: item.text,
          })
          .then(async (res) => {
            await res.body.text();
            if (res.statusCode !== 201) failed++;
            postLatencies.push(performance.now() - entry.start);
          })
          .catch(() => {
            failed++;
          })
          .finally(() => {
            outstanding--;
          }),
      );
    }
    await Promise.all(sends);
    const publishSeconds = (performance.now() - start) / 1000;
    const total = plan.reduce((sum, item) => sum + item.expected, 0);
    const received = () => plan.reduce((sum, item) => sum + session.timing.get(item.id).received.length, 0);
    await session.waitFor(() => received() >= total, settleMs);

    const all = [];
    const last = [];
    let missing = 0;
    for (const item of plan) {
      const { received: times } = session.timing.get(item.id);
      all.push(...times);
      if (times.length > 0) last.push(Math.max(...times));
      missing += Math.max(0, item.expected - times.length);
    }
    return {
      published: plan.length,
      failed,
      publishSeconds,
      ratePerSecond,
      expectedDeliveries: total,
      deliveries: all.length,
      missing,
      unexpected: session.unexpected,
      matchesPerIntent: {
        mean: total / plan.length,
        min: Math.min(...plan.map((p) => p.expected)),
        max: Math.max(...plan.map((p) => p.expected)),
      },
      delivery: summarize(all),
      lastDeliveryPerIntent: summarize(last),
      postResponse: summarize(postLatencies),
    };
  } finally {
    session.timing.clear();
    await pool.close();
  }
}

async function closeAll() {
  const count = session.sockets.length;
  await Promise.all(
    session.sockets.map(
      (socket) =>
        new Promise((resolve) => {
          if (socket instanceof WebSocket) {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once('close', resolve);
            socket.terminate();
          } else {
            socket.once('close', resolve);
            socket.destroy();
          }
        }),
    ),
  );
  session = new Session();
  return { closed: count };
}

serveChild(async () => ({
  info: { pid: process.pid },
  handlers: { open, publish, close: closeAll, stop: closeAll },
}));
