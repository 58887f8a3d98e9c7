// The inspector's panels on screen, against a REAL local ECR (built-in engine) driven by key
// presses: step outcomes, the registry with tags and digests, the wire of the last step.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, beforeAll } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { EMPTY_PROGRESS } from '../../src/core/progress.js';
import { createBuiltinEngine } from '../../src/workflow/engines/builtin/engine.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import type { Inspector } from '../../src/workflow/types.js';
import { liveContext, pushLesson } from './fixture.js';
import { renderApp, type Harness } from './harness.js';
import { ARROW_RIGHT, ENTER, ESC, SHIFT_TAB, TAB, waitForFrame } from './keys.js';
import { loadMarkdown } from '../../src/markdown/render.js';

// The app loads the renderer right after its first frame; these tests start with it loaded.
beforeAll(() => loadMarkdown());

let dir: string;
let target: LocalTarget;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-panels-'));
  target = await createLocalTarget({
    stateDir: dir, dataDir: join(dir, 'local-ecr'), port: 0, engine: 'builtin', dockerConfigDir: join(dir, 'docker'),
  });
});

afterEach(async () => {
  cleanup();
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

const STEP_WAIT_MS = 15_000;

function open(columns: number, rows: number): Promise<Harness> {
  return renderApp({
    lessons: [pushLesson()], progress: EMPTY_PROGRESS, initialLessonId: 'live-push',
    runner: target.runner, inspector: target.inspector, target: { label: 'local ECR', context: target.context },
  }, columns, rows);
}

const until = (app: Harness, predicate: (frame: string) => boolean): Promise<string> =>
  waitForFrame(app.frame, predicate, STEP_WAIT_MS);

/**
 * Tab (or `key`) to a step card, run it with Enter, and resolve when `done` shows. A card that
 * never ran says how to run it once focused; one that ran shows its outcome instead, and then
 * the keys go in together (the reducer takes them in order).
 */
async function runNext(
  app: Harness, done: string | ((frame: string) => boolean), key = TAB, isRerun = false,
): Promise<string> {
  app.press(key);
  if (!isRerun) await app.waitFor('Press Enter to run this step.');
  app.press(ENTER);
  return until(app, typeof done === 'string' ? (f) => f.includes(done) : done);
}

/** The lesson is on screen again: no full-size panel, and a step card in view. */
const isLesson = (frame: string): boolean => !frame.includes('or Esc to close') && frame.includes('│ │');

const shortOf = (digest: string): string => `${digest.slice(0, 19)}…`;

describe('panels on the local ECR at 80x24', () => {
  it('runs create-repository and login by keys, then shows the wire, the registry and who I am', async () => {
    const app = await open(80, 24);
    await runNext(app, '✔ repositoryUri: ');
    await runNext(app, '✔ credentials stored: ');

    app.press('w');
    const wire = await app.waitFor('GET /v2/ -> 200 Basic');
    expect(wire).toContain('wire · w or Esc to close');
    expect(wire).toContain('Step login (3 requests)');
    const rows = wire.split('\n');
    const at = (text: string) => rows.findIndex((r) => r.includes(text));
    expect(at('POST / GetAuthorizationToken -> 200')).toBeGreaterThan(0);
    expect(at('GET /v2/ -> 401 (challenge)')).toBeGreaterThan(at('POST / GetAuthorizationToken -> 200'));
    expect(at('GET /v2/ -> 200 Basic')).toBeGreaterThan(at('GET /v2/ -> 401 (challenge)'));
    // Only the last step's conversation, and none of the panels' own refreshes.
    expect(wire).not.toContain('CreateRepository');
    expect(wire).not.toContain('DescribeRepositories');

    app.press(ESC);
    await app.waitFor(isLesson);

    app.press('r');
    const registry = await app.waitFor((f) => f.includes('registry · r or Esc to close') && f.includes('ecr-lab/demo'));
    expect(registry).toContain(target.context.registry);
    expect(registry).toContain('no images');

    app.press('i');
    const me = await app.waitFor((f) => f.includes('who am I ·') && f.includes('logged in: '));
    expect(me).toContain('arn:aws:iam::123456789012:user/learner');
    expect(me).toContain('Account  123456789012');
    expect(me).toContain('Region   us-east-1');
    expect(me).toContain(join(dir, 'docker', 'config.json'));
    expect(me).toContain('no config.json: no docker login');
    app.press('i');
    await app.waitFor(isLesson);
    app.instance.unmount();
  });
});

describe('side panels at 120x30', () => {
  it('shows who am I and the registry beside the lesson; a push shows its tag, digest and wire; a re-push marks the move', async () => {
    const app = await open(120, 30);
    const first = await app.waitFor((f) => f.includes('who am I · i') && f.includes('no repositories yet'));
    expect(first).toContain('registry · r');
    expect(first).toContain('Create and log in');
    await runNext(app, '✔ repositoryUri: ');
    await runNext(app, '✔ credentials stored: ');
    app.press(ARROW_RIGHT);
    await app.waitFor('page 2/2');
    await runNext(app, '✔ image id:');
    await runNext(app, '✔ tags: ');
    const pushed = await runNext(app, (f) => /v1 +sha256:[0-9a-f]{12}…/.test(f));
    const details = await target.runner.run('describe-images', {});
    const digest = details.verified.find((v) => /digest/.test(v.label))?.value
      ?? details.output.join('\n').match(/sha256:[0-9a-f]{64}/)?.[0] ?? '';
    expect(pushed).toContain(`v1     ${shortOf(digest)}`);

    app.press('w');
    const wire = await app.waitFor('PUT /v2/ecr-lab/demo/manifests/v1 -> 201');
    expect(wire).toContain('POST /v2/ecr-lab/demo/blobs/uploads/ -> 202');
    expect(wire).toMatch(/PATCH \/v2\/ecr-lab\/demo\/blobs\/uploads\/[0-9a-f-]{8}… -> 202/);
    expect(wire).toMatch(/HEAD \/v2\/ecr-lab\/demo\/blobs\/sha256:[0-9a-f]{12}… -> 404 BLOB_UNKNOWN/);
    app.press('w');
    await app.waitFor(isLesson);

    // Another image under the same local name, tagged and pushed again by the same cards.
    const context = join(dir, 'other-image');
    await mkdir(context, { recursive: true });
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY other.txt /other.txt\n');
    await writeFile(join(context, 'other.txt'), 'another image\n');
    const other = await createBuiltinEngine({ dir: join(dir, 'builtin-engine') })
      .build(context, `${target.context.localImage}:v1`, { print: () => undefined, layer: () => undefined });
    // The new image id shows once the re-run's outcome (✔ image id) is in: short, as the card
    // is too narrow to hold it whole two columns in.
    await runNext(app, (f) => f.includes(`✔ image id: ${shortOf(other.id)}`), SHIFT_TAB, true);
    const moved = await runNext(app, (f) => f.includes(`(was ${shortOf(digest)})`), TAB, true);
    expect(moved).toMatch(/v1 +sha256:[0-9a-f]{12}… /);
    expect(moved).toContain(`<none> ${shortOf(digest)}`);
    app.instance.unmount();
  });
});

describe('panels without a local ECR', () => {
  const denied: Inspector = {
    whoAmI: async () => ({
      linuxUser: 'alice', registry: liveContext().registry, region: 'eu-west-1', profile: 'dev',
      docker: { file: '/home/alice/.docker/config.json', state: 'read', hasAuthEntry: false, isAuthInFile: false, credHelper: 'ecr-login' },
      engine: { name: 'docker' },
      identityError: 'ExpiredTokenException: The security token included in the request is expired',
    }),
    registry: async () => ({ registry: liveContext().registry, repositories: [], omitted: 0, error: 'AccessDeniedException: not authorized to perform ecr:DescribeRepositories' }),
  };

  it('on live AWS: errors are lines in the panels, and the wire view says it is local only', async () => {
    const app = await renderApp({ inspector: denied, target: { label: 'live AWS', context: liveContext() } });
    app.press('r');
    expect(await app.waitFor('✘ AccessDeniedException')).toContain('ecr:DescribeRepositories');
    app.press('i');
    const me = await app.waitFor('ExpiredTokenException');
    expect(me).toContain('credHelpers: docker-credential-ecr-login');
    expect(me).toContain('Profile  dev');
    app.press('w');
    await app.waitFor('The wire view is only on the local ECR');
    app.press(ESC);
    await app.waitFor('Lessons');
    app.instance.unmount();
  });

  it('before the target is connected, the panels say so', async () => {
    const app = await renderApp();
    app.press('r');
    await app.waitFor('No target connected yet.');
    app.press('w');
    await app.waitFor((f) => f.includes('wire ·') && f.includes('No target connected yet.'));
    app.instance.unmount();
  });
});
