import { describe, expect, it } from 'vitest';
import { equivalentCommands, shellQuote } from '../../src/core/commands.js';
import { STEP_IDS, defaultContext, resolveParams, type TargetContext } from '../../src/core/steps.js';

const local: TargetContext = { kind: 'local', region: 'us-east-1', account: '123456789012', registry: '127.0.0.1:5000', endpointUrl: 'http://127.0.0.1:5000' };

describe('equivalent commands', () => {
  it('has a command for every step', () => {
    for (const id of STEP_IDS) expect(equivalentCommands(id, {}, defaultContext()).length).toBeGreaterThan(0);
  });

  it.each([
    ['login', {}, defaultContext(), 'aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com'],
    ['push-image', { tag: 'v2' }, local, 'docker push 127.0.0.1:5000/ecr-lab/demo:v2'],
    ['whoami', {}, local, 'aws sts get-caller-identity --region us-east-1 --endpoint-url http://127.0.0.1:5000'],
    ['tag-image', {}, defaultContext(), 'docker tag ecr-lab-demo:v1 123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo:v1'],
  ])('%s', (id, params, ctx, expected) => {
    expect(equivalentCommands(id, params, ctx)[0]).toBe(expected);
  });

  it('names the target\'s own local demo image (one per state dir), unless a step block names another', () => {
    const mine = { ...local, localImage: 'ecr-lab-demo-0a1b2c3d' };
    expect(equivalentCommands('build-image', {}, mine)).toEqual(['docker build -t ecr-lab-demo-0a1b2c3d:v1 .']);
    expect(equivalentCommands('tag-image', {}, mine)).toEqual(['docker tag ecr-lab-demo-0a1b2c3d:v1 127.0.0.1:5000/ecr-lab/demo:v1']);
    expect(equivalentCommands('build-image', { image: 'mine' }, mine)).toEqual(['docker build -t mine:v1 .']);
    expect(resolveParams('tag-image', {}, mine).image).toBe('ecr-lab-demo-0a1b2c3d');
  });

  it('never puts a password in a command', () => {
    for (const id of STEP_IDS) {
      for (const c of equivalentCommands(id, {}, local)) expect(c).not.toMatch(/--password(?!-stdin)|-p /);
    }
  });

  it('quotes only what needs quoting', () => {
    expect(shellQuote('ecr-lab/demo')).toBe('ecr-lab/demo');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('fills defaults', () => {
    expect(resolveParams('create-repository', { scanOnPush: true })).toEqual({
      repository: 'ecr-lab/demo', mutability: 'MUTABLE', scanOnPush: true, encryption: 'AES256',
    });
  });
});
