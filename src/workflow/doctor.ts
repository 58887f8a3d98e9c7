// `ecr-lab doctor`: checks Node, docker (CLI and daemon), the AWS CLI, credentials and whose
// they are, the region, and docker's credential helpers; each says which target it matters
// for, and each failing one what to fix.
import { loadExeca } from './load-execa.js';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { createEcrApi, findCredentials, quickIdentity, resolveRegion } from './aws/clients.js';
import { EndpointLog, hostOf } from './aws/endpoints.js';
import { dockerConfigDir, dockerConfigFile, loadDockerConfig } from './docker-config.js';
import { dockerDaemon } from './engines/docker.js';
import { errorCode, toFailure } from './errors.js';
import { helperCanServe } from './steps/credential-helper.js';
import { helperBinDir } from './assets.js';
import { HELPER_NAME } from './helper-path.js';

/** Which target a check matters for: every one, or only live AWS (`--live`). */
export type CheckTarget = 'both' | 'live';

/** One check: what was looked at, whether it is fine, what was found, and what to do. */
export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix?: string;
  /** The target it matters for (credentials and region: live AWS only). */
  readonly target: CheckTarget;
  /** A failure stops that target from running (docker has the built-in engine to fall back on). */
  readonly isRequired: boolean;
}

/** Whether each target can run, from the checks: the failures that block it, and the rest. */
export interface DoctorVerdict {
  readonly localBlockers: readonly DoctorCheck[];
  readonly liveBlockers: readonly DoctorCheck[];
  /** Failures that block nothing (docker missing: the built-in engine is used instead). */
  readonly warnings: readonly DoctorCheck[];
}

/** A check as it is made, before the table below says which target it matters for. */
type Found = Omit<DoctorCheck, 'target' | 'isRequired'>;

/** Which target each check matters for; only Node is needed to run the local ECR at all. */
const MATTERS: Readonly<Record<string, Pick<DoctorCheck, 'target' | 'isRequired'>>> = {
  'Node.js': { target: 'both', isRequired: true },
  'docker CLI': { target: 'both', isRequired: false },
  'docker daemon': { target: 'both', isRequired: false },
  'AWS CLI': { target: 'both', isRequired: false },
  'AWS credentials': { target: 'live', isRequired: true },
  'AWS identity': { target: 'live', isRequired: true },
  'AWS region': { target: 'live', isRequired: true },
  'AWS endpoints': { target: 'live', isRequired: false },
  'docker credential helpers': { target: 'both', isRequired: false },
};

/** Sorts the failed checks into what blocks the local ECR, what blocks live AWS, and warnings. */
export function doctorVerdict(checks: readonly DoctorCheck[]): DoctorVerdict {
  const failed = checks.filter((c) => !c.ok);
  return {
    localBlockers: failed.filter((c) => c.isRequired && c.target === 'both'),
    liveBlockers: failed.filter((c) => c.isRequired),
    warnings: failed.filter((c) => !c.isRequired),
  };
}

export interface DoctorOptions {
  readonly profile?: string;
  readonly region?: string;
  /** Per network call (default 3000 ms): real AWS may be unreachable. */
  readonly timeoutMs?: number;
  readonly dockerConfigDir?: string;
}

async function version(cmd: string, args: string[]): Promise<string | undefined> {
  const { execa } = await loadExeca();
  const r = await execa(cmd, args, { reject: false, timeout: 10_000 });
  return r.exitCode === 0 ? `${r.stdout}${r.stderr}`.trim().split('\n')[0] : undefined;
}

async function which(cmd: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    try { return await realpath(join(dir, cmd)).then(() => join(dir, cmd)); } catch { /* next */ }
  }
  return undefined;
}

function nodeCheck(): Found {
  const major = Number(process.versions.node.split('.')[0]);
  return { name: 'Node.js', ok: major >= 20, detail: `v${process.versions.node}`, fix: major >= 20 ? undefined : 'Install Node.js 20 or newer.' };
}

