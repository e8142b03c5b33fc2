import { parseArgs } from 'node:util';
import { runDemoServer } from './cli.js';

/**
 * Standalone entry for the demo tenant (`node main.js [--port N] [--json]`), for when it is
 * run outside the keyhole CLI, e.g. from a bundle in a benchmark.
 */
const { values } = parseArgs({
  options: { port: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`error: --port must be an integer from 0 to 65535\n`);
  process.exit(2);
}
await runDemoServer({ port, json: values.json });
