// Reads docker's config.json for one registry host: is there a login, a credential helper or
// a credential store? Only the shape is reported, never the stored credentials.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerConfigView } from './types.js';

interface DockerConfigFile {
  readonly auths?: Readonly<Record<string, { readonly auth?: string } | undefined>>;
  readonly credHelpers?: Readonly<Record<string, string>>;
  readonly credsStore?: string;
}

/** docker's config directory: the one given, else $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(given?: string): string {
  return given ?? process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
}

/** How `<dir>/config.json` stands for `host`; a missing or broken file is a state, not an error. */
export async function readDockerConfig(dir: string, host: string): Promise<DockerConfigView> {
  const file = join(dir, 'config.json');
  const none = { file, hasAuthEntry: false, isAuthInFile: false };
  let config: DockerConfigFile;
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as DockerConfigFile;
  } catch (err) {
    return { ...none, state: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  if (typeof config !== 'object' || config === null) return { ...none, state: 'unreadable' };
  const key = [host, `https://${host}`, `http://${host}`].find((k) => config.auths?.[k] !== undefined);
  const entry = key ? config.auths?.[key] : undefined;
  return {
    file, state: 'read',
    hasAuthEntry: key !== undefined,
    isAuthInFile: typeof entry?.auth === 'string' && entry.auth !== '',
    ...(config.credHelpers?.[host] ? { credHelper: config.credHelpers[host] } : {}),
    ...(config.credsStore ? { credsStore: config.credsStore } : {}),
  };
}
