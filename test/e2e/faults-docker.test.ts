// The client-side faults that need the real docker CLI and daemon, on ecr-lab's own steps:
// a daemon that is not there, another Linux user's empty config, and the expired token as
// docker itself prints it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StepOutcome } from '../../src/workflow/types.js';
import { describeOutcome, startLab, type Lab } from '../workflow/helpers.js';

let lab: Lab;
const text = (o: StepOutcome) => `${o.error?.message ?? ''}\n${o.output.join('\n')}`;
const run = (id: string) => lab.target.runner.run(id, {}, { onEvent: () => undefined });
const on = (name: string) => lab.target.server.faults.on(name, { repository: 'ecr-lab/demo', tag: 'v1' });

beforeAll(async () => {
  lab = await startLab('docker');
  for (const id of ['create-repository', 'login', 'build-image', 'tag-image', 'push-image']) {
    const o = await run(id);
    expect(o.status, describeOutcome(o)).toBe('succeeded');
  }
});
afterAll(async () => { await lab.dispose(); });
beforeEach(async () => { await lab.target.server.faults.reset(); });

describe('client-side faults with the docker engine', () => {
  it('docker-daemon-down: docker cannot reach its daemon; off brings it back', async () => {
    await on('docker-daemon-down');
    const o = await run('push-image');
    expect(o.status).toBe('failed');
    expect(text(o)).toContain('Cannot connect to the Docker daemon at unix:///run/ecr-lab-no-docker-daemon.sock. Is the docker daemon running?');
    expect(o.error?.explanation?.id).toBe('docker-daemon-down');
    await lab.target.server.faults.off('docker-daemon-down');
    expect((await run('push-image')).status).toBe('succeeded');
  });

  it('sudo-docker: another user\'s config holds no login, so docker has no basic auth credentials', async () => {
    await on('sudo-docker');
    const o = await run('pull-image');
    expect(o.status).toBe('failed');
    expect(text(o)).toContain('no basic auth credentials');
  });

  it('token-expired: docker prints ECR\'s expired-token text on push', async () => {
    await on('token-expired');
    const o = await run('push-image');
    expect(text(o)).toContain('denied: Your authorization token has expired. Reauthenticate and try again.');
  });
});
