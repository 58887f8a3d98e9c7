// skopeo, run for real: `skopeo inspect` of an image in a registry, with docker's login file as
// its --authfile so the token never appears on a command line. A loopback registry speaks
// plain HTTP, which skopeo only accepts with --tls-verify=false.
import { loadExeca } from './load-execa.js';
import { StepFailure } from './errors.js';

/** How to reach the registry: the login file, and whether TLS is checked. */
export interface SkopeoOptions {
  readonly authFile: string;
  readonly isPlainHttp: boolean;
  readonly signal?: AbortSignal;
}

/** The arguments of `skopeo inspect` for `ref` (`host/repo:tag`), `--raw` for the stored manifest. */
export function skopeoInspectArgs(ref: string, options: Pick<SkopeoOptions, 'authFile' | 'isPlainHttp'>, isRaw: boolean): string[] {
  return ['inspect', ...(isRaw ? ['--raw'] : []), '--authfile', options.authFile,
    ...(options.isPlainHttp ? ['--tls-verify=false'] : []), `docker://${ref}`];
}

/** skopeo's last log line without its `time=… level=fatal msg=` frame and Go quoting. */
function lastMessage(stderr: string, exitCode: number | undefined): string {
  const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit ${exitCode ?? 'unknown'}`;
  const msg = last.replace(/^time="[^"]*" level=\w+ msg=/, '');
  if (!msg.startsWith('"')) return msg;
  try { return JSON.parse(msg) as string; } catch { return msg; }
}

/** Runs `skopeo inspect`; resolves with its standard output, or fails with skopeo's own last line. */
export async function skopeoInspect(ref: string, options: SkopeoOptions, isRaw: boolean): Promise<string> {
  const { execa } = await loadExeca();
  const r = await execa('skopeo', skopeoInspectArgs(ref, options, isRaw), { reject: false, cancelSignal: options.signal, stdin: 'ignore' });
  if (r.isCanceled) throw new StepFailure('Cancelled', 'skopeo was interrupted');
  if ((r as { code?: string }).code === 'ENOENT') {
    throw new StepFailure('SkopeoMissing', 'skopeo is not installed: install it (apt-get install skopeo, dnf install skopeo or brew install skopeo) and run the step again');
  }
  if (r.exitCode !== 0) {
    throw new StepFailure('SkopeoFailed', `skopeo inspect ${ref}: ${lastMessage(String(r.stderr), r.exitCode)}`);
  }
  return String(r.stdout);
}
