// The floor under `keyhole call` (bench/call.mjs bundles this as dist/ is bundled and runs it
// the same way): what any Node client of this API must do — start Node, load undici's
// dispatcher, read a cached token from a JSON file, make one GET and write the body — and nothing
// keyhole adds (commands, profiles, secrets, redaction, history, explanations).
// Usage: node call-floor.mjs URL TOKENS_JSON PROFILE
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import Agent from 'undici/lib/dispatcher/agent.js';
import request from 'undici/lib/api/api-request.js';

// As keyhole's short-lived commands do (src/cli/short-lived.ts).
setFlagsFromString('--liftoff-only');
const [url, tokensFile, profile] = process.argv.slice(2);
const store = JSON.parse(readFileSync(tokensFile, 'utf8'));
const cached = JSON.parse(Object.values(store.secrets[profile])[0]);
const target = new URL(url);
const response = await request.call(new Agent(), {
  origin: target.origin,
  path: target.pathname,
  method: 'GET',
  headers: { authorization: `Bearer ${cached.accessToken}` },
});
process.stdout.write(Buffer.from(await response.body.arrayBuffer()));
if (response.statusCode !== 200) process.exitCode = 1;
