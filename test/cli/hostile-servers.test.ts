import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, runKeyhole, runProcess, tempDir } from '../support/cli.js';
import { type TestServer, startServer } from '../support/http-servers.js';

let dir: string;
let cleanup: () => void;
let env: Record<string, string>;
let server: TestServer;
/** What the token endpoint answers, per profile name (the client id). */
let modes: Record<string, (res: ServerResponse) => void>;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: string) =>
  `${b64({ alg: 'none' })}.${Buffer.from(claims).toString('base64url')}.sig`;
const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
const json = (res: ServerResponse, body: string) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), S: 'x' };
  const later = Math.floor(Date.now() / 1000) + 3600;
  modes = {
    sane: (res) =>
      json(
        res,
        JSON.stringify({
          access_token: jwt(`{"sub":"a","exp":${later},"scope":"s"}`),
          token_type: 'bearer',
          expires_in: 3600,
        }),
      ),
    deepResponse: (res) =>
      json(
        res,
        `{"access_token":"opaque","token_type":"bearer","expires_in":300,"x":${deep(20_000)}}`,
      ),
    deepClaims: (res) =>
      json(
        res,
        JSON.stringify({
          access_token: jwt(`{"sub":"a","exp":${later},"x":${deep(20_000)}}`),
          token_type: 'bearer',
        }),
      ),
    hugeLifetime: (res) =>
      json(
        res,
        JSON.stringify({ access_token: 'opaque', token_type: 'bearer', expires_in: 1e300 }),
      ),
    hugeExp: (res) =>
      json(
        res,
        JSON.stringify({
          access_token: jwt('{"sub":"a","exp":1e300,"iat":1e300}'),
          token_type: 'bearer',
        }),
      ),
    noExp: (res) =>
      json(res, JSON.stringify({ access_token: jwt('{"sub":"a"}'), token_type: 'bearer' })),
    huge: (res) => {
      // 700 MB made on the fly, chunked (no content-length), stopped when keyhole hangs up.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let left = 700 * 16;
      let closed = false;
      res.on('close', () => (closed = true));
      res.write('{"access_token":"');
      const pump = () => {
        while (!closed && left-- > 0) if (!res.write(chunk)) return void res.once('drain', pump);
        if (!closed) res.end('","token_type":"bearer"}');
      };
      pump();
    },
  };
  server = await startServer((_req, res, body) => {
    const client = new URLSearchParams(body).get('client_id') ?? '';
    (modes[client] ?? modes['sane'])?.(res);
  });
  for (const name of Object.keys(modes)) {
    const add = await runKeyhole(
      [
        'profiles',
        'add',
        name,
        '--base-url',
        server.origin,
        '--token-url',
        `${server.origin}/token`,
        '--client-id',
        name,
        '--secret',
        'env:S',
      ],
      { env },
    );
    expect(add.code, add.stderr).toBe(0);
  }
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const keyhole = (args: string[], extra: Record<string, string> = {}) =>
  runKeyhole(args, { env: { ...env, ...extra } });
const noBug = (text: string) => expect(text).not.toMatch(/internal error|this is a bug/i);

describe('token endpoints that answer with hostile token responses', () => {
  it('a response nested 20,000 deep is cached cut, and the profile keeps working', async () => {
    for (const args of [
      ['whoami', 'deepResponse'],
      ['token', 'deepResponse'],
      ['token', 'deepResponse', '--json'],
    ]) {
      const result = await keyhole(args);
      noBug(result.stderr);
      expect(result.code, result.stderr).toBe(0);
    }
    const token = await keyhole(['token', 'deepResponse', '--json']);
    expect(token.stdout).toContain('nested deeper than 64 levels');
  });

  it('claims nested 20,000 deep are cut with a warning in whoami and token', async () => {
    const who = await keyhole(['whoami', 'deepClaims']);
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/nest deeper than 64 levels/);
    const token = await keyhole(['token', 'deepClaims']);
    noBug(token.stderr);
    expect(token.code, token.stderr).toBe(0);
  });

  it('expires_in: 1e300 and exp: 1e300 mean "expiry unknown", with a warning', async () => {
    for (const name of ['hugeLifetime', 'hugeExp']) {
      for (const args of [
        ['whoami', name],
        ['token', name],
        ['token', name, '--json'],
      ]) {
        const result = await keyhole(args);
        noBug(result.stderr);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      }
    }
    expect((await keyhole(['whoami', 'hugeLifetime'])).stdout).toMatch(
      /expires_in \(1e\+300 s\) is not a usable lifetime/,
    );
    expect((await keyhole(['whoami', 'hugeExp'])).stdout).toMatch(
      /exp claim \(1e\+300\) is not a usable time/,
    );
  });

  it('a JWT without exp says its expiry is unknown', async () => {
    const who = await keyhole(['whoami', 'noExp']);
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/Expires:\s+unknown/);
  });

  it('a 700 MB token response fails at 1 MB with a clear message and little memory', async () => {
    const timeBin = '/usr/bin/time';
    const measured = existsSync(timeBin);
    const result = measured
      ? await runProcess(timeBin, ['-v', process.execPath, KEYHOLE_BIN, 'whoami', 'huge'], { env })
      : await keyhole(['whoami', 'huge']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/token response from 127\.0\.0\.1:\d+ is larger than 1 MB/);
    noBug(result.stderr);
    if (measured) {
      // GNU time's report of the child's peak RSS; keyhole alone is ~110 MB here, the old 1.5 GB.
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]);
      expect(kb).toBeGreaterThan(0);
      expect(kb).toBeLessThan(400 * 1024);
    }
    const after = await keyhole(['whoami', 'sane']);
    expect(after.code, after.stderr).toBe(0);
  });
});

