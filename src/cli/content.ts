// Loads the course from lessons/: every file parsed, every problem collected.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ContentError, Lesson } from '../core/lesson.js';
import { parseLesson } from '../core/lesson-parser.js';
import { packageRoot } from './package-root.js';

export interface Course {
  readonly lessons: readonly Lesson[];
  readonly errors: readonly ContentError[];
}

/** Reads `lessons/*.md` (in file-name order); a lesson with errors is left out of `lessons`. */
export async function loadCourse(dir = join(packageRoot(), 'lessons')): Promise<Course> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md') && /^\d/.test(n)).sort();
  const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
  const lessons: Lesson[] = [];
  const errors: ContentError[] = [];
  const seen = new Map<string, string>();
  names.forEach((name, i) => {
    const file = relative(process.cwd(), join(dir, name)) || name;
    const result = parseLesson(texts[i]!, file);
    errors.push(...result.errors);
    if (!result.value) return;
    const other = seen.get(result.value.id);
    if (other) {
      errors.push({ file, line: 1, message: `lesson id '${result.value.id}' is already used by ${other}`, fix: 'give each lesson its own id' });
      return;
    }
    seen.set(result.value.id, file);
    lessons.push(result.value);
  });
  return { lessons, errors };
}

/** Finds a lesson by id, by number (1-based) or by a unique id prefix. */
export function findLesson(lessons: readonly Lesson[], query: string): Lesson | undefined {
  if (/^\d+$/.test(query)) return lessons[Number(query) - 1];
  const exact = lessons.find((l) => l.id === query);
  if (exact) return exact;
  const prefixed = lessons.filter((l) => l.id.startsWith(query));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
