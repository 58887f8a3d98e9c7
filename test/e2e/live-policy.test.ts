// Least privilege, proven on the local IAM: the policy `ecr-lab policy all` prints, attached to a
// fresh user, lets `run all --live --yes` pass; with any one action taken out, the run stops at
// the first step whose card lists that action, with AccessDenied naming it, and every step
// before it passes. The live target is reached through endpoint_url in the user's profile.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_ALL_IDS, stepDefinition } from '../../src/core/steps.js';
import type { PolicyDocument } from '../../src/core/iam-policy.js';
import { adminEnv, createUser, json, stepLines, startLiveLab, type LiveLab } from './live-harness.js';

/**
 * Where `run all` may first need an action other than at the first step listing it (the test
 * accepts either; both list the action). AWS's guide
 * lists ecr:BatchGetImage for pushing (clients that check the manifest first need it), but the
 * docker here (20.10) pushes without reading a manifest, so pull-image is the first to need it.
 * docker pulls no layer it already holds (build-image made them), so pull-image asks for no
 * download URL on this machine; sign-image reads the image's config blob and does.
 */
const FIRST_NEEDED_BY: Readonly<Record<string, string>> = { 'ecr:BatchGetImage': 'pull-image', 'ecr:GetDownloadUrlForLayer': 'sign-image' };

let lab: LiveLab;
let printed: PolicyDocument;

beforeAll(async () => {
  lab = await startLiveLab();
  const user = await createUser(lab, 'least');
  await lab.writeAwsFiles([
    '[profile least]', 'region = us-east-1', `endpoint_url = ${lab.endpoint}`, '',
    '[profile admin]', 'region = us-east-1', `endpoint_url = ${lab.endpoint}`, '',
  ].join('\n'), [
    '[least]', `aws_access_key_id = ${user.id}`, `aws_secret_access_key = ${user.secret}`, '',
    '[admin]', `aws_access_key_id = ${adminEnv().AWS_ACCESS_KEY_ID}`, `aws_secret_access_key = ${adminEnv().AWS_SECRET_ACCESS_KEY}`, '',
  ].join('\n'));
  const r = await lab.ecrLab(['policy', 'all']);
  expect(r.exitCode, r.stderr).toBe(0);
  printed = JSON.parse(r.stdout) as PolicyDocument;
});

afterAll(async () => {
  const listed = await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { reject: false });
  const ours = String(listed.stdout).split('\n').filter((l) => l.startsWith(`127.0.0.1:${lab?.port}/`));
  if (ours.length) await execa('docker', ['rmi', '--force', ...ours], { reject: false });
  await lab?.close();
});

async function attach(doc: PolicyDocument): Promise<void> {
  json(await lab.aws(['iam', 'put-user-policy', '--user-name', 'least', '--policy-name', 'ecr-lab', '--policy-document', JSON.stringify(doc)], adminEnv()));
}

function without(doc: PolicyDocument, action: string): PolicyDocument {
  return { ...doc, Statement: doc.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== action) })).filter((s) => s.Action.length > 0) };
}

describe('ecr-lab policy all', () => {
  it('scopes every action to the repository except GetAuthorizationToken ("*") and the listing (repository/*)', () => {
    const byResource = Object.fromEntries(printed.Statement.map((s) => [s.Resource, s.Action]));
    expect(byResource['*']).toEqual(['ecr:GetAuthorizationToken']);
    expect(byResource['arn:aws:ecr:us-east-1:123456789012:repository/*']).toEqual(['ecr:DescribeRepositories']);
    expect(Object.keys(byResource)).toEqual(['*', 'arn:aws:ecr:us-east-1:123456789012:repository/*', 'arn:aws:ecr:us-east-1:123456789012:repository/ecr-lab/demo']);
  });

  it('is enough: a fresh user with only this policy runs the whole workflow live', async () => {
    await attach(printed);
    const r = await lab.ecrLab(['run', 'all', '--live', '--yes', '--profile', 'least']);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(stepLines(r).filter((l) => l.startsWith('✓ '))).toHaveLength(RUN_ALL_IDS.length);
    expect(r.stdout).toContain('belong to arn:aws:iam::123456789012:user/least ');
  });

  it('is exactly enough: without any one action, the step that needs it fails naming it, and only that one', { timeout: 900_000 }, async () => {
    const actions = [...new Set(printed.Statement.flatMap((s) => s.Action))];
    expect(actions.length).toBeGreaterThan(10);
    const seen: string[] = [];
    for (const action of actions) {
      // Each round starts on a clean account: what the last run created goes, with full rights.
      const clean = await lab.ecrLab(['cleanup', '--live', '--yes', '--profile', 'admin']);
      expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
      await attach(without(printed, action));
      const r = await lab.ecrLab(['run', 'all', '--live', '--yes', '--profile', 'least']);
      const steps = stepLines(r);
      const first = RUN_ALL_IDS.find((id) => stepDefinition(id)?.iamActions.includes(action));
      // Either the first card listing it, or (docker's cache, docker's version) the one named above.
      const allowed = [first, FIRST_NEEDED_BY[action]].filter((id): id is string => id !== undefined);
      const context = `without ${action}:\n${r.stdout}\n${r.stderr}`;
      expect(r.exitCode, context).not.toBe(0);
      const needing = RUN_ALL_IDS[steps.length - 1] ?? '';
      expect(allowed, context).toContain(needing);
      expect(stepDefinition(needing)?.iamActions, action).toContain(action);
      const at = RUN_ALL_IDS.indexOf(needing);
      expect(steps.slice(0, at).every((l) => l.startsWith('✓ ')), context).toBe(true);
      expect(steps[at], context).toMatch(new RegExp(`^✗ ${needing} failed`));
      // The failure line with its explanation (cause, fix): a refused HEAD has no body to name the
      // action, so there only the explanation can.
      const failure = r.stdout.slice(r.stdout.indexOf(`✗ ${needing} failed`)).split('\n').filter((l, i) => i === 0 || /^ {4}(cause|fix):/.test(l)).join('\n');
      expect(failure, context).toMatch(/AccessDenied|denied|HTTP 403/);
      expect(failure, context).toContain(action);
      seen.push(`${action} -> ${needing}`);
    }
    expect(seen).toHaveLength(actions.length);
  });
});
