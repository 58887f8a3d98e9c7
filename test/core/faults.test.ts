// The fault catalogue and error-text explanations: every symptom a fault documents is
// recognised by `ecr-lab explain` as one of the errors that fault says it produces.
import { describe, expect, it } from 'vitest';
import { explainPasted } from '../../src/core/explain.js';
import { FAULTS, fillFaultText, findFault } from '../../src/core/faults.js';

const SCOPE = { account: '123456789012', region: 'us-east-1', host: '127.0.0.1:5000', repository: 'team/app', tag: 'v1', endpoint: 'http://127.0.0.1:5000' };

describe('the fault catalogue', () => {
  it('has the faults the course needs, each named once', () => {
    const names = FAULTS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const needed of ['repository-missing', 'not-logged-in', 'token-expired', 'token-for-other-registry', 'credentials-invalid',
      'credentials-expired', 'signature-mismatch', 'access-denied-push', 'access-denied-pull', 'access-denied-login',
      'repository-policy-deny', 'wrong-region', 'wrong-account-in-uri', 'tag-immutable', 'image-not-tagged-locally',
      'manifest-unknown', 'throttled', 'network-blocked', 'docker-daemon-down', 'get-login-removed', 'sudo-docker']) {
      expect(findFault(needed), needed).toBeDefined();
    }
  });

  it.each(FAULTS.flatMap((f) => Object.entries(f.symptoms).map(([tool, text]) => [f.name, tool, text] as const)))(
    '%s: the %s symptom is explained as what the fault produces', (name, _tool, text) => {
      const found = explainPasted(fillFaultText(text, SCOPE), new Map([['drill-x', [name]]]));
      expect(found, text).toBeDefined();
      expect(findFault(name)!.explains).toContain(found!.explanation.id);
      expect(found!.drills).toContain('drill-x');
    });

  it('fills every placeholder', () => {
    const text = fillFaultText('<account> <region> <host> <repo>:<tag> <endpoint> <other>', SCOPE);
    expect(text).toBe('123456789012 us-east-1 127.0.0.1:5000 team/app:v1 http://127.0.0.1:5000 <other>');
  });
});

describe('explainPasted', () => {
  const drills = new Map([['token-expired', ['token-expired']], ['repository-missing', ['repository-missing']]]);
  it.each([
    ['denied: Your authorization token has expired. Reauthenticate and try again.', 'registry-token-expired', ['token-expired']],
    ["An error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: The repository with name 'a' does not exist in the registry with id '123456789012'", 'repository-not-found', ['repository-missing']],
    ['no basic auth credentials', 'no-basic-auth', []],
    ['ThrottlingException: Rate exceeded', 'throttled', []],
  ])('%s', (text, id, expectedDrills) => {
    const found = explainPasted(text, drills);
    expect(found?.explanation.id).toBe(id);
    expect(found?.drills).toEqual(expectedDrills);
  });

  it('returns undefined for text it does not know', () => {
    expect(explainPasted('everything is fine', drills)).toBeUndefined();
  });
});
