/*
 * The parts of undici an API call uses, imported from their own files rather than from undici's
 * index: the index loads all of undici (fetch, WebSocket, caches, mocks, cookies: 1 MB), which
 * cost every `keyhole call` about 50 ms before its first byte. keyhole's engine speaks to the
 * dispatcher directly (exchange.ts), so an agent, the proxy agent and the connector are all it
 * needs. They are the very modules undici's index exports, so the classes are the same ones.
 *
 * undici's index also gives every dispatcher its request/stream/connect/… methods (the proxy
 * agent tunnels with `client.connect()`); the same is done here, once, with the same module.
 */
import api from 'undici/lib/api/index.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import buildConnector from 'undici/lib/core/connect.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';

Object.assign(Dispatcher.prototype, api);

export { Agent, buildConnector, EnvHttpProxyAgent };
