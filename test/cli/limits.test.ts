import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { KEYHOLE_BIN, runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { type TestServer, startServer } from '../support/http-servers.js';

/*
 * The call engine's limits through the real CLI: a body over the cap, an endless body, a body
 * that never finishes, timer values Node cannot hold, and a next-page Link that is not http(s).
 * The API is a test server that gets its token from the demo tenant, so it can send what no
 * well-behaved server would.
 */
let tenant: DemoTenant;
let api: TestServer;
let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

const MiB = 1024 * 1024;
const keyhole = (args: string[]) => runKeyhole(args, { env });

/** Writes `total` bytes of "a" (Infinity: forever) as fast as the client reads them. */
function stream(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}

beforeAll(async () => {
  tenant = await startDemoTenant();
  api = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return stream(res, Number(url.searchParams.get('bytes')));
    }
    if (url.pathname === '/json-big') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return stream(res, 4096);
    }
    if (url.pathname === '/endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return stream(res, Infinity);
    }
    if (url.pathname === '/trickle') {
      // One byte at a time, never the last: no silence long enough for --timeout to end it.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(drip));
      return;
    }
    if (url.pathname === '/pages') {
      const link = url.searchParams.get('link') ?? 'javascript:alert(1)';
      const page = Number(url.searchParams.get('page') ?? 1);
      // Page 1 points to a good page 2; page 2 points to the link under test.
      const next = page === 1 ? `</pages?page=2&link=${encodeURIComponent(link)}>` : `<${link}>`;
      res.writeHead(200, { 'content-type': 'application/json', link: `${next}; rel="next"` });
      return void res.end(JSON.stringify([page * 10 + 1, page * 10 + 2]));
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no"}');
  });
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV };
  const tokenUrl = ['--token-url', `${tenant.baseUrl}/oauth/token`];
  await addDemoProfiles(
    keyhole,
    api.origin,
    [
      ['edge', 'demo-pat-client', 'PAT_SECRET', 'pat'],
      ['edge2', 'demo-api-client', 'API_SECRET', 'api-key'],
    ],
    tokenUrl,
  );
});
afterAll(async () => {
  await Promise.all([tenant.close(), api.close()]);
  cleanup();
});

const CUT_ADVICE = 'raise it with --max-body SIZE or lift it with --max-body none';

