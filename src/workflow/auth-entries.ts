// Reads and changes one registry's login where docker keeps it: in a docker-shaped auths file
// (docker's config.json, or the built-in engine's auths.json), written atomically and keeping
// every other key, or, when the config names a credential helper or store for the host
// (credHelpers, credsStore), through that helper's own get/store/erase protocol. A helper that
// mints a fresh login on every `get` (ecr-lab's, Amazon's ecr-login) cannot be made to hold a bad
// one: its credHelpers entry is set aside while the bad login is in place, and put back after.
import { loadExeca } from './load-execa.js';
import { dirname } from 'node:path';
import { saveJson } from '../state/json-file.js';
import { makeDir } from '../state/make-dir.js';
import { authKeysFor, loadDockerConfig } from './docker-config.js';
import { HELPER_NAME, pathWithHelper } from './helper-path.js';

type ConfigFile = {
  auths?: Record<string, { auth?: string } | undefined>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
} & Record<string, unknown>;

/** Where a saved login that lived in a credential helper is kept in an undo record. */
const HELPER_KEY = '(credential helper)';

/** Where the name of a credHelpers entry set aside for a fault is kept in an undo record. */
const SET_ASIDE_KEY = '(credential helper set aside)';

/** Helpers that ask ECR for a new token on every `get`: erasing or storing a login changes nothing. */
const MINTING = new Set([HELPER_NAME, 'ecr-login']);

function helperFor(config: ConfigFile, host: string): string | undefined {
  return config.credHelpers?.[host] ?? config.credsStore;
}

/** Runs `docker-credential-<helper> <action>` with `input` on stdin; its stdout, or undefined. */
async function helper(name: string, action: 'get' | 'store' | 'erase', input: string): Promise<string | undefined> {
  const { execa } = await loadExeca();
  const r = await execa(`docker-credential-${name}`, [action], { input, reject: false, env: { PATH: pathWithHelper() } });
  return r.exitCode === 0 ? r.stdout : undefined;
}

async function helperAuth(name: string, host: string): Promise<string | undefined> {
  const out = await helper(name, 'get', host);
  try {
    const { Username, Secret } = JSON.parse(out ?? '') as { Username?: string; Secret?: string };
    return Username && Secret ? Buffer.from(`${Username}:${Secret}`).toString('base64') : undefined;
  } catch {
    return undefined;
  }
}

/** Stores (`auth` given) or erases the helper's login for `host`. */
async function helperPut(name: string, host: string, auth: string | undefined): Promise<void> {
  if (auth === undefined) {
    await helper(name, 'erase', host);
    return;
  }
  const [Username, ...rest] = Buffer.from(auth, 'base64').toString('utf8').split(':');
  await helper(name, 'store', JSON.stringify({ ServerURL: host, Username, Secret: rest.join(':') }));
}

/** Saves the config; its folder is made first, as docker makes ~/.docker on a first login. */
async function save(file: string, config: Record<string, unknown>): Promise<void> {
  await makeDir(dirname(file));
  await saveJson(file, config);
}

async function read(file: string): Promise<ConfigFile> {
  const loaded = await loadDockerConfig(file);
  return loaded.state === 'read' ? loaded.config as ConfigFile : {};
}

/** The stored `auth` (base64 of user:password) for `host`, if any. */
export async function readAuth(file: string, host: string): Promise<string | undefined> {
  const config = await read(file);
  const name = helperFor(config, host);
  if (name) return helperAuth(name, host);
  const auths = config.auths ?? {};
  for (const key of authKeysFor(host)) if (typeof auths[key]?.auth === 'string') return auths[key]!.auth;
  return undefined;
}

/** Sets (`auth` given) or removes the entry for `host`; returns what was there before. */
export async function replaceAuth(file: string, host: string, auth: string | undefined): Promise<Record<string, unknown>> {
  let config = await read(file);
  let name = helperFor(config, host);
  const setAside: Record<string, unknown> = {};
  const own = config.credHelpers?.[host];
  if (own !== undefined && MINTING.has(own)) {
    // Docker would ask the helper and never see the login planted here: the entry steps aside.
    const { [host]: _aside, ...helpers } = config.credHelpers ?? {};
    config = { ...config, credHelpers: helpers };
    setAside[SET_ASIDE_KEY] = own;
    name = config.credsStore;
  }
  if (name) {
    const before = await helperAuth(name, host);
    await helperPut(name, host, auth);
    return { [HELPER_KEY]: { name, auth: before } };
  }
  const auths = { ...(config.auths ?? {}) };
  const before: Record<string, unknown> = {};
  for (const key of authKeysFor(host)) {
    if (auths[key] !== undefined) before[key] = auths[key];
    delete auths[key];
  }
  if (auth !== undefined) auths[host] = { auth };
  await save(file, { ...config, auths });
  return { ...before, ...setAside };
}

/** Puts back a credHelpers entry `replaceAuth` set aside (whatever became of the login meanwhile). */
export async function restoreHelper(file: string, host: string, saved: Record<string, unknown>): Promise<void> {
  const name = saved[SET_ASIDE_KEY];
  if (typeof name !== 'string') return;
  const config = await read(file);
  await save(file, { ...config, credHelpers: { ...(config.credHelpers ?? {}), [host]: name } });
}

/** Puts entries saved by `replaceAuth` back. */
export async function restoreAuth(file: string, host: string, saved: Record<string, unknown>): Promise<void> {
  const kept = saved[HELPER_KEY] as { name: string; auth?: string } | undefined;
  if (kept) {
    await helperPut(kept.name, host, kept.auth);
    return;
  }
  const { [SET_ASIDE_KEY]: _aside, ...entries } = saved;
  const config = await read(file);
  const auths = { ...(config.auths ?? {}) };
  for (const key of authKeysFor(host)) delete auths[key];
  await save(file, { ...config, auths: { ...auths, ...entries } });
  await restoreHelper(file, host, saved);
}
