// Docker's in-place progress lines (`\r` rewrites) reach the card and `run --json` as their final state:
// the pure helper by table, then the docker engine's own line splitting against a fake docker on PATH.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerEngine } from '../../src/workflow/engines/docker.js';
import type { StepEvent } from '../../src/workflow/types.js';
import { startLab } from './helpers.js';
import { finalLineState, outputLines } from '../../src/workflow/engines/output-lines.js';
import type { EngineIO } from '../../src/workflow/ports.js';

describe('finalLineState', () => {
  it.each([
    ['a plain line', 'Step 1/3 : FROM scratch', 'Step 1/3 : FROM scratch'],
    ['an empty line', '', ''],
    ['a trailing \\r', 'Sending build context to Docker daemon  5.12kB\r', 'Sending build context to Docker daemon  5.12kB'],
    ['rewrites', 'Sending build context to Docker daemon  512B\rSending build context to Docker daemon  5.12kB\r',
      'Sending build context to Docker daemon  5.12kB'],
    ['a leading \\r', '\rabc123def456: Pushed', 'abc123def456: Pushed'],
    ['blank states after the last text', 'done\r   \r\r', 'done'],
    ['only \\r', '\r\r', ''],
  ])('%s', (_name, input, expected) => {
    const out = finalLineState(input);
    expect(out).toBe(expected);
    expect(out).not.toContain('\r');
  });

  it('splits a block into final-state lines', () => {
    expect(outputLines('a 1%\ra 100%\nb\r\nc')).toEqual(['a 100%', 'b', 'c']);
  });
});

describe('docker engine output lines', () => {
  let bin = '';
  beforeAll(async () => {
    bin = await mkdtemp(join(tmpdir(), 'ecr-lab-fake-docker-'));
    // A stand-in docker that prints what the legacy builder and push print, \r rewrites included.
    const script = [
      '#!/bin/sh',
      'if [ "$1" = "push" ]; then',
      "  printf 'abc123def456: Preparing\\rabc123def456: Pushing\\rabc123def456: Pushed\\n'",
      "  printf 'v1: digest: sha256:%s size: 528\\r\\n' $(printf '0%.0s' $(seq 1 64))",
      '  exit 0',
      'fi',
      'if [ "$1" = "rmi" ]; then exit 0; fi',
      'if [ "$1" = "image" ]; then',
      `  echo '{"Id":"sha256:${'1'.repeat(64)}","RepoTags":["demo:v1"],"Size":120,"RootFS":{"Layers":["sha256:${'2'.repeat(64)}"]}}'`,
      '  exit 0',
      'fi',
      'if [ "$1" = "build" ]; then',
      "  printf 'Sending build context to Docker daemon  512B\\rSending build context to Docker daemon  5.12kB\\r\\n'",
      "  printf 'Successfully built 111111111111\\n'",
      '  exit 0',
      'fi',
      "printf 'Sending build context to Docker daemon  512B\\rSending build context to Docker daemon  5.12kB\\r\\n'",
      "printf 'Error response from daemon: tag invalid 10%%\\rError response from daemon: tag invalid\\r\\n' >&2",
      'exit 1',
    ].join('\n');
    await writeFile(join(bin, 'docker'), `${script}\n`);
    await chmod(join(bin, 'docker'), 0o755);
  });
  afterAll(async () => { await rm(bin, { recursive: true, force: true }); });

  const recorder = (): { io: EngineIO; lines: string[]; layers: string[] } => {
    const lines: string[] = [];
    const layers: string[] = [];
    return { lines, layers, io: { print: (l) => { lines.push(l); }, layer: (id, status) => { layers.push(`${id} ${status}`); } } };
  };

  it('prints each rewritten line once, in its final state, and keeps the error line clean', async () => {
    const engine = createDockerEngine({ env: { PATH: `${bin}:/usr/bin:/bin` } });
    const r = recorder();
    const failure = await engine.tag('a:v1', 'b:v1', r.io).then(() => undefined, (e: unknown) => e as Error & { code?: string });
    expect(r.lines).toContain('Sending build context to Docker daemon  5.12kB');
    for (const line of r.lines) expect(line).not.toContain('\r');
    expect(failure?.message).toBe('Error response from daemon: tag invalid');
  });

  it('parses layer and digest lines that docker rewrote in place', async () => {
    const engine = createDockerEngine({ env: { PATH: `${bin}:/usr/bin:/bin` } });
    const r = recorder();
    const pushed = await engine.push('localhost:1/demo:v1', r.io);
    expect(pushed).toEqual({ digest: `sha256:${'0'.repeat(64)}`, size: 528 });
    expect(r.layers).toEqual(['abc123def456 Pushed']);
    expect(r.lines).toEqual(['abc123def456: Pushed', `v1: digest: sha256:${'0'.repeat(64)} size: 528`]);
  });

  it('reaches the card and run --json output as the final state through the runner', async () => {
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved ?? '/usr/bin:/bin'}`;
    const lab = await startLab('docker');
    try {
      const events: StepEvent[] = [];
      const o = await lab.target.runner.run('build-image', {}, { onEvent: (e) => events.push(e) });
      const shown = events.flatMap((e) => (e.type === 'output' ? [e.line] : []));
      for (const lines of [shown, o.output]) {
        expect(lines).toContain('Sending build context to Docker daemon  5.12kB');
        expect(lines.join('\n')).not.toContain('\r');
      }
    } finally {
      process.env.PATH = saved;
      await lab.dispose();
    }
  });
});
