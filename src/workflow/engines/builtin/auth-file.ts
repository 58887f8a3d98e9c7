// Where the built-in engine keeps registry logins: <dir>/auths.json in docker's config.json
// shape (`auths[host].auth` = base64 of user:password), mode 0600, written atomically. Like
// docker without a credential helper, the token is stored unencrypted; it expires in 12 hours.
import { join } from 'node:path';
import { makeDir } from '../../../state/make-dir.js';
import { loadJson, saveJson } from '../../../state/json-file.js';
import type { BasicCredentials } from './registry-client.js';

interface AuthFile {
  readonly auths: Readonly<Record<string, { readonly auth: string }>>;
}

function problem(data: unknown): string | undefined {
  const d = data as Partial<AuthFile> | null;
  return d && typeof d.auths === 'object' && d.auths !== null ? undefined : 'no auths object';
}

/** The login store of the built-in engine. */
export class AuthStore {
  readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'auths.json');
  }

  private async read(): Promise<AuthFile> {
    return (await loadJson<AuthFile>(this.file, { auths: {} }, problem)).value;
  }

  async get(host: string): Promise<BasicCredentials | undefined> {
    const entry = (await this.read()).auths[host];
    if (!entry) return undefined;
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }

  async put(host: string, credentials: BasicCredentials): Promise<void> {
    const current = await this.read();
    const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    await makeDir(join(this.file, '..'));
    await saveJson(this.file, { auths: { ...current.auths, [host]: { auth } } } satisfies AuthFile);
  }
}
