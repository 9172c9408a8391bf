/**
 * The live streams of the relay: the hub that matches committed events to subscriptions, and the SSE and
 * WebSocket routes that carry them (spec/streams.md).
 */
export type { BacklogPage, EventKind, Selection } from './backlog.js';
export { readBacklog } from './backlog.js';
export { benchMatching, type MatchBenchOptions, type MatchBenchResult } from './bench.js';
export { createHub, type Hub, type HubOptions, type HubStats, type SubscribeRequest } from './hub.js';
export { DEFAULT_STREAM_LIMITS, resolveStreamLimits, type StreamLimits } from './limits.js';
export { type StreamPluginOptions, streamPlugin } from './plugin.js';
export type { Subscription, SubscriptionSink, SubscriptionSpec, SubscriptionState } from './subscription.js';
export { SubscriptionIndex } from './subscription-index.js';
export { type ClientFrame, parseClientFrame } from './ws-protocol.js';
