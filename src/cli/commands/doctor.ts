// `ecr-lab doctor`: what is installed and configured, and how to fix what is not.
import type { TargetFlags } from '../target.js';

export async function doctor(opts: TargetFlags): Promise<number> {
  const { runDoctor } = await import('../../workflow/doctor.js');
  const { checks } = await runDoctor({ profile: opts.profile, region: opts.region });
  for (const c of checks) {
    process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}\n`);
    if (!c.ok && c.fix) process.stdout.write(`    fix: ${c.fix}\n`);
  }
  const problems = checks.filter((c) => !c.ok).length;
  process.stdout.write(problems === 0 ? 'all good\n' : `${problems} problem${problems > 1 ? 's' : ''} to fix\n`);
  return problems === 0 ? 0 : 1;
}