async function dockerChecks(): Promise<Found[]> {
  const cli = await version('docker', ['--version']).catch(() => undefined);
  if (!cli) return [{ name: 'docker CLI', ok: false, detail: 'not found on PATH', fix: 'Install Docker; until then ecr-lab uses its built-in engine (--engine builtin).' }];
  const daemon = await dockerDaemon(5000);
  return [
    { name: 'docker CLI', ok: true, detail: cli },
    { name: 'docker daemon', ok: daemon.ok, detail: daemon.detail,
      fix: daemon.ok ? undefined : 'Start it (sudo systemctl start docker, or Docker Desktop) or join the docker group; ecr-lab falls back to its built-in engine.' },
  ];
}

function awsMajor(text: string | undefined): string {
  const m = /aws-cli\/(\d+)\.\S+/.exec(text ?? '');
  return m ? `v${m[1]}` : 'unknown';
}

async function awsCliCheck(): Promise<Found> {
  const first = await which('aws');
  if (!first) return { name: 'AWS CLI', ok: false, detail: 'aws not found on PATH', fix: 'Install AWS CLI v2 (ecr-lab itself does not need it; the commands it shows do).' };
  const text = await version(first, ['--version']).catch(() => undefined);
  const parts = [`${first}: ${text ?? 'does not run'} (${awsMajor(text)})`];
  parts.push(awsMajor(text) === 'v1'
    ? 'v1 still has the deprecated `aws ecr get-login`; v2 removed it: use `aws ecr get-login-password`'
    : '`aws ecr get-login` is gone in v2: use `aws ecr get-login-password | docker login --password-stdin`');
  const usrBin = first !== '/usr/bin/aws' ? await version('/usr/bin/aws', ['--version']).catch(() => undefined) : undefined;
  if (usrBin) parts.push(`/usr/bin/aws differs from the aws first on PATH: ${usrBin} (${awsMajor(usrBin)})`);
  return { name: 'AWS CLI', ok: text !== undefined, detail: parts.join('; '), fix: awsMajor(text) === 'v1' ? 'Prefer AWS CLI v2 (or call /usr/bin/aws explicitly when it is v2).' : undefined };
}

async function credentialChecks(options: DoctorOptions, region: string | undefined, timeoutMs: number): Promise<Found[]> {
  const found = await findCredentials(options.profile, timeoutMs);
  if (!found) {
    return [{ name: 'AWS credentials', ok: false, detail: 'none found (environment, ~/.aws, SSO, instance role)', fix: 'Run `aws configure` or `aws sso login`, or set AWS_PROFILE. The local ECR needs none.' }];
  }
  const key = `${found.accessKeyId.slice(0, 4)}…${found.accessKeyId.slice(-4)}`;
  const checks: Found[] = [{ name: 'AWS credentials', ok: true, detail: `found (access key ${key})` }];
  const endpoints = new EndpointLog();
  try {
    const me = await quickIdentity(region ?? 'us-east-1', options.profile, timeoutMs, endpoints.sink).whoami();
    checks.push({ name: 'AWS identity', ok: true, detail: `${me.arn} (account ${me.account})` });
  } catch (err) {
    const f = toFailure(err);
    const network = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|TimeoutError|AbortError|UND_ERR_\w+)$/.test(errorCode(err));
    checks.push({ name: 'AWS identity', ok: false,
      detail: network ? `could not reach STS: network failure (${f.code}: ${f.message})` : `${f.code}: ${f.message}`,
      fix: network ? 'Check the network route to AWS (proxy, firewall, VPC endpoints); the local ECR works offline.' : f.explanation?.fix });
  }
  if (region) checks.push(await endpointCheck(options.profile, region, timeoutMs, endpoints));
  return checks;
}

/**
 * Where the SDK's endpoint settings send ECR and STS (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ECR,
 * `endpoint_url` or `services` in the profile), seen on real requests; and the registry host
 * GetAuthorizationToken names. A refused or failed call still shows where it went.
 */
