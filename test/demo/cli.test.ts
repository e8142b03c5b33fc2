import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDemoServer } from '../../src/demo/cli.js';
import { http } from '../support/demo-http.js';

/** Resolves with everything written up to the first newline, or rejects after a deadline. */
function firstLine(stream: PassThrough, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no line within ${timeoutMs} ms: ${text}`)),
      timeoutMs,
    );
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, end));
      }
    });
  });
}

describe('runDemoServer', () => {
  it('with json prints one line with the base URL and clients, and stops on abort', async () => {
    const stdout = new PassThrough();
    const controller = new AbortController();
    const written: string[] = [];
    stdout.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
    const running = runDemoServer({ json: true, stdout, signal: controller.signal });

    const line = JSON.parse(await firstLine(stdout)) as {
      baseUrl: string;
      clients: { name: string; clientId: string; clientSecret: string; kind: string }[];
    };
    expect(line.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.clients.map((c) => c.clientId)).toEqual([
      'demo-api-client',
      'demo-pat-client',
      'demo-helpdesk-client',
      'demo-app-client',
      'demo-scoped-client',
    ]);
    expect(line.clients[1]).toMatchObject({
      clientSecret: 'demo-pat-secret',
      kind: 'pat',
      userName: 'jane.doe',
    });
    expect((await http(`${line.baseUrl}/oauth/info`)).status).toBe(200);

    controller.abort();
    await running;
    expect(written.join('').split('\n').filter(Boolean)).toHaveLength(1);
    await expect(http(`${line.baseUrl}/oauth/info`)).rejects.toThrow();
  });

  it('without json prints a summary with the URL and every client', async () => {
    const stdout = new PassThrough();
    const controller = new AbortController();
    let text = '';
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const running = runDemoServer({ stdout, signal: controller.signal });
    const first = await firstLine(stdout);
    expect(first).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+$/);
    controller.abort();
    await running;
    for (const id of [
      'demo-api-client',
      'demo-pat-secret',
      'demo-helpdesk-client',
      'demo-app-client',
    ]) {
      expect(text).toContain(id);
    }
    expect(text).toContain('/demo/openapi.json');
  });
});
