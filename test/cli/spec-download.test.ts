import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';

/**
 * A spec server that answers with a 200 and part of the body, then resets the connection (a raw
 * node:net server, so the reset happens exactly mid-body).
 */
let server: Server;
let origin: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n' +
          `{"openapi": "3.0.3", "paths": {${' '.repeat(4000)}`,
        () => socket.resetAndDestroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('a spec download that breaks off', () => {
  it('exits 1 saying the download broke off; nothing is cached', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const configDir = path.join(dir, 'config');
      const result = await runKeyhole(['endpoints', '--spec', `${origin}/spec.json`], {
        env: { KEYHOLE_CONFIG_DIR: configDir },
      });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(`the download of the spec ${origin}/spec.json broke off`);
      expect(result.stderr).not.toMatch(/internal error|this is a bug/i);
      expect(result.stdout).toBe('');
      // The download streamed into the cache folder; the broken copy is not kept there.
      const cached = path.join(configDir, 'cache', 'specs');
      const kept = existsSync(cached) ? readdirSync(cached, { recursive: true }) : [];
      expect(kept.filter((name) => String(name).includes('.'))).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
