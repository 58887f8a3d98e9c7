// maskSecrets: a table of texts with secrets in them and texts that only look like them.
import { describe, expect, it } from 'vitest';
import { maskDeep, maskSecrets } from '../../src/state/mask-secrets.js';
import { REGISTRY_PASSWORD, REGISTRY_TOKEN, SECRET_KEY, SESSION_TOKEN } from '../export/secrets.js';

const masked: readonly [string, string, string][] = [
  ['Basic header', `Authorization: Basic ${REGISTRY_TOKEN}`, 'Authorization: Basic ****(masked)'],
  ['Bearer header in JSON', `{"Authorization":"Bearer abcdefghijklmnop"}`, '{"Authorization":"Bearer ****(masked)"}'],
  ['SigV4 header', 'authorization: AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/ecr/aws4_request, Signature=ab12', 'authorization: AWS4-HMAC-SHA256 ****(masked)'],
  ['secret key in a config line', `aws_secret_access_key = ${SECRET_KEY}`, 'aws_secret_access_key = ****(masked)'],
  ['secret key in JSON', `"SecretAccessKey": "${SECRET_KEY}"`, '"SecretAccessKey": "****(masked)"'],
  ['bare secret key', `the key ${SECRET_KEY} leaked`, 'the key ****(masked) leaked'],
  ['session token header', `X-Amz-Security-Token: ${SESSION_TOKEN}`, 'X-Amz-Security-Token: ****(masked)'],
  ['bare session token', `token ${SESSION_TOKEN}`, 'token ****(masked)'],
  ['registry token', `authorizationToken ${REGISTRY_TOKEN}`, 'authorizationToken ****(masked)'],
  ['registry password', `pw ${REGISTRY_PASSWORD}`, 'pw ****(masked)'],
  ['docker auth', '{"auth": "QVdTOnh4eHh4eHh4eHh4eA=="}', '{"auth": "****(masked)"}'],
  ['--password flag', 'docker login --password hunter2secret host', 'docker login --password ****(masked) host'],
  ['password in a proxy URL', 'dial via proxy http://alice:Winter2026!@proxy.corp:3128 failed', 'dial via proxy http://alice:****(masked)@proxy.corp:3128 failed'],
  ['environment-style name', 'ECR_PASSWORD=abcDEF123456xyz', 'ECR_PASSWORD=****(masked)'],
  ['login -p', 'docker login -u AWS -p eyJwYXlsb2FkIjoiYWJj host', 'docker login -u AWS -p ****(masked) host'],
  ['password: value', 'password: correct-horse-battery', 'password: ****(masked)'],
];

const kept: readonly [string, string][] = [
  ['a digest', `sha256:${'0a1b2c3d'.repeat(8)}`],
  ['a git-style hex id', 'b'.repeat(40)],
  ['--password-stdin', 'aws ecr get-login-password | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com'],
  ["docker's message", 'no basic auth credentials'],
  ['prose about auth', 'the auth flow: a token per registry'],
  ['an ARN', 'arn:aws:iam::123456789012:user/ecr-lab-learner'],
  ['an access key id', 'AKIAIOSFODNN7EXAMPLE'],
  ['a repository URI', '123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo:v1'],
  ['a long path', '/home/Learner/projects/container-images/ecr-lab/assets/demo-image/Dockerfile'],
  ['a 40-character path', '/work/main/test/export/Fixtures/abcdefgh'],
  ['an already masked token', 'authorizationToken: QVdTOmV5…(120 chars, masked)'],
];

describe('maskSecrets', () => {
  it.each(masked)('masks %s', (_name, text, expected) => {
    expect(maskSecrets(text)).toBe(expected);
    expect(maskSecrets(expected)).toBe(expected);
  });

  it.each(kept)('keeps %s', (_name, text) => {
    expect(maskSecrets(text)).toBe(text);
  });

  it('masks every string in nested values and keeps the rest', () => {
    const value = { n: 3, list: [`key ${SECRET_KEY}`, true], inner: { s: `Authorization: Basic ${REGISTRY_TOKEN}` } };
    expect(maskDeep(value)).toEqual({ n: 3, list: ['key ****(masked)', true], inner: { s: 'Authorization: Basic ****(masked)' } });
  });
});
