// Benchmarks the local ECR's registry against CNCF distribution (Debian's docker-registry) with
// the real clients: docker push/pull of a 256 MiB incompressible image, skopeo copy of already
// compressed layers, 20 parallel pushes, then re-hashes every stored blob and reads peak RSS.
// Then the classroom load (bench-registry-load.mjs): 30 clients at once each pushing and
// pulling a distinct 64 MiB image, on fresh server processes so that each one's peak RSS is
// the load's own. Every ratio is against distribution measured in the same run, since these
// machines are noisy from one run to the next.
// Usage: npm run bench:registry [-- --quick]  (prints results with their targets; asserts only
// correctness, never timing). --quick (under a minute): one round of a 64 MiB docker image,
// no 1 GiB fill, the 30 clients with 8 MiB each. BENCH_ROUNDS, BENCH_CLIENTS, BENCH_CLIENT_MIB,
// BENCH_PART_MIB and BENCH_LOAD_ROUNDS override the sizes; --load-only runs the classroom load
// alone (for profiling serve under it).
import { ECRClient, CreateRepositoryCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { execa } from 'execa';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { classroomLoad, cpuSeconds, peakRssMiB, sampleRss } from './bench-registry-load.mjs';

const MiB = 1024 * 1024;
const QUICK = process.argv.includes('--quick');
const sizeFrom = (name, full, quick) => Number(process.env[name] ?? (QUICK ? quick : full));
const ROUNDS = sizeFrom('BENCH_ROUNDS', 3, 1);
const IMAGE_MIB = QUICK ? 64 : 256;
const SKOPEO_MIB = QUICK ? 16 : 64;
const LOAD = {
  clients: sizeFrom('BENCH_CLIENTS', 30, 30),
  mib: sizeFrom('BENCH_CLIENT_MIB', 64, 8),
  // docker's blob writer streams a layer in one PATCH; containerd and others send parts. Parts
  // of 16 MiB exercise the resumable path (Content-Range, offsets) 4 times per 64 MiB layer.
  partMib: sizeFrom('BENCH_PART_MIB', 16, 4),
  rounds: sizeFrom('BENCH_LOAD_ROUNDS', 2, 1),
};
const root = await mkdtemp(join(tmpdir(), 'ecr-bench-'));
const env = { DOCKER_CONFIG: join(root, 'docker'), DOCKER_BUILDKIT: '0' };
const children = [];

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function timed(label, fn) {
  const start = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`  ${label.padEnd(44)} ${seconds.toFixed(2)} s`);
  return seconds;
}

const run = (cmd, args, opts = {}) => execa(cmd, args, { env, ...opts });

/** Random bytes to a file, streamed, so the bench itself stays small in memory. */
async function randomFile(file, size) {
  const out = createWriteStream(file);
  for (let left = size; left > 0; left -= 4 * MiB) {
    if (!out.write(randomBytes(Math.min(4 * MiB, left)))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

function tarHeader(name, size) {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100); h.write('0000000\0', 108); h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.fill(' ', 148, 156); h.write('0', 156); h.write('ustar\0', 257); h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/**
 * Writes a skopeo `dir:` image whose layers are gzip (level 0) of a tar of random bytes: already
 * compressed, so skopeo sends them as they are.
 */
async function dirImage(dir, layerSizes) {
  await mkdir(dir, { recursive: true });
  const layers = [];
  const diffIds = [];
  for (const [i, size] of layerSizes.entries()) {
    const raw = join(dir, `raw${i}`);
    await randomFile(raw, size);
    const pad = Buffer.alloc((512 - (size % 512)) % 512 + 1024);
    const tarHash = createHash('sha256');
    const gzHash = createHash('sha256');
    let gzSize = 0;
    const tar = async function* () {
      yield tarHeader(`data${i}.bin`, size);
      for await (const chunk of createReadStream(raw, { highWaterMark: MiB })) yield chunk;
      yield pad;
    };
    const tapTar = async function* (src) { for await (const c of src) { tarHash.update(c); yield c; } };
    const tapGz = async function* (src) { for await (const c of src) { gzHash.update(c); gzSize += c.length; yield c; } };
    const tmp = join(dir, `layer${i}`);
    await pipeline(tar, tapTar, createGzip({ level: 0 }), tapGz, createWriteStream(tmp));
    const hex = gzHash.digest('hex');
    await execa('mv', [tmp, join(dir, hex)]);
    await rm(raw);
    layers.push({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: gzSize, digest: `sha256:${hex}` });
    diffIds.push(`sha256:${tarHash.digest('hex')}`);
  }
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: diffIds } }));
  const configHex = createHash('sha256').update(config).digest('hex');
  await writeFile(join(dir, configHex), config);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: `sha256:${configHex}` },
    layers,
  }));
  await writeFile(join(dir, 'version'), 'Directory Transport Version: 1.1\n');
}

