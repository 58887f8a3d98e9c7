// The classroom load of `npm run bench:registry`: N clients at once, each pushing then pulling
// its own image over the registry's HTTP API the way docker does (blob POST, PATCH parts with
// Content-Range, PUT ?digest=, then the manifest; pull = manifest, config, layer re-hashed).
// Content is AES-CTR keystream keyed by the client's number: distinct, incompressible and the
// same every run, generated as it is sent, so the bench holds no image in memory.
// Also: peak-RSS sampling of a server process from /proc (VmRSS sampled, VmHWM at the end).
import { createCipheriv, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';

const MiB = 1024 * 1024;
/** Bytes generated per write: big enough to be cheap, small enough to keep the bench small. */
const PIECE = MiB;
const ZEROS = Buffer.alloc(PIECE);
const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';

/** A deterministic keystream for client `seed`; `next(n)` returns the next n bytes. */
function keystream(seed) {
  const key = createHash('sha256').update(`ecr-lab bench client ${seed}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  return { next: (n) => cipher.update(n === PIECE ? ZEROS : ZEROS.subarray(0, n)) };
}

/**
 * One HTTP exchange. `body` is a Buffer, or a function `(req) => Promise` that writes it. Reads
 * the answer whole unless `sink` is given (then each chunk goes to it and nothing is kept).
 */
function exchange(agent, base, method, path, { headers = {}, body, sink } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = request(url, { agent, method, headers }, (res) => {
      const parts = [];
      res.on('data', (c) => (sink ? sink(c) : parts.push(c)));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'function') body(req).then(() => req.end(), reject);
    else req.end(body);
  });
}

function expect(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} (wanted ${status}) ${res.body.toString('utf8').slice(0, 300)}`);
  return res;
}

/** Writes `length` keystream bytes to `req`, honouring backpressure; feeds `hash` on the way. */
async function writeStream(req, stream, length, hash) {
  for (let left = length; left > 0;) {
    const piece = stream.next(Math.min(PIECE, left));
    left -= piece.length;
    hash.update(piece);
    if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
  }
}

/** Pushes one blob as docker's blob writer does: POST, PATCH parts of `part` bytes, PUT ?digest=. */
async function pushLayer(c, name, size, part, stream) {
  let location = expect(await exchange(c.agent, c.base, 'POST', `/v2/${name}/blobs/uploads/`, { headers: { ...c.auth, 'content-length': 0 } }), 202, 'POST upload').headers.location;
  const hash = createHash('sha256');
  for (let start = 0; start < size; start += part) {
    const length = Math.min(part, size - start);
    const res = await exchange(c.agent, c.base, 'PATCH', location, {
      headers: { ...c.auth, 'content-type': 'application/octet-stream', 'content-length': length, 'content-range': `${start}-${start + length - 1}` },
      body: (req) => writeStream(req, stream, length, hash),
    });
    location = expect(res, 202, 'PATCH upload').headers.location;
  }
  const digest = `sha256:${hash.digest('hex')}`;
  const url = new URL(location, c.base);
  url.searchParams.set('digest', digest);
  expect(await exchange(c.agent, c.base, 'PUT', url.pathname + url.search, { headers: { ...c.auth, 'content-length': 0 } }), 201, 'PUT upload');
  return digest;
}

/** A small blob (the config): POST then PUT ?digest= with the bytes, as docker sends configs. */
async function pushSmall(c, name, bytes) {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const location = expect(await exchange(c.agent, c.base, 'POST', `/v2/${name}/blobs/uploads/`, { headers: { ...c.auth, 'content-length': 0 } }), 202, 'POST config').headers.location;
  const url = new URL(location, c.base);
  url.searchParams.set('digest', digest);
  expect(await exchange(c.agent, c.base, 'PUT', url.pathname + url.search, {
    headers: { ...c.auth, 'content-type': 'application/octet-stream', 'content-length': bytes.length }, body: bytes,
  }), 201, 'PUT config');
  return digest;
}

async function push(c, name, seed, size, part) {
  const layer = await pushLayer(c, name, size, part, keystream(seed));
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [layer] }, comment: `client ${seed}` }));
  const configDigest = await pushSmall(c, name, config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: MANIFEST_TYPE,
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
    // The layer is raw keystream, not gzip: neither registry looks inside a layer.
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size, digest: layer }],
  }));
  expect(await exchange(c.agent, c.base, 'PUT', `/v2/${name}/manifests/v1`, {
    headers: { ...c.auth, 'content-type': MANIFEST_TYPE, 'content-length': manifest.length }, body: manifest,
  }), 201, 'PUT manifest');
  return layer;
}

/** Pulls the image back and re-hashes every blob against its digest. */
async function pull(c, name, layerDigest) {
  const res = expect(await exchange(c.agent, c.base, 'GET', `/v2/${name}/manifests/v1`, { headers: { ...c.auth, accept: MANIFEST_TYPE } }), 200, 'GET manifest');
  const manifest = JSON.parse(res.body.toString('utf8'));
  if (manifest.layers[0].digest !== layerDigest) throw new Error(`${name}: manifest names ${manifest.layers[0].digest}, pushed ${layerDigest}`);
  for (const blob of [manifest.config, ...manifest.layers]) {
    const hash = createHash('sha256');
    let size = 0;
    expect(await exchange(c.agent, c.base, 'GET', `/v2/${name}/blobs/${blob.digest}`, {
      headers: c.auth, sink: (chunk) => { hash.update(chunk); size += chunk.length; },
    }), 200, 'GET blob');
    if (`sha256:${hash.digest('hex')}` !== blob.digest || size !== blob.size) throw new Error(`${name}: blob ${blob.digest} came back different`);
  }
}

/**
 * Runs `clients` clients at once against `target` ({ host, token? }), client i on repository
 * `${prefix}-${i}`. Returns the wall time of the whole load and each client's push and pull.
 */
export async function classroomLoad(target, { clients, size, part, prefix, seedBase = 0 }) {
  // One connection per client, kept alive between its requests, as each docker would have.
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const c = { agent, base: `http://${target.host}`, auth: target.token ? { authorization: `Basic ${target.token}` } : {} };
  const start = performance.now();
  try {
    const results = await Promise.all(Array.from({ length: clients }, async (_, i) => {
      const name = `${prefix}-${i}`;
      const t0 = performance.now();
      const layer = await push(c, name, seedBase + i, size, part);
      const t1 = performance.now();
      await pull(c, name, layer);
      return { push: (t1 - t0) / 1000, pull: (performance.now() - t1) / 1000 };
    }));
    return { seconds: (performance.now() - start) / 1000, push: results.map((r) => r.push), pull: results.map((r) => r.pull) };
  } finally {
    agent.destroy();
  }
}

async function statusKiB(pid, field) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return m ? Number(m[1]) : 0;
}

/** User plus system CPU time the process has used, in seconds (/proc/<pid>/stat, 100 Hz ticks). */
export async function cpuSeconds(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The process's high-water mark of resident memory (VmHWM), in MiB. */
export async function peakRssMiB(pid) {
  return (await statusKiB(pid, 'VmHWM')) / 1024;
}

/** Samples VmRSS every `ms` until stopped; `stop()` returns the highest sample in MiB. */
export function sampleRss(pid, ms = 50) {
  let max = 0;
  const timer = setInterval(() => { statusKiB(pid, 'VmRSS').then((k) => { max = Math.max(max, k); }, () => undefined); }, ms);
  return { stop: () => { clearInterval(timer); return max / 1024; } };
}
