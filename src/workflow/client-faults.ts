// The client-side faults, carried out on ecr-lab's own client: the logins in the engine's
// auths file, the local image tags, and (through decorators) the engine's docker settings, the
// image URI's account and the SDK's region. Each change is saved so that `off` puts it back.
import type { ActiveFault } from '../local-ecr/faults/state.js';
import type { ClientFaults } from '../local-ecr/faults/engine.js';
import { readAuth, replaceAuth, restoreAuth, restoreHelper } from './auth-entries.js';
import type { ImageEngine } from './ports.js';

export interface ClientFaultDeps {
  readonly engine: ImageEngine;
  /** Whether the decorators of ./fault-decorators.ts stand around this client (ecr-lab's own steps). */
  readonly isOwnClient: boolean;
  /** The registry host docker talks to. */
  readonly registry: string;
  /** A registry password GetAuthorizationToken would give in another region. */
  readonly foreignPassword: () => string;
}

/** Faults carried out on the auths file and the local tags, for any client on this machine (`fault on` says so). */
export const FILE_FAULTS: readonly string[] = ['not-logged-in', 'token-for-other-registry', 'image-not-tagged-locally'];
const DOCKER_ONLY = ['docker-daemon-down', 'sudo-docker'];
const HOW_BY_HAND: Readonly<Record<string, string>> = {
  'wrong-region': 'aws --region eu-west-1 ...',
  'wrong-account-in-uri': 'docker tag ... 210987654321.dkr.ecr.<region>.amazonaws.com/<repo>:<tag> and push it',
  'docker-daemon-down': 'DOCKER_HOST=unix:///nowhere.sock docker push ...',
  'sudo-docker': 'sudo docker push ...',
  'get-login-removed': 'aws ecr get-login',
};

const QUIET = { print: () => undefined, layer: () => undefined };

const refOf = (deps: ClientFaultDeps, f: ActiveFault): string => `${deps.registry}/${f.repository}:${f.tag}`;

/** The adapter the local target gives its fault engine. */
export function createClientFaults(deps: ClientFaultDeps): ClientFaults {
  const file = () => deps.engine.authFile();
  return {
    refuses(name) {
      if (FILE_FAULTS.includes(name)) return undefined;
      if (!deps.isOwnClient) {
        return `${name} changes how ecr-lab's own steps call AWS and docker; it cannot reach into your shell. Switch it on in the TUI (f) or a drill, or reproduce it yourself (${HOW_BY_HAND[name] ?? 'see ecr-lab explain'})`;
      }
      if (DOCKER_ONLY.includes(name) && deps.engine.name !== 'docker') return `${name} needs the docker engine; the built-in engine has no daemon or Linux user to break`;
      return undefined;
    },
    async on(fault) {
      switch (fault.name) {
        case 'not-logged-in':
          return { auth: await replaceAuth(file(), deps.registry, undefined) };
        case 'token-for-other-registry': {
          const planted = Buffer.from(`AWS:${deps.foreignPassword()}`).toString('base64');
          return { auth: await replaceAuth(file(), deps.registry, planted), planted };
        }
        case 'image-not-tagged-locally': {
          // A second reference keeps the image while its registry tag is gone, so that removing
          // the tag never deletes the learner's image, and `off` can put the tag back.
          const keeper = `ecr-lab-fault-kept/${fault.repository}:${fault.tag}`;
          if (await deps.engine.inspect(refOf(deps, fault))) await deps.engine.tag(refOf(deps, fault), keeper, QUIET);
          await deps.engine.untag(refOf(deps, fault));
          return { source: keeper };
        }
        default:
          return undefined;
      }
    },
    async off(fault) {
      const undo = (fault.undo ?? {}) as { auth?: Record<string, unknown>; planted?: string; source?: string };
      // A login made while the fault was on is the learner's fix: it stays.
      const current = await readAuth(file(), deps.registry);
      if (fault.name === 'not-logged-in' && current === undefined) await restoreAuth(file(), deps.registry, undo.auth ?? {});
      if (fault.name === 'token-for-other-registry' && current === undo.planted) await restoreAuth(file(), deps.registry, undo.auth ?? {});
      // A credential helper set aside for the fault comes back even when the learner's own login stays.
      if (undo.auth) await restoreHelper(file(), deps.registry, undo.auth);
      if (fault.name === 'image-not-tagged-locally' && undo.source && await deps.engine.inspect(undo.source)) {
        if (!(await deps.engine.inspect(refOf(deps, fault)))) await deps.engine.tag(undo.source, refOf(deps, fault), QUIET);
        await deps.engine.untag(undo.source);
      }
    },
  };
}
