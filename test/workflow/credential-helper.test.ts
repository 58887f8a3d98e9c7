// credential-helper on an ECR host: writes config.json only with consent, keeping what is there.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/state/ledger.js';
import type { EcrApi, ImageEngine, Identity } from '../../src/workflow/ports.js';
import { createRunner } from '../../src/workflow/runner.js';
import { helperCanServe } from '../../src/workflow/steps/credential-helper.js';
import type { StepRunner } from '../../src/workflow/types.js';

let dir: string;
let runner: StepRunner;
const host = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-helper-'));
  runner = createRunner({
    context: { kind: 'live', region: 'eu-west-1', account: '123456789012', registry: host },
    ecr: {} as EcrApi, identity: {} as Identity, engine: {} as ImageEngine,
    ledger: Ledger.in(dir), dockerConfigDir: join(dir, 'docker'), askBeforeChanges: true,
  });
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('helperCanServe', () => {
  it.each([
    [host, true], ['123456789012.dkr.ecr.us-east-1.amazonaws.com:443', true], ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', true],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', true], ['127.0.0.1:5000', false], ['localhost:5000', false],
    ['12345.dkr.ecr.us-east-1.amazonaws.com', false], ['public.ecr.aws', false],
  ])('%s -> %s', (h, ok) => { expect(helperCanServe(h)).toBe(ok); });
});

describe('credential-helper step', () => {
  it('writes credHelpers with consent, keeping the other keys', async () => {
    await mkdir(join(dir, 'docker'));
    await writeFile(join(dir, 'docker', 'config.json'), JSON.stringify({ auths: { 'other.example': { auth: 'eA==' } } }));
    const o = await runner.run('credential-helper', {}, { confirm: async (r) => r.description.includes(host) });
    expect(o.status).toBe('succeeded');
    expect(o.verified).toEqual([{ label: `credHelpers["${host}"]`, value: 'ecr-login' }, { label: `auths["${host}"]`, value: 'none (no password in config.json)' }]);
    expect(o.commands).toEqual([`# in ${join(dir, 'docker', 'config.json')}: "credHelpers": {"${host}": "ecr-login"}`, `docker logout ${host}`]);
    const config = JSON.parse(await readFile(join(dir, 'docker', 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({ auths: { 'other.example': { auth: 'eA==' } }, credHelpers: { [host]: 'ecr-login' } });
  });

  it('drops the login docker login stored for the host (docker would not use it), and only that one', async () => {
    await mkdir(join(dir, 'docker'));
    await writeFile(join(dir, 'docker', 'config.json'), JSON.stringify({ auths: { [host]: { auth: 'QVdTOnNlY3JldA==' }, 'other.example': { auth: 'eA==' } } }));
    const o = await runner.run('credential-helper', {}, { confirm: async () => true });
    expect(o.output.join('\n')).toContain(`removed auths["${host}"]`);
    const config = JSON.parse(await readFile(join(dir, 'docker', 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({ auths: { 'other.example': { auth: 'eA==' } }, credHelpers: { [host]: 'ecr-login' } });
  });

  it('without consent, or without a way to ask, writes nothing', async () => {
    for (const options of [{ confirm: async () => false }, {}]) {
      const o = await runner.run('credential-helper', {}, options);
      expect(o.status).toBe('succeeded');
      expect(o.summary).toMatch(/not changed/);
    }
    await expect(readFile(join(dir, 'docker', 'config.json'))).rejects.toThrow();
  });

  it('refuses to overwrite a config.json that is not JSON', async () => {
    await mkdir(join(dir, 'docker'));
    await writeFile(join(dir, 'docker', 'config.json'), '{broken');
    const o = await runner.run('credential-helper', {}, { confirm: async () => true });
    expect(o.error?.code).toBe('DockerConfigUnreadable');
    expect(await readFile(join(dir, 'docker', 'config.json'), 'utf8')).toBe('{broken');
  });
});
