// credential-helper: with consent, names a credential helper for the registry in docker's
// config.json, so docker fetches registry tokens itself and no `docker login` is needed.
// On real ECR that is amazon-ecr-credential-helper (`ecr-login`); on the local ECR, whose
// 127.0.0.1:PORT host that helper refuses, it is ecr-lab's own `ecr-lab` helper
// (src/workflow/ecr-lab-helper.ts). The step then asks the helper as docker would, and
// reports what it wrote and what docker will run; the token it gets back is never shown.
import { access, constants } from 'node:fs/promises';
import { makeDir } from '../../state/make-dir.js';
import { delimiter, join } from 'node:path';
import { saveJson } from '../../state/json-file.js';
import { helperBinDir } from '../assets.js';
import { authKeysFor, dockerConfigFile, loadDockerConfig } from '../docker-config.js';
import { addRegistry, registriesFile } from '../ecr-lab-helper.js';
import { askHelper, HELPER_BINARY, HELPER_NAME } from '../helper-path.js';
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

async function readConfig(file: string): Promise<Record<string, unknown>> {
  const loaded = await loadDockerConfig(file);
  if (loaded.state === 'read') return loaded.config;
  if (loaded.state === 'missing') return {};
  throw new StepFailure('DockerConfigUnreadable', `${file} is not a JSON object; left it untouched`);
}

/** config.json with credHelpers[host] = helper and no stored login for host (docker would not use it). */
function configured(config: Record<string, unknown>, host: string, helper: string): { config: Record<string, unknown>; removedLogin: boolean } {
  const auths = { ...(config.auths as Record<string, unknown> | undefined) };
  const removedLogin = authKeysFor(host).some((k) => k in auths);
  for (const k of authKeysFor(host)) delete auths[k];
  const credHelpers = { ...(config.credHelpers as Record<string, string> | undefined), [host]: helper };
  return { config: { ...config, ...(config.auths ? { auths } : {}), credHelpers }, removedLogin };
}

/** The local ECR: ecr-lab's helper, with its registries file; elsewhere amazon-ecr-credential-helper. */
function plan(s: StepScope): { helper: string; binary: string; local: boolean } {
  const local = !helperCanServe(s.target.registry) && s.target.endpointUrl !== undefined;
  return local ? { helper: HELPER_NAME, binary: HELPER_BINARY, local } : { helper: 'ecr-login', binary: 'docker-credential-ecr-login', local };
}

export const credentialHelper: StepImpl = async (s) => {
  const host = s.target.registry;
  const file = dockerConfigFile(s.dockerConfigDir);
  const { helper, binary, local } = plan(s);
  if (!local && !helperCanServe(host)) {
    s.print(`${host} is not an ECR host name: docker-credential-ecr-login only serves <account>.dkr.ecr.<region>.amazonaws.com (and the other AWS partitions), so config.json is left alone; \`docker login\` is the way for this registry.`);
    return { summary: `Not configured: no credential helper serves ${host}.`, verified: [{ label: 'config.json', value: 'unchanged' }] };
  }
  s.print(`docker asks a credential helper for a registry's credentials when config.json names one: "credHelpers": {"${host}": "${helper}"} makes docker run ${binary} get, with the host on stdin, before each push and pull.`);
  s.print(local
    ? `On the local ECR that is ecr-lab's own helper: it calls GetAuthorizationToken on ${s.target.endpointUrl} and hands docker the 12-hour token. Debian's docker-credential-ecr-login cannot do it here: it only accepts *.dkr.ecr.<region>.amazonaws.com host names and has no endpoint setting.`
    : `${binary} calls GetAuthorizationToken with your AWS credentials and caches the token (~/.ecr/cache.json) until shortly before its 12 hours run out.`);
  const found = await onPath(binary);
  const binDir = local ? helperBinDir() : undefined;
  if (local) {
    s.print(found
      ? `${binary} is on your PATH (${found}), so docker in your own shell finds it too.`
      : `${binary} is in ${binDir ?? "ecr-lab's bin directory"}: ecr-lab puts that directory on the PATH of the docker it runs. For docker in your own shell, add it to PATH (an npm install -g of ecr-lab puts it there).`);
  } else {
    s.print(found ? `helper found: ${found}` : `${binary} is not on PATH: install it first (Debian and Ubuntu: amazon-ecr-credential-helper), or docker will just say "no basic auth credentials".`);
  }
  if (s.engine.name === 'builtin') s.print(`(The built-in engine standing in for docker keeps its own logins in ${s.engine.authFile()} and runs no credential helper: this configures the real docker.)`);
  const description = `Set "credHelpers": {"${host}": "${helper}"} in ${file}, and drop the login docker stored there for ${host}`;
  const agreed = s.confirm ? await s.confirm({ stepId: 'credential-helper', description, iamActions: ['ecr:GetAuthorizationToken'] }) : false;
  if (!agreed) {
    s.print(`not written (no consent given). To do it by hand: ${description}.`);
    return { summary: 'Explained; docker\'s config.json was not changed.', verified: [{ label: 'config.json', value: 'unchanged' }] };
  }
  const next = configured(await readConfig(file), host, helper);
  await makeDir(s.dockerConfigDir);
  if (local) await addRegistry(s.dockerConfigDir, host, { endpoint: s.target.endpointUrl!, region: s.target.region });
  await saveJson(file, next.config);
  s.print(`wrote ${file}: credHelpers["${host}"] = "${helper}"${next.removedLogin ? `; removed auths["${host}"], the token \`docker login\` had stored in the file` : ''}`);
  if (local) s.print(`wrote ${registriesFile(s.dockerConfigDir)}: ${host} -> ${s.target.endpointUrl} (${s.target.region}), so the helper knows where to ask`);
  const back = await readConfig(file);
  const verified = [
    { label: `credHelpers["${host}"]`, value: (back.credHelpers as Record<string, string> | undefined)?.[host] ?? 'missing' },
    { label: `auths["${host}"]`, value: authKeysFor(host).some((k) => k in ((back.auths as object | undefined) ?? {})) ? 'still there' : 'none (no password in config.json)' },
  ];
  const commands = [
    ...(local && binDir && !found ? [`export PATH=${binDir}:"$PATH"`] : []),
    `# in ${file}: "credHelpers": {"${host}": "${helper}"}`,
    `docker logout ${host}`,
  ];
  if (!local) {
    return { summary: `docker will now fetch ECR tokens for ${host} itself through ${binary}.`, verified, commands };
  }
  // The proof: ask the helper exactly as docker will, with this docker config.
  const answer = await askHelper(host, s.dockerConfigDir);
  if ('error' in answer) throw new StepFailure('CredentialHelperFailed', `${binary} get ${host} failed: ${answer.error}`);
  s.secret(answer.secret);
  return {
    summary: `docker now logs itself in to ${host}: each push and pull runs ${binary}, which fetches a fresh token from GetAuthorizationToken. No docker login, and no password in config.json.`,
    verified: [...verified, { label: `${binary} get`, value: `Username ${answer.username}, a ${answer.secret.length}-character token (not shown)` }],
    commands,
  };
};
