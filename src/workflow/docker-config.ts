// docker's config.json, read in one place: where it is ($DOCKER_CONFIG or ~/.docker, as docker
// itself decides), how it parses, and which key holds a registry host's login. Callers decide
// what a missing or broken file means to them; the view for the inspector reports only the
// shape, never the stored credentials.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerConfigView } from './types.js';

/** The parts of docker's config.json ecr-lab reads; every other key is kept as it is. */
export type DockerConfigFile = {
  readonly auths?: Readonly<Record<string, { readonly auth?: string } | undefined>>;
  readonly credHelpers?: Readonly<Record<string, string>>;
  readonly credsStore?: string;
} & Readonly<Record<string, unknown>>;

/** A config file as read: its object, or why there is none. */
export type LoadedDockerConfig =
  | { readonly state: 'read'; readonly config: DockerConfigFile }
  | { readonly state: 'missing' | 'unreadable' };

/**
 * docker's config directory: the one given, else $DOCKER_CONFIG, else ~/.docker. An empty
 * value counts as unset, as in the docker CLI (cli/config: `if configDir == ""`).
 */
export function dockerConfigDir(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  return given || env.DOCKER_CONFIG || join(homedir(), '.docker');
}

/** `<dir>/config.json`. */
export function dockerConfigFile(dir: string): string {
  return join(dir, 'config.json');
}

/** Reads and parses a docker-shaped config file; anything but a JSON object is 'unreadable'. */
export async function loadDockerConfig(file: string): Promise<LoadedDockerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { state: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data)) return { state: 'read', config: data as DockerConfigFile };
  } catch { /* not JSON: said below */ }
  return { state: 'unreadable' };
}

/** The keys docker may have stored a host under (CLI 28 strips the scheme; older ones kept it). */
export function authKeysFor(host: string): string[] {
  return [host, `https://${host}`, `http://${host}`];
}

/** The `auths` key that holds `host`'s login, if there is one. */
export function authKeyFor(config: DockerConfigFile, host: string): string | undefined {
  return authKeysFor(host).find((k) => config.auths?.[k] !== undefined);
}

/** How `<dir>/config.json` stands for `host`; a missing or broken file is a state, not an error. */
export async function readDockerConfig(dir: string, host: string): Promise<DockerConfigView> {
  const file = dockerConfigFile(dir);
  const none = { file, hasAuthEntry: false, isAuthInFile: false };
  const loaded = await loadDockerConfig(file);
  if (loaded.state !== 'read') return { ...none, state: loaded.state };
  const { config } = loaded;
  const key = authKeyFor(config, host);
  const entry = key ? config.auths?.[key] : undefined;
  return {
    file, state: 'read',
    hasAuthEntry: key !== undefined,
    isAuthInFile: typeof entry?.auth === 'string' && entry.auth !== '',
    ...(config.credHelpers?.[host] ? { credHelper: config.credHelpers[host] } : {}),
    ...(config.credsStore ? { credsStore: config.credsStore } : {}),
  };
}
