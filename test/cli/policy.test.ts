// `ecr-lab policy`: the JSON a user can hand to `aws iam put-user-policy`, scoped by --repo,
// --account and --region; bad input is one line and exit 2.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');

async function policy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, 'policy', ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('prints the policy for the steps asked, on the repository, account and region given', async () => {
  const r = await policy('login', 'pull-image', '--repo', 'team/app', '--account', '210987654321', '--region', 'eu-west-1');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { Statement: { Action: string[]; Resource: string }[] };
  expect(doc.Statement).toEqual([
    { Sid: 'EcrLabRegistryToken', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
    { Sid: 'EcrLabRepository', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:DescribeImages', 'ecr:GetDownloadUrlForLayer'],
      Resource: 'arn:aws:ecr:eu-west-1:210987654321:repository/team/app' },
  ]);
});

it('an unknown step or a bad account is one line, exit 2', async () => {
  const step = await policy('login', 'pussh-image');
  expect(step.code).toBe(2);
  expect(step.stderr.split('\n')[0]).toMatch(/^ecr-lab: unknown step 'pussh-image'; steps are: whoami, /);
  const account = await policy('--account', '12');
  expect(account.code).toBe(2);
  expect(account.stderr.split('\n')[0]).toBe('ecr-lab: --account 12 must be 12 digits');
});
