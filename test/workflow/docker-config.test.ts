import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authKeyFor, dockerConfigDir, dockerConfigFile, loadDockerConfig, readDockerConfig } from '../../src/workflow/docker-config.js';
import { createDockerEngine } from '../../src/workflow/engines/docker.js';

const saved = process.env.DOCKER_CONFIG;
afterEach(() => {
  if (saved === undefined) delete process.env.DOCKER_CONFIG; else process.env.DOCKER_CONFIG = saved;
});

describe("docker's config.json, read in one place", () => {
  it('finds the directory as docker does: given, else $DOCKER_CONFIG, else ~/.docker (an empty value is unset)', () => {
    expect(dockerConfigDir('/given', { DOCKER_CONFIG: '/env' })).toBe('/given');
    expect(dockerConfigDir(undefined, { DOCKER_CONFIG: '/env' })).toBe('/env');
    expect(dockerConfigDir(undefined, {})).toBe(join(homedir(), '.docker'));
    expect(dockerConfigDir(undefined, { DOCKER_CONFIG: '' })).toBe(join(homedir(), '.docker'));
  });

  it('tells a missing file, a broken one and a read one apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-dockercfg-'));
    const file = dockerConfigFile(dir);
    expect(await loadDockerConfig(file)).toEqual({ state: 'missing' });
    for (const text of ['{not json', '[]', 'null', '"text"']) {
      await writeFile(file, text);
      expect(await loadDockerConfig(file)).toEqual({ state: 'unreadable' });
    }
    await writeFile(file, JSON.stringify({ auths: { 'https://reg.example': { auth: 'QVdTOng=' } }, other: 1 }));
    const loaded = await loadDockerConfig(file);
    expect(loaded.state).toBe('read');
    if (loaded.state === 'read') expect(authKeyFor(loaded.config, 'reg.example')).toBe('https://reg.example');
    expect((await readDockerConfig(dir, 'reg.example')).isAuthInFile).toBe(true);
  });

  it('the docker engine uses the same file, with its own DOCKER_CONFIG first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-dockercfg-'));
    await writeFile(dockerConfigFile(dir), JSON.stringify({ credHelpers: { 'reg.example': 'ecr-login' } }));
    expect(createDockerEngine({ env: { DOCKER_CONFIG: dir } }).authFile?.()).toBe(join(dir, 'config.json'));
    expect(await createDockerEngine({ env: { DOCKER_CONFIG: dir } }).credentialsFor?.('reg.example')).toMatch(/credHelpers: docker-credential-ecr-login/);
    process.env.DOCKER_CONFIG = '';
    expect(createDockerEngine().authFile?.()).toBe(join(homedir(), '.docker', 'config.json'));
  });

  it('no other module works out the path or parses config.json itself', async () => {
    const src = new URL('../../src/', import.meta.url).pathname;
    const files = (await readdir(src, { recursive: true })).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('docker-config.ts'));
    const offenders: string[] = [];
    for (const f of files) {
      const text = await readFile(join(src, f), 'utf8');
      if (/['"]\.docker['"]|join\([^)]*['"]config\.json['"]\)|DOCKER_CONFIG\s*\?\?/.test(text)) offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });
});
