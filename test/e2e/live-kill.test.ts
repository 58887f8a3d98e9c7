// The ledger survives kill -9: `run all --live --yes` against `ecr-lab serve` (through
// endpoint_url in a profile) is killed with SIGKILL at moments spread over the whole run, again
// and again. After every kill, each repository that exists with created-by=ecr-lab must be in
// the ledger. At the end `cleanup --live --yes` deletes exactly those, and a repository the aws
// CLI created without the tag keeps its image.
import { ECRClient, DescribeImagesCommand, DescribeRepositoriesCommand, ListTagsForResourceCommand, type Repository } from '@aws-sdk/client-ecr';
import { execa } from 'execa';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEnv, json, LEARNER_KEYS, startLiveLab, type LiveLab } from './live-harness.js';

const ROUNDS = 10;
/** About how long a whole `run all` takes here; the kills are spread over it and a little past. */
const RUN_MS = 4000;
const OTHER = 'team/not-ecr-lab';

let lab: LiveLab;
let ecr: ECRClient;

beforeAll(async () => {
  lab = await startLiveLab();
  ecr = new ECRClient({ endpoint: lab.endpoint, region: 'us-east-1', credentials: { accessKeyId: LEARNER_KEYS.id, secretAccessKey: LEARNER_KEYS.secret }, maxAttempts: 1 });
  await lab.writeAwsFiles(['[profile static]', 'region = us-east-1', `endpoint_url = ${lab.endpoint}`, ''].join('\n'),
    ['[static]', `aws_access_key_id = ${LEARNER_KEYS.id}`, `aws_secret_access_key = ${LEARNER_KEYS.secret}`, ''].join('\n'));
  // Someone else's repository, made with the aws CLI and docker, without ecr-lab's tag.
  json(await lab.aws(['ecr', 'create-repository', '--repository-name', OTHER], adminEnv()));
  const context = join(lab.home, 'other-image');
  await mkdir(context, { recursive: true });
  await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY note /note\n');
  await writeFile(join(context, 'note'), `not ecr-lab's ${Date.now()}\n`);
  const ref = `127.0.0.1:${lab.port}/${OTHER}:keep`;
  const docker = { env: { DOCKER_CONFIG: join(lab.home, 'docker') } };
  await execa('docker', ['build', '-q', '-t', ref, context], docker);
  const password = (await lab.aws(['ecr', 'get-login-password'], adminEnv())).stdout.trim();
  await execa('docker', ['login', '--username', 'AWS', '--password-stdin', `127.0.0.1:${lab.port}`], { ...docker, input: password });
  await execa('docker', ['push', ref], docker);
});

afterAll(async () => {
  const listed = await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { reject: false });
  const ours = String(listed.stdout).split('\n').filter((l) => l.startsWith(`127.0.0.1:${lab?.port}/`));
  if (ours.length) await execa('docker', ['rmi', '--force', ...ours], { reject: false });
  await lab?.close();
});

async function repositories(): Promise<Repository[]> {
  return (await ecr.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
}

async function taggedByEcrLab(): Promise<string[]> {
  const names: string[] = [];
  for (const r of await repositories()) {
    const tags = (await ecr.send(new ListTagsForResourceCommand({ resourceArn: r.repositoryArn }))).tags ?? [];
    if (tags.some((t) => t.Key === 'created-by' && t.Value === 'ecr-lab')) names.push(r.repositoryName!);
  }
  return names.sort();
}

async function ledgerNames(): Promise<string[]> {
  const text = await readFile(join(lab.stateDir, 'ledger.json'), 'utf8').catch(() => '{"entries":[]}');
  const file = JSON.parse(text) as { entries: { name: string; target: string }[] };
  return file.entries.filter((e) => e.target === 'live').map((e) => e.name).sort();
}

describe('kill -9 during run all --live --yes', () => {
  it('never leaves an ecr-lab repository the ledger does not know', async () => {
    const kills: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const repo = `ecr-lab/kill-${round}`;
      // Spread over the run: round r is killed somewhere in its own tenth of RUN_MS (and the last ones after it).
      const at = Math.round(((round + Math.random()) / ROUNDS) * RUN_MS * 1.1);
      const child = lab.spawnEcrLab(['run', 'all', '--live', '--yes', '--profile', 'static', '--repo', repo]);
      await new Promise((resolve) => setTimeout(resolve, at));
      child.kill('SIGKILL');
      const done = await child;
      const reached = String(done.stdout).split('\n').filter((l) => /^[✓✗] /.test(l)).length;
      kills.push(`round ${round}: killed at ${at} ms after ${reached} steps (${done.signal ?? `exit ${done.exitCode}`})`);
      const tagged = await taggedByEcrLab();
      const known = await ledgerNames();
      expect(tagged.filter((n) => !known.includes(n)), kills.join('\n')).toEqual([]);
    }
    // The kills reached into the run: some rounds created repositories before they died.
    expect((await taggedByEcrLab()).length, kills.join('\n')).toBeGreaterThan(0);

    const before = await taggedByEcrLab();
    const clean = await lab.ecrLab(['cleanup', '--live', '--yes', '--profile', 'static']);
    expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
    for (const name of before) expect(clean.stdout).toContain(`deleted ${name} `);
    expect((await repositories()).map((r) => r.repositoryName)).toEqual([OTHER]);
    const images = (await ecr.send(new DescribeImagesCommand({ repositoryName: OTHER }))).imageDetails ?? [];
    expect(images.map((i) => i.imageTags)).toEqual([['keep']]);
    expect(await ledgerNames()).toEqual([]);
  });
});
