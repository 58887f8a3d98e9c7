// The target run's and cleanup's y/N question names: the local ECR, the AWS account, or an
// account at an endpoint that is not AWS's; never "your AWS account" when it is not one.
import { describe, expect, it } from 'vitest';
import { confirmTarget } from '../../src/cli/target.js';

const base = { region: 'eu-west-1', account: '210987654321', registry: '210987654321.dkr.ecr.eu-west-1.amazonaws.com' };

describe('confirmTarget', () => {
  it.each([
    [{ context: { ...base, kind: 'local' as const, registry: '127.0.0.1:5000' } },
      'the local ECR at 127.0.0.1:5000 (account 210987654321, eu-west-1; nothing leaves this machine)'],
    [{ context: { ...base, kind: 'live' as const, profile: 'lab' } }, 'your AWS account 210987654321 (eu-west-1, profile lab)'],
    [{ context: { ...base, kind: 'live' as const }, nonAwsEndpoint: 'http://127.0.0.1:5000' },
      'account 210987654321 (eu-west-1) at http://127.0.0.1:5000, which is NOT AWS'],
  ])('%j', (target, expected) => {
    expect(confirmTarget(target)).toBe(expected);
  });
});
