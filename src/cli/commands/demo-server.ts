import { UsageError } from '../../core/errors.js';

/** `keyhole demo-server`: the demo tenant as its own process, until SIGINT or SIGTERM. */
export async function demoServerCommand(options: { port?: string; json?: boolean }): Promise<void> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: "${options.port}" is not a port number`);
  }
  const { runDemoServer } = await import('../../demo/cli.js');
  await runDemoServer({ port, json: options.json === true });
}
