/*
 * How per-phase timing is measured. Connection phases belong to sockets, not requests, and undici
 * tells a request nothing about its socket. So:
 *  1. The connector (agent.ts) stamps each new socket with its DNS, TCP and TLS durations, read
 *     from the socket's own 'lookup', 'connect' and 'secureConnect' events.
 *  2. When undici writes a request, it calls the request's handler (onRequestStart) and, in the
 *     same synchronous step, publishes `undici:client:sendHeaders` with the socket. The handler
 *     parks itself in `pending`; the channel subscriber pairs it with the socket.
 *  3. The first request on a socket claims its phases; later requests on it (keep-alive reuse)
 *     get none, which is how reuse shows up in the timing.
 * Node's own fetch publishes on the same channel; with nothing parked, those messages are ignored.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** Connection phases of one socket, in milliseconds. */
export interface ConnectionPhases {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
}

interface SocketStamp {
  phases: ConnectionPhases;
  claimed: boolean;
}

const stamps = new WeakMap<Socket, SocketStamp>();

/** A request waiting to learn which socket it was written to. */
export interface SocketListener {
  onSocket(phases: ConnectionPhases | undefined): void;
}

let pending: SocketListener | null = null;
let subscribed = false;

function onSendHeaders(message: unknown): void {
  const listener = pending;
  pending = null;
  if (listener === null) return;
  const socket = (message as { socket?: Socket }).socket;
  const stamp = socket === undefined ? undefined : stamps.get(socket);
  if (stamp === undefined || stamp.claimed) {
    listener.onSocket(undefined);
    return;
  }
  stamp.claimed = true;
  listener.onSocket(stamp.phases);
}

/**
 * Called from a handler's onRequestStart: the very next sendHeaders message names its socket.
 * Cleared after the current synchronous step in case undici ever stops publishing it.
 */
export function awaitSocket(listener: SocketListener): void {
  if (!subscribed) {
    subscribe('undici:client:sendHeaders', onSendHeaders);
    subscribed = true;
  }
  pending = listener;
  queueMicrotask(() => {
    if (pending === listener) pending = null;
  });
}

/** Records the phases of a socket the connector just opened. */
export function stampSocket(socket: Socket, tls: boolean): void {
  const started = performance.now();
  const stamp: SocketStamp = { phases: {}, claimed: false };
  let mark = started;
  stamps.set(socket, stamp);
  // 'lookup' fires only when a name was resolved: IP literals have no DNS phase.
  socket.once('lookup', () => {
    const now = performance.now();
    stamp.phases.dnsMs = now - mark;
    mark = now;
  });
  socket.once('connect', () => {
    const now = performance.now();
    stamp.phases.connectMs = now - mark;
    mark = now;
  });
  if (tls) {
    socket.once('secureConnect', () => {
      stamp.phases.tlsMs = performance.now() - mark;
    });
  }
}
