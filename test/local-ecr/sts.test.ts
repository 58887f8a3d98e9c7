// STS GetCallerIdentity (Query protocol, XML) through the real @aws-sdk/client-sts.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, failure, LEARNER, READER, startControlHarness, type ControlHarness } from './control-helpers.js';

let h: ControlHarness;
beforeAll(async () => { h = await startControlHarness(); });
afterAll(async () => { await h.close(); });

describe('GetCallerIdentity', () => {
  it('names the caller', async () => {
    const out = await h.stsAs(LEARNER).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Arn: `arn:aws:iam::${ACCOUNT}:user/learner`, Account: ACCOUNT, UserId: 'AIDAJQABLZS4A3QDU576Q' });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.stsAs(READER).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/reader`);
    expect(h.ecr.context.log.since(0)).toContainEqual(expect.objectContaining({ path: '/ GetCallerIdentity', api: 'sts:GetCallerIdentity', status: 200 }));
  });

  it('answers an unknown key with InvalidClientTokenId (403)', async () => {
    expect(await failure(h.stsAs({ accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.',
    });
  });

  it('answers a wrong secret with SignatureDoesNotMatch (403)', async () => {
    expect(await failure(h.stsAs({ ...LEARNER, secretAccessKey: 'nope' }).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'SignatureDoesNotMatch', status: 403,
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it('answers a skewed clock with SignatureDoesNotMatch "Signature expired"', async () => {
    const skewed = new STSClient({ endpoint: h.ecr.endpoint, region: 'us-east-1', credentials: LEARNER, maxAttempts: 1, systemClockOffset: -16 * 60_000 });
    {
      const err = await failure(skewed.send(new GetCallerIdentityCommand({})));
      expect(err).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(err.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    }
  });

  it('answers an unsigned request with an XML ErrorResponse', async () => {
    const res = await fetch(`${h.ecr.endpoint}/`, {
      method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const body = await res.text();
    expect(body).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(body).toContain('<Type>Sender</Type>');
    expect(body).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(body).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });
});
