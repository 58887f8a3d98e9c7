// Live AWS without credentials, and `ecr-lab doctor`, on a machine where AWS is unreachable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctorVerdict, runDoctor } from '../../src/workflow/doctor.js';
import { StepFailure } from '../../src/workflow/errors.js';
import { createLiveTarget } from '../../src/workflow/targets.js';

const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  process.env.AWS_CONFIG_FILE = '/nonexistent/ecr-lab/config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/ecr-lab/credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});
afterEach(() => {
  for (const k of KEYS) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
});

describe('createLiveTarget', () => {
  it('with no credentials anywhere: one explained error', async () => {
    const err = await createLiveTarget({ region: 'us-east-1', engine: 'builtin', maxAttempts: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepFailure);
    expect((err as StepFailure).code).toBe('CredentialsProviderError');
    expect((err as StepFailure).explanation?.id).toBe('no-credentials');
  });

  it('with no region: says so and how to fix it', async () => {
    const err = await createLiveTarget({ engine: 'builtin' }).catch((e: unknown) => e) as StepFailure;
    expect(err.code).toBe('RegionMissing');
    expect(err.explanation?.id).toBe('region-missing');
  });
});

describe('runDoctor', () => {
  it('reports every check, and missing credentials with a fix', async () => {
    const { checks } = await runDoctor({ timeoutMs: 1500 });
    expect(checks.map((c) => c.name)).toEqual(['Node.js', 'docker CLI', 'docker daemon', 'AWS CLI', 'AWS credentials', 'AWS region', 'docker credential helpers']
      .filter((n) => checks.some((c) => c.name === n)));
    expect(checks.find((c) => c.name === 'Node.js')?.ok).toBe(true);
    const creds = checks.find((c) => c.name === 'AWS credentials')!;
    expect(creds.ok).toBe(false);
    expect(creds.fix).toMatch(/aws configure/);
    expect(checks.find((c) => c.name === 'AWS region')?.ok).toBe(false);
  });

  it('says which target each check matters for: without credentials and region only live AWS is blocked', async () => {
    const { checks } = await runDoctor({ timeoutMs: 1500 });
    expect(checks.find((c) => c.name === 'AWS credentials')).toMatchObject({ target: 'live', isRequired: true });
    expect(checks.find((c) => c.name === 'Node.js')).toMatchObject({ target: 'both', isRequired: true });
    const verdict = doctorVerdict(checks);
    expect(verdict.localBlockers).toEqual([]);
    expect(verdict.liveBlockers.map((c) => c.name)).toEqual(expect.arrayContaining(['AWS credentials', 'AWS region']));
  });

  it('credHelpers "ecr-lab" is fine while the helper ships in bin/, and the check says where it is', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-doctor-'));
    try {
      await writeFile(join(dir, 'config.json'), JSON.stringify({ credHelpers: { '127.0.0.1:5000': 'ecr-lab' } }));
      const { checks } = await runDoctor({ timeoutMs: 1500, dockerConfigDir: dir });
      const check = checks.find((c) => c.name === 'docker credential helpers')!;
      expect(check.ok, check.detail).toBe(true);
      expect(check.detail).toContain(`${process.cwd()}/bin`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an empty AWS_REGION is no region', async () => {
    process.env.AWS_REGION = '';
    const { checks } = await runDoctor({ timeoutMs: 1500 });
    expect(checks.find((c) => c.name === 'AWS region')).toMatchObject({ ok: false, detail: 'none configured' });
  });

  it('with credentials but no route to AWS: a network failure, said as such', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const { checks } = await runDoctor({ timeoutMs: 1500, region: 'us-east-1' });
    expect(checks.find((c) => c.name === 'AWS credentials')).toMatchObject({ ok: true, detail: 'found (access key AKIA…MPLE)' });
    const who = checks.find((c) => c.name === 'AWS identity')!;
    expect(who.ok).toBe(false);
    expect(who.detail).toMatch(/network failure/);
  });
});
