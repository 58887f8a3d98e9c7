// The built-in engine's pieces: deterministic layers, the Dockerfile subset, references.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoImageDir } from '../../src/workflow/assets.js';
import { createBuiltinEngine } from '../../src/workflow/engines/builtin/engine.js';
import { buildImage, parseDockerfile } from '../../src/workflow/engines/builtin/image-builder.js';
import { FIXED_MTIME, gzipDeterministic, tar } from '../../src/workflow/engines/builtin/tar-gzip.js';
import { parseReference, referenceKey } from '../../src/workflow/engines/reference.js';

describe('deterministic layers', () => {
  it('builds the demo image with the same digests every time', async () => {
    const [a, b] = [await buildImage(demoImageDir()), await buildImage(demoImageDir())];
    expect(a.manifestDigest).toBe(b.manifestDigest);
    expect(a.layers.map((l) => l.digest)).toEqual(b.layers.map((l) => l.digest));
    expect(a.layers).toHaveLength(2);
  });

  it('writes ustar headers with fixed mtime, uid/gid 0, sorted entries and valid checksums', () => {
    const archive = tar([{ path: 'b.txt', data: Buffer.from('b') }, { path: 'a/' }, { path: 'a/x.txt', data: Buffer.from('hello') }]);
    const names = [0, 512, 1536].map((off) => archive.subarray(off, off + 100).toString().replace(/\0.*$/s, ''));
    expect(names).toEqual(['a/', 'a/x.txt', 'b.txt']);
    const h = archive.subarray(512, 1024);
    expect(parseInt(h.subarray(136, 147).toString(), 8)).toBe(FIXED_MTIME);
    expect(parseInt(h.subarray(108, 115).toString(), 8)).toBe(0);
    const stored = parseInt(h.subarray(148, 154).toString(), 8);
    const copy = Buffer.from(h);
    copy.fill(0x20, 148, 156);
    expect(copy.reduce((n, byte) => n + byte, 0)).toBe(stored);
    expect(archive.length % 512).toBe(0);
  });

  it('gzips with a fixed header that gunzip accepts', () => {
    const gz = gzipDeterministic(Buffer.from('layer bytes'));
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
    expect(gunzipSync(gz).toString()).toBe('layer bytes');
  });
});

describe('parseDockerfile', () => {
  it('reads FROM scratch, COPY, LABEL, ENV and CMD', () => {
    const r = parseDockerfile('# c\nFROM scratch\nCOPY a /b\nLABEL x="y z" k=v\nENV A=1\nCMD ["/b"]\n');
    expect(r.copies).toEqual([{ src: 'a', dest: '/b' }]);
    expect(r.labels).toEqual({ x: 'y z', k: 'v' });
    expect(r.env).toEqual(['A=1']);
    expect(r.cmd).toEqual(['/b']);
  });

  it.each([['FROM alpine', /only FROM scratch/], ['FROM scratch\nRUN echo', /does not support 'RUN'/]])('refuses %s', (text, error) => {
    expect(() => parseDockerfile(text)).toThrow(error);
  });
});

describe('references', () => {
  it.each([
    ['ecr-lab-demo:v1', { repository: 'ecr-lab-demo', tag: 'v1' }],
    ['127.0.0.1:5000/team/app:v1', { registry: '127.0.0.1:5000', repository: 'team/app', tag: 'v1' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    [`123456789012.dkr.ecr.us-east-1.amazonaws.com/a@sha256:${'a'.repeat(64)}`, { registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com', repository: 'a', digest: `sha256:${'a'.repeat(64)}` }],
  ])('parses %s', (ref, expected) => {
    expect(parseReference(ref)).toMatchObject(expected);
  });

  it('refuses uppercase names the way docker does', () => {
    expect(() => parseReference('Team/App:v1')).toThrow('invalid reference format: repository name (Team/App) must be lowercase');
  });

  it('keys references with a default tag', () => {
    expect(referenceKey('app')).toBe('app:latest');
  });
});

describe('the built-in engine store', () => {
  it('builds, tags and inspects; tagging a missing image says No such image', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-engine-'));
    const lines: string[] = [];
    const io = { print: (l: string) => lines.push(l), layer: () => undefined };
    const engine = createBuiltinEngine({ dir });
    const built = await engine.build(demoImageDir(), 'demo:v1', io);
    expect(lines[0]).toBe('[built-in engine] build: standing in for docker because no docker daemon answered');
    await engine.tag('demo:v1', '127.0.0.1:1/x/y:v2', io);
    expect((await engine.inspect('127.0.0.1:1/x/y:v2'))?.id).toBe(built.id);
    expect((await engine.inspect('demo:v1'))?.repoTags).toEqual(['demo:v1', '127.0.0.1:1/x/y:v2']);
    await expect(engine.tag('nope:v1', 'x:v1', io)).rejects.toThrow('No such image: nope:v1');
    expect(await engine.credentialsFor('127.0.0.1:1')).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });
});
