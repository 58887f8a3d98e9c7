// credential-helper: explains docker's credHelpers and, with consent, adds
// `"credHelpers": {"<registry>": "ecr-login"}` to docker's config.json. The helper only
// recognises real ECR host names, so for any other host it explains why and writes nothing.
import { access, constants, mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { saveJson } from '../../state/json-file.js';
import { type DockerConfigFile, dockerConfigFile, loadDockerConfig } from '../docker-config.js';
import { StepFailure } from '../errors.js';
import type { StepImpl, StepScope } from './scope.js';

/** The host pattern of amazon-ecr-credential-helper (ecr-login/api/client.go); ports are ignored. */
export const HELPER_HOST = /^(\d{12})\.dkr[.-]ecr(-fips)?\.([a-zA-Z0-9][a-zA-Z0-9-_]*)\.(amazonaws\.(?:com(?:\.cn)?|eu)|on\.(?:aws|amazonwebservices\.com\.cn)|sc2s\.sgov\.gov|c2s\.ic\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$/;

/** Whether the ECR credential helper can serve `registry` (host[:port]). */
export function helperCanServe(registry: string): boolean {
  return HELPER_HOST.test(registry.replace(/:\d+$/, ''));
}

async function onPath(binary: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, binary), constants.X_OK);
      return join(dir, binary);
    } catch { /* not in this directory */ }
  }
  return undefined;
}

async function readConfig(file: string): Promise<DockerConfigFile> {
  const loaded = await loadDockerConfig(file);
  if (loaded.state === 'read') return loaded.config;
  if (loaded.state === 'missing') return {};
  throw new StepFailure('DockerConfigUnreadable', `${file} is not a JSON object; left it untouched`);
}

function explain(s: StepScope, host: string, file: string): void {
  s.print('docker asks a credential helper for a registry\'s credentials when config.json says so:');
  s.print(`  ${file}: { "credHelpers": { "${host}": "ecr-login" } }`);
  s.print('docker then runs docker-credential-ecr-login, which calls GetAuthorizationToken with your AWS');
  s.print('credentials and caches the token (~/.ecr/cache.json) for about 6 of its 12 hours: no `docker login` needed.');
}

export const credentialHelper: StepImpl = async (s) => {
  const host = s.target.registry;
  const file = dockerConfigFile(s.dockerConfigDir);
  explain(s, host, file);
  if (!helperCanServe(host)) {
    s.print(`${host} is not an ECR host name: the helper only matches <account>.dkr.ecr.<region>.amazonaws.com`);
    s.print('(and the other AWS partitions), reads the region from that name, and answers "credentials not found"');
    s.print('for anything else. So ecr-lab leaves config.json alone here; `docker login` is the way for this registry.');
    return { summary: `Not configured: the credential helper cannot serve ${host}; it only works with *.dkr.ecr.*.amazonaws.com hosts.`, verified: [{ label: 'config.json', value: 'unchanged' }] };
  }
  const helper = await onPath('docker-credential-ecr-login');
  s.print(helper ? `helper found: ${helper}` : 'docker-credential-ecr-login is not on PATH: install it first, or docker will just say "no basic auth credentials".');
  const description = `Add "credHelpers": {"${host}": "ecr-login"} to ${file}`;
  const agreed = s.confirm ? await s.confirm({ stepId: 'credential-helper', description, iamActions: ['ecr:GetAuthorizationToken'] }) : false;
  if (!agreed) {
    s.print(`not written (no consent given). To do it by hand: ${description}.`);
    return { summary: 'Explained; docker\'s config.json was not changed.', verified: [{ label: 'config.json', value: 'unchanged' }] };
  }
  const config = await readConfig(file);
  const helpers = { ...config.credHelpers, [host]: 'ecr-login' };
  await mkdir(s.dockerConfigDir, { recursive: true });
  await saveJson(file, { ...config, credHelpers: helpers });
  const back = (await readConfig(file)).credHelpers;
  return {
    summary: `docker will now fetch ECR tokens for ${host} itself through docker-credential-ecr-login.`,
    verified: [{ label: `credHelpers["${host}"]`, value: back?.[host] ?? 'missing' }],
  };
};
