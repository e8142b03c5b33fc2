/*
 * The parts of undici an API call uses, imported from their own files rather than from undici's
 * index: the index loads all of undici (fetch, WebSocket, caches, mocks, cookies: 1 MB), which
 * cost every `keyhole call` about 50 ms before its first byte. keyhole's engine speaks to the
 * dispatcher directly (exchange.ts), so an agent, the proxy agent and the connector are all it
 * needs. They are the very modules undici's index exports, so the classes are the same ones.
 */
import Agent from 'undici/lib/dispatcher/agent.js';
import buildConnector from 'undici/lib/core/connect.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';

export { Agent, buildConnector, EnvHttpProxyAgent };