/** Starts a server process and waits until it answers on /v2/; returns its pid. */
async function startProcess(cmd, args, port) {
  const child = execa(cmd, args, { env, reject: false, stdout: 'ignore', stderr: 'pipe', buffer: false });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    // Not the child itself: it is a promise, and returning it would wait for the process to end.
    try { await fetch(`http://127.0.0.1:${port}/v2/`); return child.pid; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`${cmd} did not start on port ${port}`);
}

/**
 * The node flags of bin/ecr-lab.js's shebang (`#!/usr/bin/env -S node <flags>`), so that serve
 * runs here as `ecr-lab serve` runs for a learner while it stays a plain `node` child whose pid
 * is the server's own.
 */
async function shebangFlags() {
  const first = (await readFile('bin/ecr-lab.js', 'utf8')).split('\n')[0];
  const m = /^#!\s*\/usr\/bin\/env\s+(?:-S\s+)?node\b(.*)$/.exec(first);
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

/** Starts `ecr-lab serve` on its own data dir with `names` created; returns host, pid, token. */
async function startEcrLab(dataDir, names) {
  const port = await freePort();
  const pid = await startProcess('node', [...await shebangFlags(), 'bin/ecr-lab.js', 'serve', '--port', String(port), '--data', dataDir], port);
  const ecr = new ECRClient({
    endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  });
  for (const repositoryName of names) await ecr.send(new CreateRepositoryCommand({ repositoryName }));
  const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
  ecr.destroy();
  const token = auth.authorizationData[0].authorizationToken;
  return { name: 'ecr-lab', host: `127.0.0.1:${port}`, pid, token };
}

/** The ecr-lab of the single-client rounds, logged in for docker and skopeo. */
async function startEcrLabForClients() {
  const names = [
    ...Array.from({ length: ROUNDS }, (_, r) => [`bench/big-${r}`, `bench/sk-${r}`]).flat(),
    ...Array.from({ length: 8 }, (_, i) => `bench/fill-${i}`),
    ...Array.from({ length: 20 }, (_, i) => `bench/par-${i}`),
  ];
  const t = await startEcrLab(join(root, 'ecr-data'), names);
  const password = Buffer.from(t.token, 'base64').toString('utf8').slice('AWS:'.length);
  await run('docker', ['login', '--username', 'AWS', '--password-stdin', t.host], { input: password });
  const authfile = join(root, 'auth.json');
  await writeFile(authfile, JSON.stringify({ auths: { [t.host]: { auth: t.token } } }), { mode: 0o600 });
  return { ...t, authArgs: ['--dest-authfile', authfile] };
}

async function startDistribution(dataDir) {
  const port = await freePort();
  const config = `${dataDir}.yml`;
  await writeFile(config, [
    'version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${dataDir}`,
    'http:', `  addr: 127.0.0.1:${port}`, '',
  ].join('\n'));
  const pid = await startProcess('/usr/bin/docker-registry', ['serve', config], port);
  return { name: 'distribution', host: `127.0.0.1:${port}`, pid, authArgs: [] };
}

// Named for this run: two benches at once (or a test's cleanup of the other's tag) must not
// untag each other's image between its build and its push.
const IMAGE = `ecr-lab-bench/big-${process.pid}:latest`;

/** A fresh random FROM scratch image (fresh, so no push can skip or mount its layer). */
async function buildImage() {
  const build = join(root, 'build');
  await mkdir(build);
  await randomFile(join(build, 'random.bin'), IMAGE_MIB * MiB);
  await writeFile(join(build, 'Dockerfile'), 'FROM scratch\nCOPY random.bin /random.bin\n');
  await run('docker', ['build', '-q', '-t', IMAGE, build]);
  await rm(build, { recursive: true });
}

/** One round: docker push, docker pull, skopeo copy; the first target alternates by round. */
async function round(r, targets, times) {
  console.log(`round ${r + 1}/${ROUNDS}`);
  await buildImage();
  const sk = join(root, `sk-${r}`);
  await dirImage(sk, Array.from({ length: 4 }, () => SKOPEO_MIB * MiB));
  const order = r % 2 === 0 ? targets : [...targets].reverse();
  const refs = targets.map((t) => `${t.host}/bench/big-${r}:v1`);
  const add = (key, seconds) => { (times[key] ??= []).push(seconds); };
  for (const t of order) {
    const ref = `${t.host}/bench/big-${r}:v1`;
    await run('docker', ['tag', IMAGE, ref]);
    add(`push ${t.name}`, await timed(`docker push ${IMAGE_MIB} MiB -> ${t.name}`, () => run('docker', ['push', ref])));
  }
  for (const t of order) {
    await run('docker', ['rmi', '-f', IMAGE, ...refs], { reject: false });
    add(`pull ${t.name}`, await timed(`docker pull ${IMAGE_MIB} MiB <- ${t.name}`, () => run('docker', ['pull', `${t.host}/bench/big-${r}:v1`])));
  }
  await run('docker', ['rmi', '-f', ...refs], { reject: false });
  for (const t of order) {
    add(`skopeo ${t.name}`, await timed(`skopeo copy dir: 4x${SKOPEO_MIB} MiB gz -> ${t.name}`, () => skopeoCopy(t, sk, `bench/sk-${r}:v1`)));
  }
  await rm(sk, { recursive: true });
}

async function skopeoCopy(t, dir, ref) {
  await run('skopeo', ['--insecure-policy', 'copy', '--quiet', '--dest-tls-verify=false', ...t.authArgs, `dir:${dir}`, `docker://${t.host}/${ref}`]);
}

/** Re-hashes every blob file of the local ECR's data dir against its name. */
async function verifyBlobs(dataDir) {
  let count = 0;
  const base = join(dataDir, 'blobs', 'sha256');
  for (const prefix of await readdir(base)) {
    for (const hex of await readdir(join(base, prefix))) {
      const hash = createHash('sha256');
      await pipeline(createReadStream(join(base, prefix, hex)), async function* (src) { for await (const c of src) hash.update(c); });
      if (hash.digest('hex') !== hex) throw new Error(`blob ${hex} does not match its digest`);
      count += 1;
    }
  }
  return count;
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Issue 8 sets push, pull and the classroom load at parity; skopeo keeps its earlier 1.10x. */
const TARGETS = { push: 1.0, pull: 1.0, skopeo: 1.1, 'load 30 clients': 1.0 };

function ratio(times, what, label = what) {
  const [ecr, dist] = [median(times[`${what} ecr-lab`]), median(times[`${what} distribution`])];
  const line = `${label}: ecr-lab ${ecr.toFixed(2)} s / distribution ${dist.toFixed(2)} s`;
  const r = ecr / dist;
  const target = TARGETS[what];
  const verdict = target === undefined ? 'no target' : `target <= ${target.toFixed(2)}x: ${r <= target ? 'met' : 'NOT met'}`;
  console.log(`  ${line.padEnd(64)} ${r.toFixed(2)}x  (${verdict})`);
}

function rssLine(label, mib, target) {
  const verdict = target === undefined ? '' : `  (target <= ${target} MiB: ${mib <= target ? 'met' : 'NOT met'})`;
  console.log(`  ${label.padEnd(64)} ${mib.toFixed(1)} MiB${verdict}`);
}

/**
 * The classroom load, sized to the disk: every round stores clients x size on each registry
 * (both keep it until the end). Halves the per-client size until that fits in 80% of the free
 * space, and says so; the clients generate their bytes as they send them, so memory is not
 * what limits the bench (the servers' own memory is what it measures).
 */
async function sizeLoad() {
  const fs = await statfs(root);
  const free = fs.bavail * fs.bsize;
  let mib = LOAD.mib;
  const needed = (m) => 2 * LOAD.clients * LOAD.rounds * m * MiB * 1.05;
  while (mib > 1 && needed(mib) > free * 0.8) mib = Math.floor(mib / 2);
  if (mib !== LOAD.mib) {
    console.log(`  ${LOAD.clients} x ${LOAD.mib} MiB x ${LOAD.rounds} rounds x 2 registries does not fit in ${(free / 2 ** 30).toFixed(1)} GiB free: running ${mib} MiB per client`);
  }
  return mib;
}

async function classroom() {
  const mib = await sizeLoad();
  const { clients, rounds } = LOAD;
  const partMib = Math.min(LOAD.partMib, mib);
  console.log(`classroom load: ${clients} clients at once, each pushing (POST, PATCH ${partMib} MiB parts, PUT ?digest=, manifest) then pulling a distinct ${mib} MiB image; ${rounds} round(s) per registry, fresh server processes`);
  const names = Array.from({ length: rounds }, (_, r) => Array.from({ length: clients }, (_, i) => `class/r${r}-${i}`)).flat();
  const ecrLab = await startEcrLab(join(root, 'load-ecr-data'), names);
  const dist = await startDistribution(join(root, 'load-dist-data'));
  const times = {};
  const add = (key, seconds) => { (times[key] ??= []).push(seconds); };
  const sampled = {};
  for (let r = 0; r < rounds; r++) {
    for (const t of r % 2 === 0 ? [ecrLab, dist] : [dist, ecrLab]) {
      const rss = sampleRss(t.pid);
      const cpu0 = await cpuSeconds(t.pid);
      const result = await classroomLoad(t, { clients, size: mib * MiB, part: partMib * MiB, prefix: `class/r${r}`, seedBase: r * clients });
      sampled[t.name] = Math.max(sampled[t.name] ?? 0, rss.stop());
      const cpu = (await cpuSeconds(t.pid)) - cpu0;
      add(`cpu ${t.name}`, cpu);
      add(`load 30 clients ${t.name}`, result.seconds);
      add(`load: client push ${t.name}`, median(result.push));
      add(`load: client pull ${t.name}`, median(result.pull));
      const mbps = (2 * clients * mib) / result.seconds;
      console.log(`  round ${r + 1}: ${t.name.padEnd(12)} ${result.seconds.toFixed(2)} s for all ${clients} (${mbps.toFixed(0)} MiB/s pushed+pulled); median client push ${median(result.push).toFixed(2)} s, pull ${median(result.pull).toFixed(2)} s; server CPU ${cpu.toFixed(1)} s; all pulls re-hashed and match`);
    }
  }
  console.log('medians:');
  ratio(times, 'load 30 clients', `load, ${clients} clients x ${mib} MiB`);
  // A client's own push and pull under the load depend on when the others' pushes end (a pull
  // that starts while 29 pushes still run is slower), so they are shown, not judged.
  ratio(times, 'load: client push', 'load: median client push');
  ratio(times, 'load: client pull', 'load: median client pull');
  // CPU seconds move less with the machine's other load than wall time does: shown, no target.
  const [cpuEcr, cpuDist] = [median(times['cpu ecr-lab']), median(times['cpu distribution'])];
  console.log(`  ${`load: server CPU: ecr-lab ${cpuEcr.toFixed(1)} s / distribution ${cpuDist.toFixed(1)} s`.padEnd(64)} ${(cpuEcr / cpuDist).toFixed(2)}x  (no target)`);
  rssLine('ecr-lab serve peak RSS (VmHWM) under the load', await peakRssMiB(ecrLab.pid), 150);
  rssLine('ecr-lab serve highest sampled VmRSS during the load', sampled['ecr-lab']);
  rssLine('distribution peak RSS (VmHWM) under the load, for comparison', await peakRssMiB(dist.pid));
}

/** Pushes `dir:` images of 256 MiB until the local ECR stores at least 1 GiB. */
async function fillTo1GiB(ecrLab) {
  const storedMiB = async () => Number((await execa('du', ['-sm', join(root, 'ecr-data', 'blobs')])).stdout.split('\t')[0]);
  for (let i = 0; (await storedMiB()) < 1024; i++) {
    await dirImage(join(root, 'fill'), [256 * MiB]);
    await skopeoCopy(ecrLab, join(root, 'fill'), `bench/fill-${i}:v1`);
    await rm(join(root, 'fill'), { recursive: true });
  }
  return storedMiB();
}

async function main() {
  await mkdir(env.DOCKER_CONFIG, { recursive: true });
  for (const tool of [['docker', ['version']], ['skopeo', ['--version']], ['/usr/bin/docker-registry', ['--version']]]) {
    await run(...tool).catch((e) => { throw new Error(`${tool[0]} is required: ${e.shortMessage}`); });
  }
  if (process.argv.includes('--load-only')) return classroom();
  console.log(`bench dir ${root}${QUICK ? ' (--quick)' : ''}; ${ROUNDS} rounds (BENCH_ROUNDS); wall clock of each client command`);
  const flags = await shebangFlags();
  if (flags.length > 0) console.log(`serve runs as node ${flags.join(' ')} bin/ecr-lab.js serve (the flags of its shebang)`);
  const ecrLab = await startEcrLabForClients();
  const dist = await startDistribution(join(root, 'dist-data'));
  const targets = [ecrLab, dist];
  const times = {};
  for (let r = 0; r < ROUNDS; r++) await round(r, targets, times);
  console.log('medians:');
  for (const what of ['push', 'pull', 'skopeo']) ratio(times, what);

  // --quick skips the fill: four skopeo pushes of 256 MiB would take most of its minute.
  const stored = QUICK ? 0 : await fillTo1GiB(ecrLab);
  await Promise.all(Array.from({ length: 20 }, (_, i) => dirImage(join(root, `par-${i}`), [4 * MiB, 1 * MiB])));
  await timed('20 parallel skopeo pushes -> ecr-lab', () => Promise.all(
    Array.from({ length: 20 }, (_, i) => skopeoCopy(ecrLab, join(root, `par-${i}`), `bench/par-${i}:v1`)),
  ));
  const blobs = await verifyBlobs(join(root, 'ecr-data'));
  console.log(`  all 20 parallel pushes succeeded; ${blobs} stored blobs re-hashed, all match their digests`);
  rssLine(`ecr-lab serve peak RSS (VmHWM) with ${stored} MiB stored`, await peakRssMiB(ecrLab.pid), 150);
  rssLine('distribution peak RSS (VmHWM), for comparison', await peakRssMiB(dist.pid));
  for (const c of children.splice(0)) c.kill('SIGTERM');
  await classroom();
}

try {
  await main();
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.race([Promise.all(children), new Promise((r) => setTimeout(r, 5000))]);
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await run('docker', ['rmi', '-f', IMAGE], { reject: false });
  await rm(root, { recursive: true, force: true });
}
