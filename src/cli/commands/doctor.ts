// `ecr-lab doctor`: what is installed and configured, which target each check matters for, and
// how to fix what is not. Exit 0 when the local ECR can run (and live AWS too, with --live).
import { applyProfileForEndpoints, type TargetFlags } from '../target.js';

const FOR = { both: 'local and live', live: 'live AWS only' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function doctor(opts: TargetFlags): Promise<number> {
  const { runDoctor, doctorVerdict } = await import('../../workflow/doctor.js');
  applyProfileForEndpoints(opts.profile);
  const { checks } = await runDoctor({ profile: opts.profile, region: opts.region });
  for (const c of checks) {
    process.stdout.write(`${c.ok ? '✓' : c.isRequired ? '✗' : '!'} ${c.name} (${FOR[c.target]}): ${c.detail}\n`);
    if (!c.ok && c.fix) process.stdout.write(`    fix: ${c.fix}\n`);
  }
  const { localBlockers, liveBlockers, warnings } = doctorVerdict(checks);
  process.stdout.write(localBlockers.length === 0
    ? 'local ECR: ready (ecr-lab, ecr-lab run and ecr-lab serve need nothing more)\n'
    : `local ECR: ${plural(localBlockers.length, 'problem')} to fix first (${localBlockers.map((c) => c.name).join(', ')})\n`);
  process.stdout.write(liveBlockers.length === 0
    ? 'live AWS: ready (ecr-lab --live)\n'
    : `live AWS: ${plural(liveBlockers.length, 'problem')} to fix before ecr-lab --live (${liveBlockers.map((c) => c.name).join(', ')})\n`);
  if (warnings.length > 0) process.stdout.write(`${plural(warnings.length, 'warning')} (marked !): worth fixing, nothing stops on them\n`);
  // Live problems fail doctor only when live AWS is what was asked about.
  const blockers = opts.live ? liveBlockers : localBlockers;
  return blockers.length === 0 ? 0 : 1;
}
