// `ecr-lab fault list | on NAME | off NAME | reset` and `ecr-lab clock +13h | -1h | reset |
// show`: change the world of a running local ECR through its admin endpoint.
import { FAULTS, fillFaultText, findFault, type FaultScope } from '../../core/faults.js';
import { parseDuration } from '../../local-ecr/clock.js';
import { adminCall, findLocalEcr } from '../admin-client.js';
import { UsageError } from '../errors.js';
import { FILE_FAULTS } from '../../workflow/client-faults.js';

type Opts = { port?: number; repo?: string; tag?: string };

interface FaultRow { name: string; title: string; side: string; on: boolean; since?: number; repository?: string; tag?: string }
interface FaultReply { world: { account: string; region: string; host: string; endpoint: string }; faults: FaultRow[] }

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function table(reply: FaultReply): void {
  const width = Math.max(...reply.faults.map((f) => f.name.length));
  out(`${'fault'.padEnd(width)}  side    state  what it breaks`);
  for (const f of reply.faults) {
    const where = f.on && f.repository ? ` (${f.repository}:${f.tag})` : '';
    out(`${f.name.padEnd(width)}  ${f.side.padEnd(6)}  ${(f.on ? 'ON' : 'off').padEnd(5)}  ${f.title}${where}`);
  }
}

function known(name: string | undefined): string {
  if (!name) throw new UsageError('name a fault (ecr-lab fault list shows them)');
  if (!findFault(name)) throw new UsageError(`no fault '${name}'; faults are: ${FAULTS.map((f) => f.name).join(', ')}`);
  return name;
}

/** What a learner should expect once the fault is on, with this registry's values. */
function describeOn(name: string, reply: FaultReply, scope: { repository: string; tag: string }): void {
  const f = findFault(name)!;
  const fill: FaultScope = { ...reply.world, repository: scope.repository, tag: scope.tag };
  out(`fault on: ${f.name} (${f.side} side): ${fillFaultText(f.changes, fill)}`);
  for (const [tool, text] of Object.entries(f.symptoms)) out(`  ${tool.padEnd(6)} prints: ${fillFaultText(text, fill)}`);
  if (f.side === 'client' && FILE_FAULTS.includes(f.name)) {
    out("  client side: it changes the logins or tags of the image engine this local ECR runs with; under serve, or with --engine docker, that is this machine's docker, so docker in your own shell meets it too.");
  } else if (f.side === 'client') {
    out("  client side: it changes how ecr-lab's own steps call AWS and docker; your own shell is unchanged.");
  }
  out(`  ecr-lab fault off ${f.name} puts the world back.`);
}

const ACTIONS = ['list', 'on', 'off', 'reset'];

export async function fault(action: string | undefined, name: string | undefined, opts: Opts): Promise<number> {
  // What was asked is checked before looking for a running local ECR.
  if (!ACTIONS.includes(action ?? 'list')) throw new UsageError(`unknown fault action '${action}'; use list, on NAME, off NAME or reset`);
  if (action === 'on' || action === 'off') known(name);
  else if (name !== undefined) throw new UsageError(`fault ${action ?? 'list'} takes no name; drop '${name}' (fault on NAME and fault off NAME take one)`);
  const target = await findLocalEcr(opts.port);
  switch (action ?? 'list') {
    case 'list':
      table(await adminCall<FaultReply>(target, 'GET', 'faults'));
      return 0;
    case 'on': {
      const scope = { repository: opts.repo ?? 'ecr-lab/demo', tag: opts.tag ?? 'v1' };
      const reply = await adminCall<FaultReply>(target, 'POST', 'faults/on', { name: known(name), ...scope });
      describeOn(name!, reply, scope);
      return 0;
    }
    case 'off': {
      const reply = await adminCall<{ wasOn: boolean }>(target, 'POST', 'faults/off', { name: known(name) });
      out(reply.wasOn ? `fault off: ${name}; what it changed is back as it was` : `${name} was not on; nothing changed`);
      return 0;
    }
    case 'reset': {
      const reply = await adminCall<{ reset: string[] }>(target, 'POST', 'faults/reset');
      out(reply.reset.length ? `faults off: ${reply.reset.join(', ')}` : 'no fault was on');
      return 0;
    }
    default:
      throw new UsageError(`unknown fault action '${action}'; use list, on NAME, off NAME or reset`);
  }
}

function formatOffset(ms: number): string {
  if (ms === 0) return 'real time';
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.round((abs % 3_600_000) / 60_000);
  return `${sign}${h}h${m ? `${String(m).padStart(2, '0')}m` : ''} from real time`;
}

export async function clock(change: string | undefined, opts: Opts): Promise<number> {
  if (change !== undefined && !['show', 'reset'].includes(change) && parseDuration(change) === undefined) {
    throw new UsageError(`'${change}' is not a time change; use +13h, -30m, 90s, 2d (at most ten years), reset or show`);
  }
  const target = await findLocalEcr(opts.port);
  let reply: { now: number; offsetMs: number };
  if (change === undefined || change === 'show') reply = await adminCall(target, 'GET', 'clock');
  else if (change === 'reset') reply = await adminCall(target, 'POST', 'clock', { reset: true });
  else {
    const ms = parseDuration(change);
    if (ms === undefined) throw new UsageError(`'${change}' is not a time change; use +13h, -30m, 90s, 2d, reset or show`);
    reply = await adminCall(target, 'POST', 'clock', { advanceMs: ms });
  }
  out(`local ECR clock: ${new Date(reply.now).toISOString()} (${formatOffset(reply.offsetMs)})`);
  return 0;
}
