// The SigV4 verifier: header parsing, skew texts, and requests signed the way the AWS CLI
// (no x-amz-content-sha256) and the JS SDK (with it) sign them.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { describe, expect, it } from 'vitest';
import { defaultIdentity } from '../../src/local-ecr/config.js';
import { IamWorld } from '../../src/local-ecr/iam/world.js';
import { formatAmzDate, parseAuthorization, skewMessage, verifySigV4, type SignedRequest } from '../../src/local-ecr/sigv4.js';

const learner = defaultIdentity('123456789012');
const iam = IamWorld.inMemory('123456789012');
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const BODY = '{"repositoryNames":["a"]}';

async function signed(options: { secret?: string; withContentSha?: boolean; region?: string; date?: number; body?: string; unsigned?: readonly string[]; sessionToken?: string } = {}): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: learner.accessKeyId, secretAccessKey: options.secret ?? learner.secretAccessKey, sessionToken: options.sessionToken },
    region: options.region ?? 'us-east-1', service: 'ecr', sha256: Sha256, applyChecksum: options.withContentSha ?? false,
  });
  const request = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 5631, path: '/', query: {},
    headers: { host: '127.0.0.1:5631', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' },
    body: BODY,
  }, { signingDate: new Date(options.date ?? NOW), unsignableHeaders: new Set(options.unsigned ?? []) });
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: '/', headers, body: Buffer.from(options.body ?? BODY) };
}

const verify = (req: SignedRequest) => verifySigV4(req, { lookup: (id) => iam.credential(id, NOW), region: 'us-east-1', service: 'ecr', nowMs: NOW });

describe('parseAuthorization', () => {
  it('reads the credential scope, signed headers and signature', () => {
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/ecr/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=abc')).toEqual({
      accessKeyId: 'AKID', date: '20260102', region: 'us-east-1', service: 'ecr', signedHeaders: ['content-type', 'host', 'x-amz-date'], signature: 'abc',
    });
  });

  it.each([['Basic QVdTOng='], ['AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/ecr, SignedHeaders=host, Signature=abc'], ['AWS4-HMAC-SHA256 Credential=A/b/c/d/aws4_request']])('rejects %s', (value) => {
    expect(parseAuthorization(value)).toBeUndefined();
  });
});

describe('skewMessage', () => {
  it.each([
    [0, undefined],
    [-15 * 60_000, undefined],
    [-16 * 60_000, 'Signature expired: 20260102T024805Z is now earlier than 20260102T024905Z (20260102T030405Z - 15 min.)'],
    [16 * 60_000, 'Signature not yet current: 20260102T032005Z is still later than 20260102T031905Z (20260102T030405Z + 15 min.)'],
  ])('offset %i ms', (offset, text) => {
    expect(skewMessage(NOW + offset, NOW)).toBe(text);
  });

  it('formats X-Amz-Date', () => {
    expect(formatAmzDate(NOW)).toBe('20260102T030405Z');
  });
});

describe('verifySigV4', () => {
  it('accepts a CLI-style request (no x-amz-content-sha256) and an SDK-style one', async () => {
    expect(await verify(await signed())).toMatchObject({ ok: true, identity: { arn: learner.arn, accessKeyId: learner.accessKeyId } });
    const sdk = await signed({ withContentSha: true });
    expect(sdk.headers['x-amz-content-sha256']).toBeDefined();
    expect(await verify(sdk)).toMatchObject({ ok: true, identity: { arn: learner.arn } });
  });

  it.each([
    ['a wrong secret', { secret: 'nope' }, 'signature'],
    ['a changed body', { body: '{"repositoryNames":["b"]}' }, 'signature'],
    ['a changed body with a signed payload hash', { body: '{}', withContentSha: true }, 'signature'],
    ['another region', { region: 'eu-west-1' }, 'scope'],
    ['an old date', { date: NOW - 20 * 60_000 }, 'skew'],
  ] as const)('rejects %s', async (_name, options, failure) => {
    expect(await verify(await signed(options))).toMatchObject({ ok: false, failure });
  });

  it('rejects a long-term key sent with a session token AWS never issued (a stale AWS_SESSION_TOKEN)', async () => {
    const req = await signed({ sessionToken: 'bogus' });
    expect(req.headers['x-amz-security-token']).toBe('bogus');
    expect(await verify(req)).toEqual({ ok: false, failure: 'unknown-key', message: 'The security token included in the request is invalid.' });
  });

  it('rejects a changed signed header, an unknown key and a missing header', async () => {
    const req = await signed();
    expect(await verify({ ...req, headers: { ...req.headers, 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DeleteRepository' } })).toMatchObject({ ok: false, failure: 'signature' });
    const auth = String(req.headers.authorization).replace(learner.accessKeyId, 'AKIAOTHER');
    expect(await verify({ ...req, headers: { ...req.headers, authorization: auth } })).toMatchObject({ ok: false, failure: 'unknown-key', message: 'The security token included in the request is invalid.' });
    expect(await verify({ ...req, headers: { host: req.headers.host } })).toEqual({ ok: false, failure: 'missing', message: 'Missing Authentication Token' });
  });
});

describe('headers that must be signed', () => {
  it('refuses a request whose SignedHeaders lack host, with AWS\'s text', async () => {
    const req = await signed({ unsigned: ['host'] });
    expect(String(req.headers.authorization)).not.toMatch(/SignedHeaders=[^,]*\bhost\b/);
    expect(await verify(req)).toEqual({ ok: false, failure: 'signature', message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." });
  });

  it('refuses an ECR JSON request whose X-Amz-Target is not signed', async () => {
    const req = await signed({ unsigned: ['x-amz-target'] });
    expect(req.headers['x-amz-target']).toBe('AmazonEC2ContainerRegistry_V20150921.DescribeRepositories');
    expect(await verify(req)).toEqual({ ok: false, failure: 'signature', message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization." });
  });

  it('accepts requests that sign both, as the SDK and the CLI do', async () => {
    const req = await signed({ withContentSha: true });
    expect(String(req.headers.authorization)).toMatch(/SignedHeaders=[^,]*host;[^,]*x-amz-target/);
    expect(await verify(req)).toMatchObject({ ok: true });
  });
});
