// Every command of the installed ECR SDK (the newest model) is an operation the local ECR answers.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ecr from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/local-ecr/control/operations.js';
import { startControlHarness, type ControlHarness } from './control-helpers.js';

function sdkCommands(): string[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@aws-sdk/client-ecr/package.json'));
  return readdirSync(join(root, 'dist-types', 'commands'))
    .filter((f) => f.endsWith('Command.d.ts'))
    .map((f) => f.replace(/Command\.d\.ts$/, ''));
}

describe('the operations of the ECR model', () => {
  it('are all answered', () => {
    const commands = sdkCommands();
    expect(commands.length).toBeGreaterThanOrEqual(62);
    expect(commands.filter((c) => !Object.hasOwn(OPERATIONS, c))).toEqual([]);
  });
});

describe('the learner, allowed ecr:*', () => {
  let h: ControlHarness;
  beforeAll(async () => { h = await startControlHarness(); });
  afterAll(async () => { await h.close(); });

  // IAM must know every action the local ECR checks: one the policy data lacks is refused to all.
  it.each(sdkCommands())('is not refused %s', async (name) => {
    const Command = (ecr as unknown as Record<string, new (input: object) => Parameters<ecr.ECRClient['send']>[0]>)[`${name}Command`];
    const error = await h.client.send(new Command({})).then(() => undefined, (err: Error) => err);
    expect(error?.name).not.toBe('AccessDeniedException');
  });
});
