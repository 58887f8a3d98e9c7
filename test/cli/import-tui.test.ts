import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { importTui } from '../../src/cli/import-tui.js';

const childCi = (): string => execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.env.CI))'], { encoding: 'utf8' });

describe('importTui', () => {
  const before = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  afterEach(() => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
  });

  it("turns Ink's CI detection off while Ink loads", async () => {
    process.env.CI = 'true';
    process.env.CONTINUOUS_INTEGRATION = '1';
    // Ink's check (is-in-ci) reads these once, when Ink is first imported: inside `load`.
    const seen = await importTui(async () => [process.env.CI, process.env.CONTINUOUS_INTEGRATION]);
    expect(seen).toEqual(['false', 'false']);
  });

  it('gives children the CI the learner set, not false', async () => {
    process.env.CI = 'true';
    delete process.env.CONTINUOUS_INTEGRATION;
    await importTui(async () => ({}));
    expect(process.env.CI).toBe('true');
    expect('CONTINUOUS_INTEGRATION' in process.env).toBe(false);
    expect(childCi()).toBe('true');
  });

  it('restores CI and fetch when the import fails', async () => {
    process.env.CI = '1';
    const fetchBefore = globalThis.fetch;
    await expect(importTui(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(process.env.CI).toBe('1');
    expect(globalThis.fetch).toBe(fetchBefore);
  });

  it('leaves an unset CI unset', async () => {
    delete process.env.CI;
    await importTui(async () => ({}));
    expect('CI' in process.env).toBe(false);
    expect(childCi()).toBe('undefined');
  });
});
