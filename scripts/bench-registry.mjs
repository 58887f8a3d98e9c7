// Benchmarks the local ECR's registry against CNCF distribution (Debian's docker-registry) with
// the real clients: docker push/pull of a 256 MiB incompressible image, skopeo copy of already
// compressed layers, 20 parallel pushes, then re-hashes every stored blob and reads peak RSS.
// Usage: npm run bench:registry  (prints results; asserts only correctness, never timing)
import { ECRClient, CreateRepositoryCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { execa } from 'execa';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const MiB = 1024 * 1024;
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

async function startEcrLab() {
  const port = await freePort();
  const pid = await startProcess('node', ['bin/ecr-lab.js', 'serve', '--port', String(port), '--data', join(root, 'ecr-data')], port);
  const ecr = new ECRClient({
    endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  });
  const names = [
    ...Array.from({ length: ROUNDS }, (_, r) => [`bench/big-${r}`, `bench/sk-${r}`]).flat(),
    ...Array.from({ length: 8 }, (_, i) => `bench/fill-${i}`),
    ...Array.from({ length: 20 }, (_, i) => `bench/par-${i}`),
  ];
  for (const repositoryName of names) await ecr.send(new CreateRepositoryCommand({ repositoryName }));
  const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
  ecr.destroy();
  const token = auth.authorizationData[0].authorizationToken;
  const password = Buffer.from(token, 'base64').toString('utf8').slice('AWS:'.length);
  const host = `127.0.0.1:${port}`;
  await run('docker', ['login', '--username', 'AWS', '--password-stdin', host], { input: password });
  const authfile = join(root, 'auth.json');
  await writeFile(authfile, JSON.stringify({ auths: { [host]: { auth: token } } }), { mode: 0o600 });
  return { name: 'ecr-lab', host, pid, authArgs: ['--dest-authfile', authfile] };
}

async function startDistribution() {
  const port = await freePort();
  const config = join(root, 'distribution.yml');
  await writeFile(config, [
    'version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${join(root, 'dist-data')}`,
    'http:', `  addr: 127.0.0.1:${port}`, '',
  ].join('\n'));
  await startProcess('/usr/bin/docker-registry', ['serve', config], port);
  return { name: 'distribution', host: `127.0.0.1:${port}`, authArgs: [] };
}

const IMAGE = 'ecr-lab-bench/big:latest';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** A fresh 256 MiB random FROM scratch image (fresh, so no push can skip or mount its layer). */
async function buildImage() {
  const build = join(root, 'build');
  await mkdir(build);
  await randomFile(join(build, 'random.bin'), 256 * MiB);
  await writeFile(join(build, 'Dockerfile'), 'FROM scratch\nCOPY random.bin /random.bin\n');
  await run('docker', ['build', '-q', '-t', IMAGE, build]);
  await rm(build, { recursive: true });
}

/** One round: docker push, docker pull, skopeo copy; the first target alternates by round. */
async function round(r, targets, times) {
  console.log(`round ${r + 1}/${ROUNDS}`);
  await buildImage();
  const sk = join(root, `sk-${r}`);
  await dirImage(sk, [64 * MiB, 64 * MiB, 64 * MiB, 64 * MiB]);
  const order = r % 2 === 0 ? targets : [...targets].reverse();
  const refs = targets.map((t) => `${t.host}/bench/big-${r}:v1`);
  const add = (key, seconds) => { (times[key] ??= []).push(seconds); };
  for (const t of order) {
    const ref = `${t.host}/bench/big-${r}:v1`;
    await run('docker', ['tag', IMAGE, ref]);
    add(`push ${t.name}`, await timed(`docker push 256 MiB -> ${t.name}`, () => run('docker', ['push', ref])));
  }
  for (const t of order) {
    await run('docker', ['rmi', '-f', IMAGE, ...refs], { reject: false });
    add(`pull ${t.name}`, await timed(`docker pull 256 MiB <- ${t.name}`, () => run('docker', ['pull', `${t.host}/bench/big-${r}:v1`])));
  }
  await run('docker', ['rmi', '-f', ...refs], { reject: false });
  for (const t of order) {
    add(`skopeo ${t.name}`, await timed(`skopeo copy dir: 4x64 MiB gz -> ${t.name}`, () => skopeoCopy(t, sk, `bench/sk-${r}:v1`)));
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

async function peakRss(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function ratio(times, what) {
  const [ecr, dist] = [median(times[`${what} ecr-lab`]), median(times[`${what} distribution`])];
  const line = `${what}: ecr-lab ${ecr.toFixed(2)} s / distribution ${dist.toFixed(2)} s`;
  console.log(`  ${line.padEnd(60)} ${(ecr / dist).toFixed(2)}x  (target <= 1.10x)`);
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
  console.log(`bench dir ${root}; ${ROUNDS} rounds (BENCH_ROUNDS); wall clock of each client command`);
  const ecrLab = await startEcrLab();
  const dist = await startDistribution();
  const targets = [ecrLab, dist];
  const times = {};
  for (let r = 0; r < ROUNDS; r++) await round(r, targets, times);
  console.log('medians:');
  for (const what of ['push', 'pull', 'skopeo']) ratio(times, what);

  const stored = await fillTo1GiB(ecrLab);
  await Promise.all(Array.from({ length: 20 }, (_, i) => dirImage(join(root, `par-${i}`), [4 * MiB, 1 * MiB])));
  await timed('20 parallel skopeo pushes -> ecr-lab', () => Promise.all(
    Array.from({ length: 20 }, (_, i) => skopeoCopy(ecrLab, join(root, `par-${i}`), `bench/par-${i}:v1`)),
  ));
  const blobs = await verifyBlobs(join(root, 'ecr-data'));
  console.log(`  all 20 parallel pushes succeeded; ${blobs} stored blobs re-hashed, all match their digests`);
  console.log(`  ecr-lab serve peak RSS (VmHWM) with ${stored} MiB stored: ${(await peakRss(ecrLab.pid)).toFixed(1)} MiB (target <= 150 MiB)`);
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
