// `npm run bench` (second part): how long switching a fault takes on a running `ecr-lab serve`,
// as the admin endpoint's round trip on loopback, against a plain registry request to the
// same server in the same rounds (the floor of any HTTP round trip here). Target: < 50 ms.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 15) * 4;
const cli = new URL('../bin/ecr-lab.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ecr-lab-bench-faults-'));
const serve = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data', join(dir, 'data')], {
  env: { ...process.env, ECR_LAB_STATE_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'],
});
// A bench that fails must not leave serve running (it holds the terminal's pipe open).
process.on('exit', () => serve.kill('SIGKILL'));
let log = '';
serve.stdout.on('data', (c) => { log += c; });
while (!/Requests \(Ctrl\+C/.test(log)) await new Promise((r) => setTimeout(r, 50));
const port = Number(/127\.0\.0\.1:(\d+)/.exec(log)[1]);
// serve writes its admin file just after it prints the endpoint: wait for it.
const adminPath = join(dir, `local-ecr-admin-${port}.json`);
while (!existsSync(adminPath)) await new Promise((r) => setTimeout(r, 20));
const { secret } = JSON.parse(readFileSync(adminPath, 'utf8'));

function call(method, path, body) {
  const payload = body ? JSON.stringify(body) : '';
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { authorization: `Bearer ${secret}`, 'content-length': Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on('end', () => resolve([res.statusCode, Number(process.hrtime.bigint() - start) / 1e6]));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const times = { ping: [], on: [], off: [], cli: [] };
for (let i = 0; i < RUNS; i++) {
  times.ping.push((await call('GET', '/v2/'))[1]);
  times.on.push((await call('POST', '/ecr-lab/admin/faults/on', { name: 'token-expired' }))[1]);
  times.off.push((await call('POST', '/ecr-lab/admin/faults/off', { name: 'token-expired' }))[1]);
}
// The whole `ecr-lab fault on` command, Node's own start-up included, for comparison.
for (let i = 0; i < RUNS / 4; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'fault', i % 2 ? 'off' : 'on', 'token-expired', '--port', String(port)], { env: { ...process.env, ECR_LAB_STATE_DIR: dir } });
  if (r.status !== 0) throw new Error(`ecr-lab fault exited ${r.status}: ${r.stderr}`);
  times.cli.push(Number(process.hrtime.bigint() - start) / 1e6);
}
serve.kill('SIGINT');
await new Promise((r) => serve.on('exit', r));
rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times.ping);
console.log(`fault switching on a running serve: median of ${RUNS} rounds; baseline GET /v2/ = ${base.toFixed(2)} ms`);
for (const [label, key] of [['fault on token-expired', 'on'], ['fault off token-expired', 'off']]) {
  const m = median(times[key]);
  console.log(`${label.padEnd(30)} ${m.toFixed(2).padStart(7)} ms  ${(m / base).toFixed(2)}x  (target < 50 ms: ${m < 50 ? 'met' : 'NOT met'})`);
}
console.log(`${'ecr-lab fault on|off (process)'.padEnd(30)} ${median(times.cli).toFixed(2).padStart(7)} ms  (Node start-up included; no target)`);
