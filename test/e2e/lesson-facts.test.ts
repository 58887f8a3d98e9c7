// Facts the lessons state about the real clients, observed: the AWS CLI's exit code with no
// credentials, and the demo image's local size against ECR's imageSizeInBytes after a push.
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/cli/content.js';
import type { Lesson } from '../../src/core/lesson.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import { AWS } from './aws-cli-runner.js';

let dir: string;
let lessons: readonly Lesson[];
let target: LocalTarget | undefined;
const tag = `facts${Date.now().toString(36)}`;
const repository = `ecr-lab/facts-${tag}`;

/** A lesson's prose, with line breaks and runs of spaces made single spaces. */
function prose(id: string): string {
  const lesson = lessons.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  return lesson.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'markdown' ? [b.text] : []))).join(' ').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-facts-'));
  lessons = (await loadCourse(undefined, true)).lessons;
});

afterAll(async () => {
  if (target) {
    await execa('docker', ['rmi', '--force', `${target.context.localImage}:${tag}`, `${target.context.registry}/${repository}:${tag}`], { reject: false });
    await target.close();
  }
  await rm(dir, { recursive: true, force: true });
});

describe('what the lessons say the clients do', () => {
  it('the AWS CLI exits with the code lessons 3 and 9 give when it finds no credentials', async () => {
    await writeFile(join(dir, 'config'), '');
    await writeFile(join(dir, 'credentials'), '');
    const r = await execa(AWS, ['sts', 'get-caller-identity', '--region', 'us-east-1'], {
      reject: false,
      extendEnv: false,
      env: {
        PATH: '/usr/bin:/bin', HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '', LANG: 'C.UTF-8',
      },
    });
    expect(r.stderr.trim()).toBe('Unable to locate credentials. You can configure credentials by running "aws configure".');
    const stated = Number(/Exit \*\*(\d+)\*\*: no credentials at all/.exec(prose('aws-cli'))?.[1]);
    expect(r.exitCode).toBe(stated);
    expect(prose('troubleshooting')).toContain(`Unable to locate credentials. ...\` and exits ${r.exitCode}.`);
  });

  it("the demo image's layers, local size and imageSizeInBytes come out as lessons 6 and 7 say", async () => {
    target = await createLocalTarget({ stateDir: dir, engine: 'docker', dataDir: join(dir, 'local-ecr'), port: 0, pollIntervalMs: 100, dockerConfigDir: join(dir, 'docker') });
    const run = async (id: string, params: Record<string, string>) => {
      const o = await target!.runner.run(id, params, {});
      expect(o.status, `${id}: ${o.error?.message}`).toBe('succeeded');
      return o;
    };
    await run('create-repository', { repository });
    await run('login', {});
    const built = await run('build-image', { tag });
    const layers = Number(built.verified.find((v) => v.label === 'layers')?.value);
    expect(prose('build-and-tag')).toContain(`(${['no', 'one', 'two', 'three'][layers]} \`COPY\` lines, so ${['no', 'one', 'two', 'three'][layers]} layers)`);
    await run('tag-image', { repository, tag, sourceTag: tag });
    const pushed = await run('push-image', { repository, tag });
    const remote = Number(/^(\d+) bytes$/.exec(pushed.verified.find((v) => v.label === 'size')?.value ?? '')?.[1]);
    const local = Number((await execa('docker', ['image', 'inspect', '--format', '{{.Size}}', `${target!.context.localImage}:${tag}`])).stdout);
    expect(prose('push-and-verify')).toContain(`hold ${local} bytes`);
    expect(remote).toBeGreaterThan(local);
    expect(prose('push-and-verify')).toContain(`ECR reports several hundred bytes more than docker's \`${local}B\``);
    expect(remote - local).toBeGreaterThanOrEqual(200);
  });
});
