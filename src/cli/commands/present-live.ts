// Opens live AWS for the presenter. A failure outside the lesson (no network, throttling, the
// venue's proxy) still opens the presenter, with live AWS marked unreachable, so the
// instructor can rerun each step on the local ECR; anything else (no credentials, no region)
// stays one line before any screen, as for the lesson TUI.
import { DEFAULT_REGION, ecrRegistryHost, type TargetContext } from '../../core/steps.js';
import { stateDir } from '../../state/paths.js';
import { StepFailure } from '../../workflow/errors.js';
import { unreachableRunner, venueOpenFailure } from '../../workflow/fallback-runner.js';
import type { Target } from '../../workflow/targets.js';
import type { StepRunner } from '../../workflow/types.js';
import { UserError } from '../errors.js';
import { applyProfileForEndpoints, type TargetFlags } from '../target.js';

/** Live AWS as opened: the target, or only why it is out of reach. */
export interface LiveOpening {
  readonly target?: Target;
  readonly runner: StepRunner;
  readonly context: TargetContext;
  /** The explanation id (`dns-failure`) when unreachable; the step cards show the whole error. */
  readonly problem?: string;
}

/** Opens live AWS; see the module comment for which failures still open the presenter. */
export async function openLiveOrUnreachable(flags: TargetFlags): Promise<LiveOpening> {
  const [{ createLiveTarget }, { resolveRegion }] = await Promise.all([import('../../workflow/targets.js'), import('../../workflow/aws/clients.js')]);
  applyProfileForEndpoints(flags.profile);
  try {
    const target = await createLiveTarget({ stateDir: stateDir(), profile: flags.profile, region: flags.region, engine: flags.engine ?? 'auto' });
    return { target, runner: target.runner, context: target.context };
  } catch (err) {
    if (!(err instanceof StepFailure)) throw err;
    const venue = venueOpenFailure(err);
    if (!venue) {
      const fix = err.explanation?.fix ? ` Fix: ${err.explanation.fix}` : '';
      throw new UserError(`live AWS: ${err.message}.${fix}`);
    }
    // The region resolved before the failure (a missing one is not a venue failure).
    const region = flags.region ?? (await resolveRegion(flags.profile)) ?? DEFAULT_REGION;
    // The account is unknown until STS answers: commands show a placeholder, never a guess.
    const context: TargetContext = { kind: 'live', region, account: '<account>', registry: ecrRegistryHost('<account>', region), profile: flags.profile };
    return { runner: unreachableRunner(err, context), context, problem: venue };
  }
}
