// A learner's state dir planted for the report tests: progress with quiz answers and a drill,
// a journal with a failure fixed later and secrets written raw (as an older ecr-lab or a
// hand edit might leave them), and a ledger.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REGISTRY_PASSWORD, REGISTRY_TOKEN, SECRET_KEY, SESSION_TOKEN } from './secrets.js';

export const DIGEST = `sha256:${'4c'.repeat(32)}`;
export const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo';

const step = (at: string, stepId: string, rest: Record<string, unknown>) =>
  ({ at, stepId, target: 'live', status: 'succeeded', commands: [], verified: [], durationMs: 40, ...rest });

/** Writes progress.json, journal.json and ledger.json into `dir`. */
export async function plantState(dir: string): Promise<void> {
  const progress = {
    version: 1,
    lessons: { 'what-is-ecr': { pagesSeen: [0, 1, 2, 3, 4], answers: { 'what-is-ecr#1': 1, 'what-is-ecr#2': 3 } } },
    drills: { 'token-expired': { best: 85, runs: [{ points: 85, isFirstTry: true, hintsUsed: 1, seconds: 200, at: '2026-01-02T10:00:00.000Z' }] } },
    // A secret where none belongs: the report must not carry it even from here.
    last: { lessonId: `aws_secret_access_key=${SECRET_KEY}`, page: 0 },
  };
  const entries = [
    step('2026-01-02T09:00:00.000Z', 'create-repository', { verified: [{ label: 'repositoryUri', value: URI }] }),
    step('2026-01-02T09:01:00.000Z', 'login', {
      status: 'failed',
      commands: [`aws ecr get-login-password --region us-east-1 | docker login --username AWS --password ${REGISTRY_PASSWORD} 123456789012.dkr.ecr.us-east-1.amazonaws.com`],
      verified: [{ label: 'session', value: `AWS_SESSION_TOKEN=${SESSION_TOKEN}` }],
      error: { code: 'ExpiredTokenException', message: `The security token included in the request is expired (Authorization: Basic ${REGISTRY_TOKEN})`, explanationId: 'credentials-expired', cause: 'The temporary credentials have expired.', fix: `Refresh them (\`aws sso login\`); the old key ${SECRET_KEY} is dead.` },
    }),
    step('2026-01-02T09:05:00.000Z', 'login', { verified: [{ label: 'token expires', value: '2026-01-02T21:05:00.000Z' }] }),
    step('2026-01-02T09:06:00.000Z', 'push-image', {
      commands: [`docker tag ecr-lab-demo:latest ${URI}:v1`, `docker push ${URI}:v1`],
      verified: [{ label: 'digest (DescribeImages)', value: DIGEST }],
    }),
    step('2026-01-02T09:07:00.000Z', 'pull-image', { status: 'failed', error: { code: 'ManifestUnknown', message: 'manifest unknown' } }),
  ];
  const ledger = { version: 1, entries: [{ kind: 'repository', name: 'ecr-lab/demo', region: 'us-east-1', account: '123456789012', target: 'live', createdAt: '2026-01-02T09:00:00.000Z' }] };
  await writeFile(join(dir, 'progress.json'), JSON.stringify(progress));
  await writeFile(join(dir, 'journal.json'), JSON.stringify({ version: 1, entries }));
  await writeFile(join(dir, 'ledger.json'), JSON.stringify(ledger));
}
