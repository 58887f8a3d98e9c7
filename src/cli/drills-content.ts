// Loads the troubleshooting drills from drills/: every file parsed in file-name order, every
// problem collected, a drill with errors left out. Drills are few and small: no cache.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Drill } from '../core/drill.js';
import type { ContentError } from '../core/lesson.js';
import { parseEach } from './content.js';
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
  const { values, errors } = parseEach('drill', dir, names, texts, (text, file) => parseDrill(text, file, lessonIds ? { lessonIds } : {}));
  return { drills: values, errors };
}
