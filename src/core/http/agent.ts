/*
 * One keep-alive dispatcher per network setup (TLS trust, proxy), shared by every request with
 * that setup, so a session of API calls opens one connection per origin and keeps it. Usually
 * there is exactly one. undici unrefs idle sockets, so an open dispatcher never keeps the
 * process alive; closeDispatchers is for tests and orderly shutdown.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type * as Tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { KeyholeError } from '../errors.js';
import { CONNECT_TIMEOUT_MS } from './limits.js';
import { stampSocket } from './timing.js';
import { Agent, buildConnector, EnvHttpProxyAgent } from './undici-dispatchers.js';

export { CONNECT_TIMEOUT_MS };

/** TLS trust and proxy settings that decide which dispatcher a request goes through. */
export interface NetworkSettings {
  readonly caFile?: string;
  readonly insecure?: boolean;
  readonly proxyFromEnv?: boolean;
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];
const dispatchers = new Map<string, Dispatcher>();

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyholeError(`cannot read the CA certificate file ${file}`, {
      exitCode: 2,
      hint: 'Pass a PEM file with the certificate (or chain) that signed the server certificate.',
      cause: error,
    });
  }
}

/**
 * Node's built-in root certificates. node:tls is required only here, for --cacert: loading it
 * (and the crypto it pulls in) cost every plain-http or default-TLS call a few milliseconds
 * before undici loads it by itself for an https origin.
 */
function systemRoots(): readonly string[] {
  const tls = createRequire(import.meta.url)('node:tls') as typeof Tls;
  return tls.rootCertificates;
}

function tlsOptions(settings: NetworkSettings): { ca?: string[]; rejectUnauthorized?: boolean } {
  return {
    // Added to the system roots rather than replacing them, like NODE_EXTRA_CA_CERTS: a corporate
    // CA file should not make every public site untrusted.
    ...(settings.caFile !== undefined && {
      ca: [...systemRoots(), readCa(settings.caFile)],
    }),
    ...(settings.insecure === true && { rejectUnauthorized: false }),
  };
}

/** A connector that stamps every socket it opens with its connection phases. */
function timedConnector(tls: ReturnType<typeof tlsOptions>): buildConnector.connector {
  const connect = buildConnector({ ...tls, timeout: CONNECT_TIMEOUT_MS });
  return (options, callback) => {
    // undici's connector returns the socket it created, though its type says void.
    const socket = connect(options, callback) as unknown as Socket;
    stampSocket(socket, options.protocol === 'https:');
  };
}

/** The key of the usual setup: system roots, verification on, no proxy. */
const DIRECT = 'direct';

function keyOf(settings: NetworkSettings): string {
  // Asked once per request: the usual setup needs no JSON.
  if (settings.caFile === undefined && settings.insecure !== true && !settings.proxyFromEnv) {
    return DIRECT;
  }
  const env = settings.proxyFromEnv
    ? PROXY_VARIABLES.map((name) => process.env[name] ?? process.env[name.toLowerCase()] ?? '')
    : [];
  return JSON.stringify([settings.caFile ?? '', settings.insecure === true, env]);
}

/**
 * The shared dispatcher for these settings, created on first use. With proxyFromEnv the proxy
 * variables are part of the key, so a changed environment gets a dispatcher that honours it.
 */
export function dispatcherFor(settings: NetworkSettings): Dispatcher {
  const key = keyOf(settings);
  const existing = dispatchers.get(key);
  if (existing !== undefined) return existing;
  const tls = tlsOptions(settings);
  const connect = timedConnector(tls);
  const dispatcher = settings.proxyFromEnv
    ? // Direct connections use the timed connector; tunnelled ones carry the TLS settings to the
      // target. Their timing then has no connection phases: those belong to the proxy.
      new EnvHttpProxyAgent({ connect, requestTls: tls })
    : new Agent({ connect });
  dispatchers.set(key, dispatcher);
  return dispatcher;
}

/** Closes every shared dispatcher and its idle connections. Later requests open new ones. */
export async function closeDispatchers(): Promise<void> {
  const all = [...dispatchers.values()];
  dispatchers.clear();
  await Promise.all(all.map((dispatcher) => dispatcher.close()));
}