async function endpointCheck(profile: string | undefined, region: string, timeoutMs: number, endpoints: EndpointLog): Promise<Found> {
  let registry = '';
  try {
    const out = await createEcrApi({ region, profile, maxAttempts: 1, onEndpoint: endpoints.sink }).getAuthorizationToken({}, AbortSignal.timeout(timeoutMs));
    const proxy = out.authorizationData?.[0]?.proxyEndpoint;
    if (proxy) registry = `; registry ${hostOf(proxy)}`;
  } catch {
    // The identity check already says why calls fail; only the endpoint matters here.
  }
  const ecr = endpoints.of('ECR') ?? 'not reached';
  const sts = endpoints.of('STS') ?? 'not reached';
  const nonAws = endpoints.nonAws();
  return { name: 'AWS endpoints', ok: true,
    detail: nonAws
      ? `NOT AWS: ECR ${ecr}, STS ${sts}${registry} (from the SDK's endpoint settings: AWS_ENDPOINT_URL*, or endpoint_url/services in the profile)`
      : `AWS: ECR ${ecr}, STS ${sts}${registry}` };
}

async function credHelperCheck(dir: string): Promise<Found> {
  const file = dockerConfigFile(dir);
  const loaded = await loadDockerConfig(file);
  if (loaded.state !== 'read') {
    return { name: 'docker credential helpers', ok: true, detail: `${file}: none (no file or not JSON); docker login stores tokens in auths` };
  }
  const { config } = loaded;
  const entries = Object.entries(config.credHelpers ?? {});
  const missing = [];
  const shipped = [];
  for (const [, helper] of entries) {
    if (await which(`docker-credential-${helper}`)) continue;
    // ecr-lab's own helper: the docker that ecr-lab runs finds it in bin/; only a shell's docker may not.
    if (helper === HELPER_NAME && helperBinDir()) shipped.push(`docker-credential-${helper} is in ${helperBinDir()}, which ecr-lab puts on its docker's PATH (for docker in your shell: export PATH=${helperBinDir()}:"$PATH")`);
    else missing.push(`docker-credential-${helper}`);
  }
  const notEcr = entries.filter(([host, h]) => h === 'ecr-login' && !helperCanServe(host)).map(([host]) => host);
  const detail = [entries.length ? `credHelpers: ${entries.map(([h, v]) => `${h} -> ${v}`).join(', ')}` : 'no credHelpers',
    config.credsStore ? `credsStore: ${config.credsStore}` : '', ...shipped].filter(Boolean).join('; ');
  const problems = [...missing.map((m) => `${m} is not on PATH`), ...notEcr.map((h) => `${h} is not an ECR host; ecr-login cannot serve it`)];
  return { name: 'docker credential helpers', ok: problems.length === 0, detail: `${file}: ${detail}${problems.length ? `; ${problems.join('; ')}` : ''}`,
    fix: problems.length ? 'Install the missing helper or remove its entry (docker says only "no basic auth credentials" when it is missing).' : undefined };
}

/** Runs every check; never throws. Network checks are bounded by `timeoutMs`. */
export async function runDoctor(options: DoctorOptions = {}): Promise<{ checks: DoctorCheck[] }> {
  const timeoutMs = options.timeoutMs ?? 3000;
  // An empty AWS_REGION is no region (the SDK treats it so too).
  const region = options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || await resolveRegion(options.profile);
  const checks: Found[] = [nodeCheck(), ...await dockerChecks(), await awsCliCheck()];
  checks.push(...await credentialChecks(options, region, timeoutMs));
  checks.push({ name: 'AWS region', ok: Boolean(region), detail: region ?? 'none configured',
    fix: region ? undefined : 'Pass --region, set AWS_REGION, or run `aws configure set region <region>`.' });
  checks.push(await credHelperCheck(dockerConfigDir(options.dockerConfigDir)));
  return { checks: checks.map((c) => ({ ...c, ...(MATTERS[c.name] ?? { target: 'both', isRequired: false }) })) };
}
