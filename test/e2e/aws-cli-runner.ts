// Runs the real AWS CLI v2 (/usr/bin/aws) against a local ECR, in a clean environment: the
// example key, us-east-1, config files in the test's own home, no pager.
import { join } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';

export const AWS = '/usr/bin/aws';

export interface Run { readonly exitCode: number; readonly stdout: string; readonly stderr: string }

/** `aws --endpoint-url <endpoint> --output json <args>` with HOME and config files under `home`. */
export async function runAws(endpoint: string, home: string, args: readonly string[], keyId = EXAMPLE_ACCESS_KEY_ID): Promise<Run> {
  const r = await execa(AWS, ['--endpoint-url', endpoint, '--output', 'json', ...args], {
    reject: false,
    extendEnv: false,
    env: {
      PATH: '/usr/bin:/bin', HOME: home, AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_SECRET_ACCESS_KEY,
      AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_PAGER: '', LANG: 'C.UTF-8',
    },
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON a successful run printed (and that it succeeded, silently). */
export function json(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}