/** Runs keyhole and kills it if it has not ended within a generous limit (a hang is a failure). */
function runBounded(args: string[], extra: Record<string, string> = {}, limitMs = 20_000) {
  return new Promise<{ code: number | null; stderr: string; hung: boolean }>((resolve) => {
    const child = spawn(process.execPath, [KEYHOLE_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...env, ...extra },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let hung = false;
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, hung });
    });
  });
}

describe('specs that never end', () => {
  const bomb = (levels: number) => {
    let text =
      'openapi: 3.0.0\ninfo: {title: bomb, version: "1"}\npaths: {}\nx-bomb:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < levels; i++)
      text += `  a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    return text;
  };

  it('a YAML alias bomb and a self-containing alias are refused at once', async () => {
    const file = path.join(dir, 'bomb.yaml');
    writeFileSync(file, bomb(30));
    const cyclic = path.join(dir, 'cycle.yaml');
    writeFileSync(
      cyclic,
      'openapi: 3.0.0\ninfo: {title: c, version: "1"}\npaths: {}\nx: &a [*a]\n',
    );
    const refused = await runBounded(['endpoints', '--spec', file]);
    expect(refused.hung).toBe(false);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/expands its YAML aliases to more than/);
    const cycle = await runBounded(['endpoints', '--spec', cyclic]);
    expect(cycle.hung).toBe(false);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toMatch(/alias that contains itself/);
  });

  it('/dev/zero, a FIFO and a directory are refused; a file over the limit names the variable', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [source, kind] of [
      ['/dev/zero', 'a character device'],
      [fifo, 'a FIFO'],
      [dir, 'a directory'],
    ] as const) {
      const result = await runBounded(['endpoints', '--spec', source]);
      expect(result.hung, source).toBe(false);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(kind);
    }
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `openapi: 3.0.0\n# ${'x'.repeat(200_000)}\n`);
    const capped = await runBounded(['endpoints', '--spec', big], { KEYHOLE_MAX_SPEC_MB: '0.1' });
    expect(capped.code, capped.stderr).toBe(2);
    expect(capped.stderr).toMatch(
      /is 195 KB, more than 102 KB \(the limit set by KEYHOLE_MAX_SPEC_MB\)/,
    );
  });

  it('a spec URL that trickles forever ends at the deadline; one that streams fast at the cap', async () => {
    const endless = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      const fast = req.url === '/fast';
      const chunk = Buffer.alloc(fast ? 64 * 1024 : 1, fast ? '#' : ' ');
      const timer = setInterval(() => res.write(chunk), fast ? 0 : 50);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const slow = await runBounded(['endpoints', '--spec', `${endless.origin}/slow`], {
        KEYHOLE_SPEC_TIMEOUT: '2',
      });
      expect(slow.hung).toBe(false);
      expect(slow.code, slow.stderr).toBe(1);
      expect(slow.stderr).toMatch(/took longer than 2 s \(the limit set by KEYHOLE_SPEC_TIMEOUT\)/);
      const fast = await runBounded(['endpoints', '--spec', `${endless.origin}/fast`], {
        KEYHOLE_MAX_SPEC_MB: '1',
      });
      expect(fast.hung).toBe(false);
      expect(fast.code, fast.stderr).toBe(2);
      expect(fast.stderr).toMatch(/larger than 1 MB \(the limit set by KEYHOLE_MAX_SPEC_MB\)/);
    } finally {
      await endless.close();
    }
  });
});
