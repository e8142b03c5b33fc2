import type { Writable } from 'node:stream';
import { startDemoTenant, type DemoTenant } from './server.js';

export interface RunDemoServerOptions {
  /** TCP port; 0 or absent picks a free one. */
  readonly port?: number;
  /** Print one JSON line ({baseUrl, clients}) when ready instead of the human summary. */
  readonly json?: boolean;
  /** Where the ready message goes. @default process.stdout */
  readonly stdout?: Writable;
  /** Stops the server when aborted, as SIGINT or SIGTERM do. */
  readonly signal?: AbortSignal;
}

function summary(tenant: DemoTenant): string {
  const rows = tenant.clients.map((c) => [
    c.name,
    c.clientId,
    c.clientSecret,
    c.kind,
    c.userName ?? '-',
  ]);
  const headers = ['NAME', 'CLIENT ID', 'SECRET', 'KIND', 'USER'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `keyhole demo tenant listening on ${tenant.baseUrl}`,
    '',
    line(headers),
    ...rows.map(line),
    '',
    `token URL:     ${tenant.baseUrl}/oauth/token`,
    `authorize URL: ${tenant.baseUrl}/oauth/authorize (redirect to http://127.0.0.1:<port>/callback)`,
    `OpenAPI:       ${tenant.baseUrl}/demo/openapi.json`,
    `JWKS:          ${tenant.baseUrl}/demo/jwks.json`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * `keyhole demo-server`: starts the demo tenant, announces it, and serves until SIGINT, SIGTERM
 * or the abort signal, then closes and resolves (the caller exits 0).
 */
export async function runDemoServer(options: RunDemoServerOptions = {}): Promise<void> {
  const out = options.stdout ?? process.stdout;
  const tenant = await startDemoTenant({ port: options.port ?? 0 });
  const stopped = stopRequested(options.signal);
  out.write(
    options.json
      ? `${JSON.stringify({ baseUrl: tenant.baseUrl, clients: tenant.clients })}\n`
      : summary(tenant),
  );
  await stopped;
  await tenant.close();
}
