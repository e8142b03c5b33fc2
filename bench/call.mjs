// `node bench/call.mjs` (part of `npm run bench`): one CLI call as a script makes it,
// `keyhole call demo-pat GET /v3/identities` with the token cached, against the demo tenant on
// 127.0.0.1, as a multiple of `node -e 0` in the same run; and how many token requests 20 such
// calls make in one token lifetime (exactly 1). curl's and HTTPie's ratios are printed beside it
// when they are installed. The demo tenant runs as its own process (`keyhole demo-server`) behind
// a small proxy here that counts the token requests.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { row } from './rows.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CALLS_PER_TOKEN = 20;
const TARGET = 2;
const work = mkdtempSync(path.join(tmpdir(), 'keyhole-bench-call-'));
const env = {
  ...process.env,
  KEYHOLE_CONFIG_DIR: path.join(work, 'config'),
  NO_COLOR: '1',
  DEMO_SECRET: 'demo-pat-secret',
};

const tenant = spawn(process.execPath, ['dist/keyhole.js', 'demo-server', '--json'], {
  env,
  stdio: ['ignore', 'pipe', 'ignore'],
});
const { baseUrl } = await new Promise((resolve, reject) => {
  tenant.once('exit', (code) => reject(new Error(`demo-server exited ${code}`)));
  createInterface({ input: tenant.stdout }).once('line', (line) => resolve(JSON.parse(line)));
});
const upstream = new URL(baseUrl);

let tokenRequests = 0;
const proxy = createServer((req, res) => {
  if (req.method === 'POST' && req.url?.startsWith('/oauth/token')) tokenRequests += 1;
  const forwarded = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forwarded.on('error', () => res.destroy());
  req.pipe(forwarded);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;

/** Runs a process to its end and gives its wall time in ms; async, since the proxy runs here. */
function exec(command, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Median wall time over RUNS runs, after one warm-up. */
async function median(command, args) {
  const times = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const ms = await exec(command, args);
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const results = [];
try {
  await exec(process.execPath, [
    'dist/keyhole.js',
    'profiles',
    'add',
    'demo-pat',
    '--base-url',
    proxyUrl,
    '--client-id',
    'demo-pat-client',
    '--secret',
    'env:DEMO_SECRET',
    '--kind',
    'pat',
    '--preset',
    'generic',
  ]);
  const call = ['dist/keyhole.js', 'call', 'demo-pat', 'GET', '/v3/identities'];

  // Token reuse: 20 processes one after the other within one token's lifetime.
  tokenRequests = 0;
  for (let i = 0; i < CALLS_PER_TOKEN; i += 1) await exec(process.execPath, call);
  results.push(
    row({
      figure: `token requests during ${CALLS_PER_TOKEN} call processes`,
      measured: tokenRequests,
      exactly: 1,
      unit: '',
    }),
  );

  console.log(`one CLI call (median of ${RUNS}; baseline: node -e 0; demo tenant on 127.0.0.1)`);
  const baseline = await median(process.execPath, ['-e', '0']);
  const measured = await median(process.execPath, call);
  results.push(
    row({
      figure: 'keyhole call demo-pat GET /v3/identities, token cached',
      measured,
      baseline,
      baselineName: 'node -e 0',
      maxRatio: TARGET,
    }),
  );
  const floor = path.join(work, 'call-floor.mjs');
  await build({
    entryPoints: ['bench/call-floor.mjs'],
    outfile: floor,
    bundle: true,
    platform: 'node',
    format: 'esm',
    banner: {
      js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);",
    },
    logLevel: 'error',
  });
  row({
    figure: 'floor: Node + undici dispatcher, one GET with a cached token',
    measured: await median(process.execPath, [
      floor,
      `${proxyUrl}/v3/identities`,
      path.join(env.KEYHOLE_CONFIG_DIR, 'tokens.json'),
      'demo-pat',
    ]),
    baseline,
    baselineName: 'node -e 0',
  });
  const token = JSON.parse(
    Object.values(
      JSON.parse(readFileSync(path.join(env.KEYHOLE_CONFIG_DIR, 'tokens.json'), 'utf8')).secrets[
        'demo-pat'
      ],
    )[0],
  ).accessToken;
  for (const [name, label, args] of [
    [
      'curl',
      'curl',
      ['-s', '-o', '/dev/null', '-H', `authorization: Bearer ${token}`, `${baseUrl}/v3/identities`],
    ],
    [
      'http',
      'HTTPie',
      [
        '--ignore-stdin',
        '--quiet',
        'GET',
        `${baseUrl}/v3/identities`,
        `Authorization:Bearer ${token}`,
      ],
    ],
  ]) {
    if (spawnSync(name, ['--version'], { stdio: 'ignore' }).status !== 0) {
      console.log(`      (${label} is not installed)`);
      continue;
    }
    row({
      figure: `for reference: ${label}, the same GET`,
      measured: await median(name, args),
      baseline,
      baselineName: 'node -e 0',
    });
  }
} finally {
  proxy.close();
  tenant.kill();
  rmSync(work, { recursive: true, force: true });
}
process.exit(results.every(Boolean) ? 0 : 1);