describe('the body cap (--max-body)', () => {
  it('a body over the default 64 MiB is cut with a word on stderr and exit 1', async () => {
    const result = await keyhole(['call', 'edge', 'GET', '/big', '-q', `bytes=${65 * MiB}`]);
    expect(result.stdout.length).toBe(64 * MiB);
    expect(result.stderr).toContain(`body cut at 64 MB (the server sent more); ${CUT_ADVICE}`);
    expect(result.code).toBe(1);
  });

  it('an endless body ends at the cap instead of running forever', async () => {
    const result = await keyhole(['call', 'edge', 'GET', '/endless', '--max-body', '1MiB']);
    expect(result.stdout.length).toBe(MiB);
    expect(result.stderr).toContain(`body cut at 1 MB (the server sent more); ${CUT_ADVICE}`);
    expect(result.code).toBe(1);
  });

  it.each([
    // Shown in keyhole's one size style (powers of 1024), whatever spelling the flag used.
    ['1KiB', 1024, '1 KB'],
    ['2kB', 2000, '2 KB'],
    ['1500', 1500, '1.5 KB'],
    ['0.5mib', 512 * 1024, '512 KB'],
  ])('--max-body %s takes exactly %i bytes', async (size, bytes, shown) => {
    const result = await keyhole([
      'call',
      'edge',
      'GET',
      '/big',
      '-q',
      'bytes=1048576',
      '--max-body',
      size,
    ]);
    expect(result.stdout.length).toBe(bytes);
    expect(result.stderr).toContain(`body cut at ${shown} (the server sent more)`);
    expect(result.code).toBe(1);
  });

  it('a body that fits, and --max-body none, pass whole with exit 0', async () => {
    const fits = await keyhole([
      'call',
      'edge',
      'GET',
      '/big',
      '-q',
      'bytes=1000',
      '--max-body',
      '1000',
    ]);
    expect({ code: fits.code, length: fits.stdout.length, stderr: fits.stderr }).toEqual({
      code: 0,
      length: 1000,
      stderr: '',
    });
    // Past the default cap: streamed to the pipe, not held.
    const lifted = await keyhole([
      'call',
      'edge',
      'GET',
      '/big',
      '-q',
      `bytes=${70 * MiB}`,
      '--max-body',
      'none',
    ]);
    expect(lifted.stderr).toBe('');
    expect(lifted.code).toBe(0);
    expect(lifted.stdout.length).toBe(70 * MiB);
  });

  it('--json says truncated: true and exits 1', async () => {
    const result = await keyhole([
      'call',
      'edge',
      'GET',
      '/json-big',
      '--max-body',
      '1KiB',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 200, truncated: true });
    expect(result.stderr).toContain('body cut at 1 KB');
  });

  it('compare says whose body was cut and exits 1', async () => {
    const result = await keyhole([
      'compare',
      'edge,edge2',
      'GET',
      '/json-big',
      '--max-body',
      '1KiB',
    ]);
    expect(result.stderr).toContain('edge: body cut at 1 KB (the server sent more)');
    expect(result.stderr).toContain('edge2: body cut at 1 KB (the server sent more)');
    expect(result.code).toBe(1);
  });

  it.each(['64M', '1e9', '0.1'])('refuses --max-body "%s" with exit 2', async (size) => {
    const result = await keyhole([
      'call',
      'edge',
      'GET',
      '/big',
      '-q',
      'bytes=10',
      '--max-body',
      size,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--max-body: ".*" is (not a size|less than one byte)/);
    expect(result.stdout).toBe('');
  });
});

describe('the deadline (--max-time) and the silence timeout (--timeout)', () => {
  it('a body that never finishes ends at --max-time, naming the flag, exit 1', async () => {
    const result = await keyhole(['call', 'edge', 'GET', '/trickle', '--max-time', '1s']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the call took longer than 1 s (--max-time)');
    expect(result.stderr).toContain('--max-time none');
  });

  it('--timeout 99999999999 is refused, not wrapped to 1 ms', async () => {
    const result = await keyhole([
      'call',
      'edge',
      'GET',
      '/big',
      '-q',
      'bytes=10',
      '--timeout',
      '99999999999',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--timeout: "99999999999" is longer than keyhole can wait');
    const deadline = await keyhole([
      'call',
      'edge',
      'GET',
      '/big',
      '-q',
      'bytes=10',
      '--max-time',
      '25d',
    ]);
    expect(deadline.code).toBe(2);
  });

  it.each(['soon', '1e3', '10sec'])('refuses --timeout "%s"', async (value) => {
    const result = await keyhole([
      'call',
      'edge',
      'GET',
      '/big',
      '-q',
      'bytes=10',
      '--timeout',
      value,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--timeout: "${value}" is not a duration`);
  });

  it('refuses a timeout under a millisecond instead of waiting forever', async () => {
    const result = await keyhole(['call', 'edge', 'GET', '/trickle', '--timeout', '0.0000001']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is shorter than a millisecond');
  });

  it.each([
    ['--timeout', '5m'],
    ['--max-time', 'none'],
  ])('accepts %s %s', async (flag, value) => {
    const result = await keyhole(['call', 'edge', 'GET', '/big', '-q', 'bytes=10', flag, value]);
    expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({
      code: 0,
      stderr: '',
      stdout: 'aaaaaaaaaa',
    });
  });

  it('matrix --max-time is checked the same way', async () => {
    const result = await keyhole(['matrix', 'edge', '--max-time', '99999999999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-time: "99999999999" is longer than keyhole can wait');
  });
});

describe('--all-pages and a next Link that is not http(s)', () => {
  it.each([
    ['javascript:alert(1)', 'is not an http(s) URL'],
    ['file:///etc/passwd', 'is not an http(s) URL'],
    ['http://[::1', 'is not a URL'],
  ])('keeps the pages fetched, warns about %s and exits 1', async (link, reason) => {
    const result = await keyhole([
      'call',
      'edge',
      'GET',
      `/pages?link=${encodeURIComponent(link)}`,
      '--all-pages',
    ]);
    expect(JSON.parse(result.stdout)).toEqual([11, 12, 21, 22]);
    expect(result.stderr).toContain(`page 2: its Link rel="next" ${reason}`);
    expect(result.stderr).toContain('stopped here');
    expect(result.code).toBe(1);
  });
});

describe('a reader that goes away', () => {
  it.each([[[]], [['--json']]])(
    '`| head` on a big body (%j) ends with exit 1 and no crash',
    async (extra) => {
      const child = spawn(
        process.execPath,
        [KEYHOLE_BIN, 'call', 'edge', 'GET', '/big', '-q', `bytes=${8 * MiB}`, ...extra],
        { env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...env } },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      // Like `head -c`: read a little, then close the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/Unhandled|node:events|internal error/);
      expect(code).toBe(1);
    },
  );
});
