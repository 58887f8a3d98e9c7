// `ecr-lab explain 'ERROR TEXT'`: the cause, the fix, the lesson and the drills for an error.
import { explainPasted } from '../../core/explain.js';
import { UserError } from '../errors.js';
import { loadCourse } from '../content.js';

async function drillFaults(): Promise<Map<string, readonly string[]>> {
  const { loadDrills } = await import('../drills-content.js');
  const course = await loadCourse();
  const { drills } = await loadDrills(undefined, course.lessons.map((l) => l.id));
  return new Map(drills.map((d) => [d.id, d.faults]));
}

export async function explain(text: string): Promise<number> {
  if (text.trim() === '') throw new UserError("give the error text to explain, in quotes: ecr-lab explain 'denied: ...'");
  const found = explainPasted(text, await drillFaults());
  if (!found) {
    throw new UserError('ecr-lab does not recognise this error; paste the whole line as docker or aws printed it (lesson 9, troubleshooting, lists the common ones)');
  }
  const { explanation, faults, drills } = found;
  const lines = [
    `what it means: ${explanation.cause}`,
    `fix: ${explanation.fix}`,
    `lesson: ecr-lab read ${explanation.lesson}`,
  ];
  if (faults.length) lines.push(`fault that reproduces it: ${faults.map((f) => f.name).join(', ')} (ecr-lab fault on NAME)`);
  if (drills.length) lines.push(`practise it: ${drills.map((d) => `ecr-lab drill ${d}`).join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
