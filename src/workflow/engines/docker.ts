// The docker engine: the real docker CLI through execa, never through a shell. The registry
// password reaches docker only on stdin (`--password-stdin`); layer progress is parsed from
// the lines docker prints (`<id>: Pushing`, `<id>: Pushed`, `v1: digest: sha256:… size: N`).
import { loadExeca } from '../load-execa.js';
import { authKeyFor, dockerConfigDir, dockerConfigFile, loadDockerConfig } from '../docker-config.js';
import { StepFailure } from '../errors.js';
import { pathWithHelper } from '../helper-path.js';
import { finalLineState, outputLines } from './output-lines.js';
import type { EngineIO, ImageEngine, LocalImage } from '../ports.js';

/** Options of the docker engine. */
export interface DockerEngineOptions {
  /** Extra environment for docker, e.g. DOCKER_CONFIG for a private config dir. */
  readonly env?: Readonly<Record<string, string>>;
}

const LAYER_LINE = /^([0-9a-f]{12}): (.+)$/;
const DIGEST_LINE = /^\S+: digest: (sha256:[0-9a-f]{64}) size: (\d+)$/;
const PULLED_DIGEST = /^Digest: (sha256:[0-9a-f]{64})$/;

/** The registry error code inside one of docker's messages, when it names one. */
function codeOf(message: string): string {
  const known: [RegExp, string][] = [[/name unknown/i, 'NAME_UNKNOWN'], [/manifest unknown/i, 'MANIFEST_UNKNOWN'],
    [/tag invalid/i, 'TAG_INVALID'], [/toomanyrequests/i, 'TOOMANYREQUESTS'], [/denied:/i, 'DENIED']];
  return known.find(([re]) => re.test(message))?.[1] ?? 'DockerError';
}

/** Whether a docker daemon answers; with its server version when it does. */
export async function dockerDaemon(timeoutMs = 5000): Promise<{ ok: boolean; detail: string }> {
  try {
    const { execa } = await loadExeca();
    const r = await execa('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: timeoutMs, reject: false });
    if (r.exitCode === 0) return { ok: true, detail: `docker daemon ${r.stdout.trim()}` };
    const said = outputLines(String(r.stderr || r.stdout).trim()).pop();
    return { ok: false, detail: said || (r.exitCode === undefined ? 'the docker command is not on PATH' : 'docker version failed') };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}

/** Creates the engine that drives the docker CLI. */
export function createDockerEngine(options: DockerEngineOptions = {}): ImageEngine {
  // ecr-lab's bin/ first on PATH, so docker finds docker-credential-ecr-lab (credHelpers "ecr-lab").
  const env: Record<string, string> = { PATH: pathWithHelper(), ...options.env };
  const configFile = (): string => dockerConfigFile(dockerConfigDir(env.DOCKER_CONFIG));

  /** Runs docker, streaming each output line to `onLine`; throws docker's last error line. */
  async function docker(args: string[], io: EngineIO, onLine?: (line: string) => void, input?: string): Promise<void> {
    const { execa } = await loadExeca();
    const child = execa('docker', args, { env, all: true, reject: false, cancelSignal: io.signal, input, stdin: input === undefined ? 'ignore' : 'pipe' });
    for await (const line of child.iterable({ from: 'all' })) {
      const text = finalLineState(String(line));
      io.print(text);
      onLine?.(text);
    }
    const result = await child;
    if (result.isCanceled) throw Object.assign(new Error('docker was cancelled'), { name: 'AbortError' });
    if (result.failed) {
      const text = String(result.stderr || result.all || result.message || '');
      const lines = outputLines(text).map((l) => l.trim()).filter(Boolean);
      const message = lines.filter((l) => !/^(WARNING|DEPRECATED)/.test(l)).pop() ?? lines.pop() ?? String(result.shortMessage);
      throw new StepFailure((result as { code?: string }).code === 'ENOENT' ? 'ENOENT' : codeOf(message), message);
    }
  }

  const progress = (io: EngineIO) => (line: string): void => {
    const m = LAYER_LINE.exec(line);
    if (m) io.layer(m[1]!, m[2]!);
  };

  const engine: ImageEngine = {
    name: 'docker',
    async build(contextDir, ref, io) {
      await docker(['build', '-t', ref, contextDir], io);
      const image = await engine.inspect(ref);
      if (!image) throw new StepFailure('DockerError', `docker build finished but ${ref} is not in docker's image store`);
      return image;
    },
    async tag(source, target, io) {
      await docker(['tag', source, target], io);
    },
    async push(ref, io) {
      let found: { digest: string; size: number } | undefined;
      await docker(['push', ref], io, (line) => {
        progress(io)(line);
        const m = DIGEST_LINE.exec(line);
        if (m) found = { digest: m[1]!, size: Number(m[2]) };
      });
      if (!found) throw new StepFailure('DockerError', 'docker push printed no digest line');
      return found;
    },
    async pull(ref, io) {
      let digest = '';
      await docker(['pull', ref], io, (line) => {
        progress(io)(line);
        digest = PULLED_DIGEST.exec(line)?.[1] ?? digest;
      });
      return { digest };
    },
    async login(registry, username, password, io) {
      await docker(['login', '--username', username, '--password-stdin', registry], io, undefined, password);
    },
    async credentialsFor(registry) {
      const file = configFile();
      const loaded = await loadDockerConfig(file);
      if (loaded.state !== 'read') return undefined;
      const { config } = loaded;
      if (config.credHelpers?.[registry]) return `${file} (credHelpers: docker-credential-${config.credHelpers[registry]})`;
      const key = authKeyFor(config, registry);
      return key ? `${file} (auths["${key}"])` : undefined;
    },
    authFile: configFile,
    async untag(ref, io) {
      // `docker rmi` of one of several tags only removes that tag, as `docker image rm` documents.
      const { execa } = await loadExeca();
      const r = await execa('docker', ['rmi', ref], { env, reject: false, all: true, cancelSignal: io?.signal });
      if (!io) return;
      const said = outputLines(String(r.all ?? '')).map((l) => l.trim()).filter(Boolean);
      // "No such image" only means there was no local copy to remove: nothing to say.
      for (const l of said) if (!/No such image/i.test(l)) io.print(l);
    },
    async inspect(ref): Promise<LocalImage | undefined> {
      const { execa } = await loadExeca();
      const r = await execa('docker', ['image', 'inspect', '--format', '{{json .}}', ref], { env, reject: false });
      if (r.exitCode !== 0) return undefined;
      const d = JSON.parse(r.stdout) as { Id: string; RepoTags?: string[]; RepoDigests?: string[]; Size?: number; RootFS?: { Layers?: string[] } };
      return { id: d.Id, repoTags: d.RepoTags ?? [], repoDigests: d.RepoDigests ?? [], size: d.Size ?? 0, layers: d.RootFS?.Layers ?? [] };
    },
  };
  return engine;
}
