// Facts the lessons state, checked against what they describe: the demo image's files, the
// TUI's keys, the course's own steps, and corrections made after a review against AWS's docs.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/cli/content.js';
import { quizzesOf, stepsOf, type Lesson } from '../../src/core/lesson.js';
import { PANEL_KEYS } from '../../src/ui/keymap.js';

const ROOT = join(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'assets/demo-image');
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];
let lessons: readonly Lesson[];

function lesson(id: string): Lesson {
  const found = lessons.find((l) => l.id === id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
}

/** A lesson's prose and quiz text, with line breaks and runs of spaces made single spaces. */
function textOf(id: string): string {
  const parts = lesson(id).pages.flatMap((p) => p.blocks.flatMap((b) =>
    b.kind === 'markdown' ? [b.text] : b.kind === 'quiz' ? [b.question, ...b.choices, b.explain] : []));
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** The files the demo image's Dockerfile copies in, relative to its build context. */
async function demoCopies(): Promise<string[]> {
  const dockerfile = await readFile(join(DEMO, 'Dockerfile'), 'utf8');
  return [...dockerfile.matchAll(/^COPY\s+(\S+)\s+\S+$/gm)].map((m) => m[1]!);
}

beforeAll(async () => {
  const course = await loadCourse(undefined, true);
  expect(course.errors).toEqual([]);
  lessons = course.lessons;
});

describe('lesson 4, creating a repository', () => {
  it('does not send pullers after kms:Decrypt: ECR decrypts through its own grant', () => {
    const text = textOf('create-repository');
    expect(text).not.toMatch(/kms:Decrypt/);
    expect(text).toMatch(/ECR gives itself a KMS \*grant\* on the key/);
    expect(text).toMatch(/pushers and pullers need only their ECR permissions, no `kms:` action/);
  });

  it('names every tag mutability value ECR takes, exclusions included', () => {
    const text = textOf('create-repository');
    for (const value of ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION']) expect(text).toContain(`\`${value}\``);
    expect(text).toContain('--image-tag-mutability-exclusion-filters filterType=WILDCARD,filter=');
  });

  it('explains a quiz by naming the choices it rules out, not their positions', () => {
    const quiz = quizzesOf(lesson('create-repository')).find((q) => q.question.includes('can NOT be changed'));
    expect(quiz).toBeDefined();
    const others = quiz!.choices.filter((_, i) => i !== quiz!.answer);
    for (const choice of others) expect(quiz!.explain.toLowerCase()).toContain(choice.toLowerCase());
    expect(quiz!.explain).not.toMatch(/first two|last two/);
  });
});

describe('lesson 6, build and tag', () => {
  it('says how many files the demo image really copies in', async () => {
    const count = (await demoCopies()).length;
    expect(count).toBeGreaterThan(0);
    const text = textOf('build-and-tag');
    expect(text).toContain(`copies in ${NUMBER_WORDS[count]} small text files (${NUMBER_WORDS[count]} \`COPY\` lines, so ${NUMBER_WORDS[count]} layers)`);
    expect(text).not.toMatch(/with a single file/);
  });

  it('tells both image stores apart: a digest at once with containerd, <none> with the classic store', () => {
    const text = textOf('build-and-tag');
    expect(text).toMatch(/\*\*classic image store\*\* \(docker 20 to 28\).*DIGEST stays `<none>` until a push or pull/);
    expect(text).toMatch(/\*\*containerd image store\*\* \(the default on fresh installs of Docker Engine 29 .*writes the manifest during the build/);
  });
});

describe('lesson 7, push and verify', () => {
  it('gives every condition a cross-repository mount needs', () => {
    const text = textOf('push-and-verify');
    expect(text).toContain('aws ecr put-account-setting --name BLOB_MOUNTING --value ENABLED');
    expect(text).toMatch(/same registry \(account and region\) with the same encryption settings/);
    expect(text).toMatch(/needs `ecr:GetDownloadUrlForLayer` on the repository the layer comes from/);
  });

  it("compares imageSizeInBytes with docker's size the way the demo image really comes out", async () => {
    const sizes = await Promise.all((await demoCopies()).map(async (f) => (await stat(join(DEMO, f))).size));
    const total = sizes.reduce((a, b) => a + b, 0);
    const text = textOf('push-and-verify');
    expect(text).not.toMatch(/so it is smaller than the size `docker image ls` shows/);
    expect(text).toContain(`its ${NUMBER_WORDS[sizes.length]} text files hold ${total} bytes`);
    expect(text).toContain(`ECR reports several hundred bytes more than docker's \`${total}B\``);
  });

  it("does not pass off the static tree as the learner's result, and points at the registry panel", () => {
    const text = textOf('push-and-verify');
    expect(text).not.toMatch(/The result of the step, drawn as a tree/);
    expect(text).toMatch(/This picture is not your repository/);
    const key = Object.entries(PANEL_KEYS).find(([, panel]) => panel === 'registry')?.[0];
    expect(key).toBe('r');
    expect(text).toContain(`press \`${key}\` for the registry panel`);
  });
});

describe('exit codes of the AWS CLI', () => {
  it.each([
    ['aws-cli', 'Exit **253**: no credentials at all. The CLI prints `Unable to locate credentials.'],
    ['troubleshooting', 'With no credentials at all it sends nothing, prints `Unable to locate credentials. ...` and exits 253.'],
  ])('lesson %s says the CLI exits 253 when it finds no credentials', (id, sentence) => {
    expect(textOf(id)).toContain(sentence);
  });
});

describe('lessons 10 and 11', () => {
  it('lesson 10 promises no later push that lesson 11 does not make', () => {
    expect(stepsOf(lesson('production')).map((s) => s.stepId)).not.toContain('push-image');
    const text = textOf('tags-and-ci');
    expect(text).not.toMatch(/rest of the course pushes/i);
    expect(stepsOf(lesson('push-and-verify')).find((s) => s.stepId === 'push-image')?.params.tag).toBe('v1');
    expect(text).toMatch(/run the push lesson again and its step pushes `v1` once more/);
  });

  it('lesson 11 teaches the lifecycle rules ECR has today: pull time, archive, transition', () => {
    const text = textOf('production');
    for (const word of ['`sinceImagePulled`', '`sinceImageTransitioned`', '`storageClass`', '`transition`', '"targetStorageClass": "archive"', '`ARCHIVED`']) {
      expect(text).toContain(word);
    }
  });
});
