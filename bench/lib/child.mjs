/**
 * Child processes for the parts that must not share the load generator's event loop (the relay, the bare
 * Fastify baseline, the stream clients), with a small request/answer protocol over the IPC channel.
 */
import { fork } from 'node:child_process';
import { basename } from 'node:path';

let profileDir;

/** From now on, children write a CPU profile (node --cpu-prof) into `dir` when they exit. */
export function profileChildren(dir) {
  profileDir = dir;
}

/**
 * Starts `entry` (a module path) with `config` as its JSON argument and waits for its `ready` message.
 * The result has `info` (the ready message), `call(type, payload)` and `stop()`.
 */
export async function startChild(entry, config, { execArgv = [], readyTimeoutMs = 120_000 } = {}) {
  const profiling = profileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=${basename(entry, '.mjs')}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const child = fork(entry, [JSON.stringify(config)], {
    execArgv: [...execArgv, ...profiling],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const waiting = new Map();
  let nextId = 1;
  let exited = false;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { reject } of waiting.values()) reject(new Error(`child exited (${code ?? signal})`));
      waiting.clear();
      resolve({ code, signal });
    });
  });
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} was not ready in ${readyTimeoutMs} ms`)),
      readyTimeoutMs,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message?.type === 'ready') resolve(message);
      else reject(new Error(`${entry} failed to start: ${message?.error ?? JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready`));
    });
  });
  child.on('message', (message) => {
    const pending = waiting.get(message?.id);
    if (pending === undefined) return;
    waiting.delete(message.id);
    if (message.error !== undefined) pending.reject(new Error(message.error));
    else pending.resolve(message.result);
  });

  return {
    info,
    pid: child.pid,
    call(type, payload = {}, timeoutMs = 600_000) {
      if (exited) return Promise.reject(new Error('child has exited'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${type} got no answer in ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        });
        child.send({ id, type, payload });
      });
    },
    /** Asks the child to stop, and kills it if it has not exited after `graceMs`. */
    async stop(graceMs = 10_000) {
      if (exited) return exit;
      child.send({ id: 0, type: 'stop', payload: {} });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * The child side: reads the config, runs `setup(config)` (which returns the ready info and the handlers),
 * reports ready, then answers calls. `stop` runs the `stop` handler, if any, and exits.
 */
export async function serveChild(setup) {
  const config = JSON.parse(process.argv[2] ?? '{}');
  let handlers;
  try {
    const ready = await setup(config);
    handlers = ready.handlers ?? {};
    process.send({ type: 'ready', ...ready.info });
  } catch (err) {
    process.send({ type: 'failed', error: err?.stack ?? String(err) }, () => process.exit(1));
    return;
  }
  // Exit with the parent, so that an interrupted run leaves nothing behind.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async ({ id, type, payload }) => {
    if (type === 'stop') {
      try {
        await handlers.stop?.();
      } finally {
        process.exit(0);
      }
      return;
    }
    try {
      const handler = handlers[type];
      if (handler === undefined) throw new Error(`no handler for ${type}`);
      process.send({ id, result: await handler(payload) });
    } catch (err) {
      process.send({ id, error: err?.stack ?? String(err) });
    }
  });
}

/** Memory of this process after a full collection (when run with --expose-gc). */
export async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}
