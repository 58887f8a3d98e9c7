// create-repository and its ledger: the entry is written before CreateRepository, so an
// interruption mid-call never leaves a repository cleanup does not know; a ledger that cannot
// be written stops the step before anything is created; a refusal leaves no entry behind.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { Ledger } from '../../src/state/ledger.js';
import { createEcrApi } from '../../src/workflow/aws/clients.js';
import type { EcrApi } from '../../src/workflow/ports.js';
import { createRepository } from '../../src/workflow/steps/create-repository.js';
import type { StepScope } from '../../src/workflow/steps/scope.js';
import { describeOutcome, startLab, type Lab } from './helpers.js';

let lab: Lab;
beforeEach(async () => { lab = await startLab(); });
afterEach(async () => { await lab.dispose(); });

const PARAMS = { repository: 'ecr-lab/demo', mutability: 'MUTABLE', encryption: 'AES256', scanOnPush: false };

/** The local ECR's API, with CreateRepository replaced by `create`. */
function ecrWith(create: (real: EcrApi, input: Parameters<EcrApi['createRepository']>[0]) => ReturnType<EcrApi['createRepository']>): EcrApi {
  const c = lab.target.context;
  const real = createEcrApi({ region: c.region, endpoint: c.endpointUrl!, maxAttempts: 1, credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } });
  return { ...real, createRepository: (input) => create(real, input) };
}

function scopeWith(ecr: EcrApi): StepScope {
  return { target: lab.target.context, ecr, ledger: Ledger.in(lab.dir), print: () => undefined } as unknown as StepScope;
}

describe('create-repository and the ledger', () => {
  it('an interruption after ECR created the repository leaves it in the ledger, and cleanup deletes it', async () => {
    const interrupted = ecrWith(async (real, input) => {
      await real.createRepository(input);
      throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    });
    await expect(createRepository(scopeWith(interrupted), PARAMS)).rejects.toThrow('aborted');
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')).toBeDefined();
    expect((await Ledger.in(lab.dir).entries()).map((e) => e.name)).toEqual(['ecr-lab/demo']);
    const cleaned = await lab.target.runner.run('cleanup', { repository: '*' });
    expect(cleaned.status, describeOutcome(cleaned)).toBe('succeeded');
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')).toBeUndefined();
  });

  it('the entry is on disk before CreateRepository is sent', async () => {
    let listed: readonly string[] = [];
    const watching = ecrWith(async (real, input) => {
      listed = (await Ledger.in(lab.dir).entries()).map((e) => e.name);
      return real.createRepository(input);
    });
    await createRepository(scopeWith(watching), PARAMS);
    expect(listed).toEqual(['ecr-lab/demo']);
  });

  it('a ledger that cannot be written stops the step before the create, with its fix', async () => {
    await mkdir(join(lab.dir, 'ledger.json'));
    const o = await lab.target.runner.run('create-repository', {});
    expect(o.status).toBe('failed');
    expect(o.error?.code).toMatch(/^LedgerNot(Readable|Writable)$/);
    expect(o.error?.message).toMatch(/^the ledger \S+ledger\.json cannot be (read|written) \(it is a directory, where a file belongs\): nothing was created$/);
    expect(o.error?.explanation?.fix).toMatch(/ECR_LAB_STATE_DIR/);
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')).toBeUndefined();
  });

  it('a name ECR refuses leaves no entry; a repository that was there already is not recorded', async () => {
    const refused = await lab.target.runner.run('create-repository', { repository: 'Bad_Name' });
    expect(refused.error?.code).toBe('InvalidParameterException');
    expect(await Ledger.in(lab.dir).entries()).toEqual([]);
    const ecr = ecrWith((real, input) => real.createRepository(input));
    await ecr.createRepository({ repositoryName: 'someone-elses' });
    const again = await lab.target.runner.run('create-repository', { repository: 'someone-elses' });
    expect(again.error?.code).toBe('RepositoryAlreadyExistsException');
    expect(await Ledger.in(lab.dir).entries()).toEqual([]);
  });
});
