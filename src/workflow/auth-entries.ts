// Reads and changes one registry's entry in a docker-shaped auths file (docker's config.json,
// or the built-in engine's auths.json), written atomically and keeping every other key.
import { readFile } from 'node:fs/promises';
import { saveJson } from '../state/json-file.js';

type ConfigFile = { auths?: Record<string, { auth?: string } | undefined> } & Record<string, unknown>;

async function read(file: string): Promise<ConfigFile> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return data && typeof data === 'object' ? data as ConfigFile : {};
  } catch {
    return {};
  }
}

/** The keys docker may have stored a host under (CLI 28 strips the scheme; older ones kept it). */
const keysFor = (host: string): string[] => [host, `https://${host}`, `http://${host}`];

/** The stored `auth` (base64 of user:password) for `host`, if any. */
export async function readAuth(file: string, host: string): Promise<string | undefined> {
  const auths = (await read(file)).auths ?? {};
  for (const key of keysFor(host)) if (typeof auths[key]?.auth === 'string') return auths[key]!.auth;
  return undefined;
}

/** Sets (`auth` given) or removes the entry for `host`; returns what was there before. */
export async function replaceAuth(file: string, host: string, auth: string | undefined): Promise<Record<string, unknown>> {
  const config = await read(file);
  const auths = { ...(config.auths ?? {}) };
  const before: Record<string, unknown> = {};
  for (const key of keysFor(host)) {
    if (auths[key] !== undefined) before[key] = auths[key];
    delete auths[key];
  }
  if (auth !== undefined) auths[host] = { auth };
  await saveJson(file, { ...config, auths });
  return before;
}

/** Puts entries saved by `replaceAuth` back. */
export async function restoreAuth(file: string, host: string, saved: Record<string, unknown>): Promise<void> {
  const config = await read(file);
  const auths = { ...(config.auths ?? {}) };
  for (const key of keysFor(host)) delete auths[key];
  await saveJson(file, { ...config, auths: { ...auths, ...saved } });
}
