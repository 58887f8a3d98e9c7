// Live AWS credentials come from the AWS SDK's own default chain (no extra package): a
// --profile's keys sign the requests. STS here is a small stand-in on 127.0.0.1, reached
// through AWS_ENDPOINT_URL_STS, which the SDK honours; it records who signed each request.
import { createServer, type Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { equivalentCommands } from '../../src/core/commands.js';
import { createLiveTarget } from '../../src/workflow/targets.js';

const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS'];
let saved: Record<string, string | undefined>;
let server: Server;
const signers: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    signers.push(/Credential=([A-Z0-9]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? 'unsigned');
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
        + '<Arn>arn:aws:iam::111122223333:user/lab</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>'
        + '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-aws-'));
  await writeFile(join(dir, 'credentials'), [
    '[default]', 'aws_access_key_id = AKIADEFAULTEXAMPLE', 'aws_secret_access_key = defaultsecretdefaultsecretdefaultsecret1', '',
    '[lab]', 'aws_access_key_id = AKIALABPROFILEEXAMPLE', 'aws_secret_access_key = labsecretlabsecretlabsecretlabsecretlab1', ''].join('\n'));
  await writeFile(join(dir, 'config'), '[default]\nregion = eu-west-1\n[profile lab]\nregion = eu-central-1\n');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  signers.length = 0;
});
afterEach(() => {
  for (const k of KEYS) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
});

describe('live credentials: the SDK default chain', () => {
  it("signs with the --profile's keys and takes its region", async () => {
    const target = await createLiveTarget({ profile: 'lab', engine: 'builtin', maxAttempts: 1, stateDir: await mkdtemp(join(tmpdir(), 'ecr-lab-state-')) });
    expect(signers).toEqual(['AKIALABPROFILEEXAMPLE']);
    expect(target.context).toMatchObject({ kind: 'live', account: '111122223333', region: 'eu-central-1', profile: 'lab' });
  });

  it("the commands a card shows carry --endpoint-url for a service whose endpoint is not AWS's, and only for it", async () => {
    const target = await createLiveTarget({ profile: 'lab', engine: 'builtin', maxAttempts: 1, stateDir: await mkdtemp(join(tmpdir(), 'ecr-lab-state-')) });
    const sts = process.env.AWS_ENDPOINT_URL_STS!;
    expect(target.context.serviceEndpoints).toEqual({ sts });
    expect(equivalentCommands('whoami', {}, target.context)).toEqual([`aws sts get-caller-identity --region eu-central-1 --profile lab --endpoint-url ${sts}`]);
    expect(equivalentCommands('describe-repositories', {}, target.context).join('\n')).not.toContain('--endpoint-url');
  });

  it('without --profile: the default profile, and the environment before it', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'ecr-lab-state-'));
    await createLiveTarget({ engine: 'builtin', maxAttempts: 1, stateDir });
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFROMENVEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'envsecretenvsecretenvsecretenvsecretenv1';
    await createLiveTarget({ engine: 'builtin', maxAttempts: 1, stateDir });
    expect(signers).toEqual(['AKIADEFAULTEXAMPLE', 'AKIAFROMENVEXAMPLE']);
  });
});
