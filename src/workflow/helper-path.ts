// Where docker finds ecr-lab's credential helper (bin/docker-credential-ecr-lab) and a way to
// ask it as docker does. Kept apart from the helper itself so that the docker engine does not
// load the helper's SDK and local-ECR code.
import { delimiter } from 'node:path';
import { helperBinDir } from './assets.js';

/** The helper's name in credHelpers; docker runs `docker-credential-<name>`. */
export const HELPER_NAME = 'ecr-lab';
export const HELPER_BINARY = `docker-credential-${HELPER_NAME}`;

/** PATH with ecr-lab's bin directory first, so the docker that ecr-lab runs finds the helper. */
export function pathWithHelper(path = process.env.PATH ?? ''): string {
  const dir = helperBinDir();
  return dir ? [dir, ...path.split(delimiter).filter((d) => d && d !== dir)].join(delimiter) : path;
}

/**
 * Asks the helper for `host`'s credentials exactly as docker does (`get`, the host on stdin),
 * with `dockerConfigDir` as docker's; the secret is returned for masking, never printed.
 */
export async function askHelper(host: string, dockerConfigDir: string): Promise<{ username: string; secret: string } | { error: string }> {
  // Loaded here only: the helper binary imports this file for its name and must start fast.
  const { execa } = await import('execa');
  const r = await execa(HELPER_BINARY, ['get'], {
    input: host, reject: false, timeout: 15_000,
    env: { PATH: pathWithHelper(), DOCKER_CONFIG: dockerConfigDir },
  });
  if (r.exitCode !== 0) return { error: String(r.stdout || r.stderr || r.shortMessage).split('\n')[0] ?? 'failed' };
  try {
    const answer = JSON.parse(String(r.stdout)) as { Username?: string; Secret?: string };
    return answer.Username && answer.Secret ? { username: answer.Username, secret: answer.Secret } : { error: 'answered without Username or Secret' };
  } catch {
    return { error: 'answered with something that is not JSON' };
  }
}
