// The panels' lines as pure functions of the Inspector's data: no terminal needed.
import { describe, expect, it } from 'vitest';
import { type StyledLine, lineText } from '../../src/markdown/styled.js';
import { registryLines, shortDigest, whoAmILines } from '../../src/ui/panel-lines.js';
import { WIRE_LIVE_ONLY, WIRE_NO_RUN, shortPath, wireLine, wireLines } from '../../src/ui/wire-lines.js';
import type { DockerConfigView, RegistrySnapshot, WhoAmI, WireEntry } from '../../src/workflow/types.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const texts = (lines: readonly StyledLine[]): string[] => lines.map((l) => lineText(l).trimEnd());

describe('wireLine', () => {
  const entry = (over: Partial<WireEntry>): WireEntry => ({ seq: 1, method: 'GET', path: '/v2/', status: 200, api: 'registry', ...over });
  it.each<[string, Partial<WireEntry>, string]>([
    ['a challenge', { status: 401, errorCode: 'UNAUTHORIZED' }, 'GET /v2/ -> 401 (challenge)'],
    ['a ping with Basic', { auth: 'Basic' }, 'GET /v2/ -> 200 Basic'],
    ['a refused token', { status: 401, errorCode: 'DENIED', auth: 'Basic' }, 'GET /v2/ -> 401 DENIED Basic'],
    ['an upload start', { method: 'POST', path: '/v2/ecr-lab/demo/blobs/uploads/', status: 202, auth: 'Basic' }, 'POST /v2/ecr-lab/demo/blobs/uploads/ -> 202'],
    ['a manifest put', { method: 'PUT', path: '/v2/ecr-lab/demo/manifests/v1', status: 201, auth: 'Basic' }, 'PUT /v2/ecr-lab/demo/manifests/v1 -> 201'],
    ['a missing repository', { path: '/v2/nope/manifests/v1', status: 404, errorCode: 'NAME_UNKNOWN', auth: 'Basic' }, 'GET /v2/nope/manifests/v1 -> 404 NAME_UNKNOWN'],
    ['an ECR API call', { method: 'POST', path: '/ CreateRepository', api: 'ecr:CreateRepository', auth: 'AWS4-HMAC-SHA256' }, 'POST / CreateRepository -> 200'],
    ['an ECR API error', { method: 'POST', path: '/ DescribeImages', status: 400, errorCode: 'RepositoryNotFoundException', api: 'ecr:DescribeImages' },
      'POST / DescribeImages -> 400 RepositoryNotFoundException'],
  ])('%s', (_name, over, expected) => {
    expect(wireLine(entry(over))).toBe(expected);
  });

  it('cuts digests to 12 hex digits and upload ids to 8 characters', () => {
    expect(shortPath(`/v2/r/blobs/uploads/0f3c9a2e-1b2c-4d5e-8f90-123456789abc?digest=${A}`))
      .toBe(`/v2/r/blobs/uploads/0f3c9a2e…?digest=sha256:${'a'.repeat(12)}…`);
    expect(shortPath(`/v2/r/blobs/uploads/0f3c9a2e-1b2c-4d5e-8f90-123456789abc?digest=sha256%3A${'a'.repeat(64)}`))
      .toBe(`/v2/r/blobs/uploads/0f3c9a2e…?digest=sha256:${'a'.repeat(12)}…`);
    expect(shortPath(`/v2/r/blobs/${B}`)).toBe(`/v2/r/blobs/sha256:${'b'.repeat(12)}…`);
  });
});

describe('wireLines', () => {
  it.each([
    [{ hasInspector: true, hasWire: false, isRunning: false }, WIRE_LIVE_ONLY.slice(0, 30)],
    [{ hasInspector: true, hasWire: true, isRunning: false }, WIRE_NO_RUN.slice(0, 30)],
    [{ hasInspector: true, hasWire: true, isRunning: false, entries: [], stepId: 'build-image' }, 'Step build-image (0 requests)'],
    [{ hasInspector: true, hasWire: true, isRunning: true, entries: [], stepId: 'push-image' }, 'Step push-image (running)'],
  ])('%o says %s', (view, first) => {
    expect(texts(wireLines(view, 200))[0]).toContain(first);
  });
});

