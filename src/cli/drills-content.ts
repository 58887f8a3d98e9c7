// Loads the troubleshooting drills from drills/: every file parsed in file-name order, every
// problem collected, a drill with errors left out. Drills are few and small: no cache.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Drill } from '../core/drill.js';
import type { ContentError } from '../core/lesson.js';
import { packageRoot } from './package-root.js';

/** The drills that parsed, and every problem found. */
export interface DrillSet {
  readonly drills: Drill[];
  readonly errors: ContentError[];
}

/** Where the installed package keeps its drills. */
export const drillsDir = (): string => join(packageRoot(), 'drills');

/**
 * Reads `drills/*.md`. `lessonIds` are the course's, which each drill's `lesson` must name;
 * without them only the form of that id is checked.
 */
export async function loadDrills(dir = drillsDir(), lessonIds?: readonly string[]): Promise<DrillSet> {
  const { parseDrill } = await import('../core/drill-parser.js');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  const drills: Drill[] = [];
  const errors: ContentError[] = [];
  const seen = new Map<string, string>();
  names.forEach((name, i) => {
    const file = relative(process.cwd(), join(dir, name)) || name;
    const result = parseDrill(texts[i]!, file, lessonIds ? { lessonIds } : {});
    errors.push(...result.errors);
    if (!result.value) return;
    const other = seen.get(result.value.id);
    if (other) {
      errors.push({ file, line: 1, message: `drill id '${result.value.id}' is already used by ${other}`, fix: 'give each drill its own id' });
      return;
    }
    seen.set(result.value.id, file);
    drills.push(result.value);
  });
  return { drills, errors };
}
