import { IntentcastError } from '@intentcast/core';
import { relayError, streamError, unreachable } from '../errors.js';
import { filterParams } from '../filter.js';
import { type SseEvent, SseParser } from './sse-parser.js';
import type { Connect, ConnectionEnd } from './types.js';

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One server-sent-events connection to `GET /v1/stream` (spec/streams.md#sse), authenticated with the
 * Authorization header (never the `token` parameter, which ends up in logs).
 */
export const connectEventStream: Connect = async (host, request, sink, signal) => {
  const { spec, cursor, token } = request;
  const params = new URLSearchParams(spec.filter === undefined ? {} : filterParams(spec.filter));
  if (spec.mailbox !== undefined) params.set('mailbox', spec.filter === undefined ? 'only' : '1');
  if (cursor !== undefined) params.set('cursor', String(cursor));
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const end: ConnectionEnd = { opened: false, healthy: false };
  let response: Awaited<ReturnType<typeof host.transport.http.send>>;
  try {
    response = await host.transport.http.send({
      method: 'GET',
      url: `${host.url}/v1/stream?${params}`,
      headers,
      signal,
    });
  } catch (cause) {
    return signal.aborted ? end : { ...end, error: unreachable(host.url, cause) };
  }
  if (response.status !== 200) {
    const text = await response.text().catch(() => '');
    const error = relayError(response.status, text);
    return { ...end, error, authRefused: error.code === 'ERR_AUTH_INVALID' };
  }
  end.opened = true;
  sink.opened();
  const onEvent = (event: SseEvent) => {
    if (event.event === 'intent' || event.event === 'mailbox') {
      const seq = Number(event.id);
      if (event.id === undefined || !Number.isSafeInteger(seq) || seq <= 0) return;
      end.healthy = true;
      sink.event(seq, json(event.data));
    } else if (event.event === 'error' || event.event === 'close') {
      end.error = streamError(json(event.data), 'the relay ended the stream');
    }
  };
  const parser = new SseParser(onEvent);
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.chunks()) {
      parser.push(decoder.decode(chunk, { stream: true }));
      if (end.error !== undefined) break;
    }
  } catch (cause) {
    if (!signal.aborted) end.error = unreachable(host.url, cause);
  } finally {
    response.cancel();
  }
  if (end.error === undefined && !signal.aborted) {
    end.error = new IntentcastError('ERR_UNAVAILABLE', `the stream from ${host.url} ended`);
  }
  return end;
};