describe('registryLines', () => {
  const snapshot = (over: Partial<RegistrySnapshot> = {}): RegistrySnapshot => ({
    registry: '127.0.0.1:5000', omitted: 0,
    repositories: [{ name: 'ecr-lab/demo', images: [
      { digest: B, tags: [{ name: 'v1', previousDigest: A }, { name: 'latest' }] },
      { digest: A, tags: [] },
    ] }],
    ...over,
  });

  it('lists repositories, tags and short digests, and marks a tag that moved', () => {
    expect(texts(registryLines(snapshot(), true, 80))).toEqual([
      '127.0.0.1:5000',
      'ecr-lab/demo',
      `  v1     ${shortDigest(B)} (was ${shortDigest(A)})`,
      `  latest ${shortDigest(B)}`,
      `  <none> ${shortDigest(A)}`,
    ]);
  });

  it('puts the previous digest on its own line when the panel is narrow', () => {
    const lines = texts(registryLines(snapshot(), true, 36));
    expect(lines.slice(2, 4)).toEqual([`  v1     ${shortDigest(B)}`, `         (was ${shortDigest(A)})`]);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(36);
  });

  it.each<[string, Partial<RegistrySnapshot>, string]>([
    ['an empty registry', { repositories: [] }, 'no repositories yet'],
    ['a denied call', { repositories: [], error: 'AccessDeniedException: no' }, '✘ AccessDeniedException: no'],
    ['a repository that failed', { repositories: [{ name: 'x', images: [], error: 'Throttling: slow down' }] }, '  ✘ Throttling: slow down'],
    ['more than were described', { omitted: 3 }, '… and 3 more repositories'],
  ])('%s', (_name, over, expected) => {
    expect(texts(registryLines(snapshot(over), true, 80))).toContain(expected);
  });
});

describe('whoAmILines', () => {
  const docker = (over: Partial<DockerConfigView>): DockerConfigView =>
    ({ file: '/home/a/.docker/config.json', state: 'read', hasAuthEntry: false, isAuthInFile: false, ...over });
  const me = (d: DockerConfigView): WhoAmI => ({
    linuxUser: 'alice', registry: 'r.example', region: 'eu-west-1', docker: d, engine: { name: 'docker' },
    identity: { arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' },
  });

  it.each<[string, Partial<DockerConfigView>, string]>([
    ['no file', { state: 'missing' }, 'no config.json: no docker login'],
    ['a broken file', { state: 'unreadable' }, 'config.json is not valid JSON'],
    ['no entry', {}, 'no login for this registry'],
    ['a login in the file', { hasAuthEntry: true, isAuthInFile: true }, 'auths: login stored in the file (base64)'],
    ['a login in a credential store', { hasAuthEntry: true, credsStore: 'desktop' }, 'auths: login kept by credsStore desktop'],
    ['a credential helper', { credHelper: 'ecr-login' }, 'credHelpers: docker-credential-ecr-login'],
  ])('docker: %s', (_name, over, expected) => {
    expect(texts(whoAmILines(me(docker(over)), true, 80)).map((l) => l.trim())).toContain(expected);
  });

  it('shows the OS user, the IAM identity, the account and the region', () => {
    const lines = texts(whoAmILines(me(docker({})), true, 80));
    expect(lines.slice(0, 4)).toEqual(['Linux    alice', 'IAM      arn:aws:iam::111122223333:user/alice', 'Account  111122223333', 'Region   eu-west-1']);
  });

  it('before any answer and before a target, says so', () => {
    expect(texts(whoAmILines(undefined, true, 80))).toEqual(['Asking…']);
    expect(texts(whoAmILines(undefined, false, 80))).toEqual(['No target connected yet.']);
  });
});
