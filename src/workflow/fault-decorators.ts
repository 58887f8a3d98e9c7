// The client-side faults that change how ecr-lab's own client behaves rather than a file:
// decorators around the ports, built once by the local target. While such a fault is on,
// calls go to a client set up the way the fault describes (another region, a docker with no
// daemon or an empty config, an image URI with another account); otherwise straight through.
import { existsSync } from 'node:fs';
import { loadExeca } from './load-execa.js';
import type { FaultState } from '../local-ecr/faults/state.js';
import { StepFailure } from './errors.js';
import type { EcrApi, Identity, ImageEngine } from './ports.js';

/** An account id that is not the learner's, for `wrong-account-in-uri`. */
export const OTHER_ACCOUNT = '210987654321';
export const OTHER_REGION = 'eu-west-1';

/** The ECR port, with `wrong-region` and `get-login-removed` applied. */
export function faultyEcr(base: EcrApi, otherRegion: () => EcrApi, faults: FaultState, endpoint: string): EcrApi {
  let foreign: EcrApi | undefined;
  return new Proxy(base, {
    get(target, key: keyof EcrApi) {
      if (faults.isOn('get-login-removed') && key === 'getAuthorizationToken') return () => getLogin(endpoint);
      if (faults.isOn('wrong-region')) {
        foreign ??= otherRegion();
        return foreign[key];
      }
      return target[key];
    },
  });
}

/** STS with `wrong-region` applied. */
export function faultyIdentity(base: Identity, otherRegion: () => Identity, faults: FaultState): Identity {
  let foreign: Identity | undefined;
  return { whoami: (signal) => (faults.isOn('wrong-region') ? (foreign ??= otherRegion()) : base).whoami(signal) };
}

/** What an old guide's `aws ecr get-login` does on today's AWS CLI v2: run it for real. */
async function getLogin(endpoint: string): Promise<never> {
  // Debian's v2 lives in /usr/bin; an `aws` earlier on PATH may be a v1 that still has get-login.
  const aws = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
  const { execa } = await loadExeca();
  const r = await execa(aws, ['--endpoint-url', endpoint, 'ecr', 'get-login', '--no-include-email'], { reject: false, env: { AWS_PAGER: '' } });
  if (r.exitCode === 0) {
    // CLI v1 prints a `docker login -p <password>` line: never show it.
    throw new StepFailure('CliV1', `${aws} is AWS CLI v1, which still has get-login (its output holds the password and is not shown); CLI v2 removed it`);
  }
  const lines = (r.stderr || r.stdout || String(r.message)).trim().split('\n').filter(Boolean);
  // The CLI's own error line, then the list of valid choices, which get-login is not in.
  const error = lines.find((l) => l.startsWith('aws: error:')) ?? lines[lines.length - 1] ?? '';
  const detail = /Invalid choice/.test(error) ? `${error} ... (get-login is not among them)` : error;
  throw new StepFailure(r.exitCode === 252 ? 'CliUsage' : 'ENOENT', `aws ecr get-login (exit ${r.exitCode ?? 'none'}): ${detail}`);
}

export interface EngineVariants {
  /** docker with no daemon at its socket (`docker-daemon-down`). */
  readonly noDaemon?: ImageEngine;
  /** docker with another Linux user's empty config (`sudo-docker`). */
  readonly otherUser?: ImageEngine;
}

/** The image engine with `docker-daemon-down`, `sudo-docker` and `wrong-account-in-uri` applied. */
export function faultyEngine(base: ImageEngine, variants: EngineVariants, faults: FaultState, region: string): ImageEngine {
  const current = (): ImageEngine =>
    (faults.isOn('docker-daemon-down') && variants.noDaemon) || (faults.isOn('sudo-docker') && variants.otherUser) || base;
  return new Proxy(base, {
    get(_target, key: keyof ImageEngine) {
      const engine = current();
      if (key === 'push' && faults.isOn('wrong-account-in-uri')) {
        return async (ref: string, io: Parameters<ImageEngine['push']>[1]) => {
          // The image is tagged with another account's registry host, as a typo in the URI does.
          const wrong = ref.replace(/^[^/]+/, `${OTHER_ACCOUNT}.dkr.ecr.${region}.amazonaws.com`);
          await engine.tag(ref, wrong, io);
          try {
            return await engine.push(wrong, io);
          } finally {
            await engine.untag(wrong);
          }
        };
      }
      const value = engine[key];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(engine) : value;
    },
  });
}
