// Loads the course from lessons/: every file parsed, every problem collected. The build
// leaves the parsed course in dist/course.json with each file's name and a hash of its
// content; when they still match, start-up reads that instead of loading the YAML parser and
// parsing 11 files. Content, not paths and mtimes: an installed package (npm pack, npm
// install) has another path and npm's fixed mtimes, and must still find its cache.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ContentError, Lesson } from '../core/lesson.js';
import { packageRoot } from './package-root.js';

export interface Course {
  readonly lessons: readonly Lesson[];
  readonly errors: readonly ContentError[];
  /** The lesson files read, with their hashes (what the caches are keyed on). */
  readonly files: readonly FileStamp[];
}

/** A content file's name and the SHA-256 of its bytes: what the build's caches are keyed on. */
export interface FileStamp {
  readonly name: string;
  readonly sha256: string;
}

interface CachedCourse {
  readonly files: readonly FileStamp[];
  readonly lessons: readonly Lesson[];
}

const isLessonFile = (name: string): boolean => /^\d/.test(name);

export const lessonsDir = (): string => join(packageRoot(), 'lessons');
export const courseCacheFile = (): string => join(packageRoot(), 'dist', 'course.json');

/** The stamps of the `.md` files in `dir` that `accept` keeps, in file-name order. */
export async function fileStamps(dir: string, accept: (name: string) => boolean): Promise<FileStamp[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.md') && accept(n)).sort();
  return Promise.all(names.map(async (name) => {
    const bytes = await readFile(join(dir, name));
    return { name, sha256: createHash('sha256').update(bytes).digest('hex') };
  }));
}

async function fromCache(files: readonly FileStamp[]): Promise<Course | undefined> {
  try {
    const cached = JSON.parse(await readFile(courseCacheFile(), 'utf8')) as CachedCourse;
    const same = JSON.stringify(cached.files) === JSON.stringify(files);
    return same ? { lessons: cached.lessons, errors: [], files } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses content files in order with `parse`; a file with errors is left out, and an id used
 * twice is an error on the second file. Shared by lessons and drills.
 */
export function parseEach<T extends { readonly id: string }>(
  kind: string, dir: string, names: readonly string[], texts: readonly string[],
  parse: (text: string, file: string) => { value?: T; errors: readonly ContentError[] },
): { values: T[]; errors: ContentError[] } {
  const values: T[] = [];
  const errors: ContentError[] = [];
  const seen = new Map<string, string>();
  names.forEach((name, i) => {
    const file = relative(process.cwd(), join(dir, name)) || name;
    const result = parse(texts[i]!, file);
    errors.push(...result.errors);
    if (!result.value) return;
    const other = seen.get(result.value.id);
    if (other) {
      errors.push({ file, line: 1, message: `${kind} id '${result.value.id}' is already used by ${other}`, fix: `give each ${kind} its own id` });
      return;
    }
    seen.set(result.value.id, file);
    values.push(result.value);
  });
  return { values, errors };
}

/** Parses every lesson file; a lesson with errors is left out of `lessons`. */
export async function parseCourse(dir: string, files: readonly FileStamp[]): Promise<Course> {
  const { parseLesson } = await import('../core/lesson-parser.js');
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f.name), 'utf8')));
  const { values, errors } = parseEach('lesson', dir, files.map((f) => f.name), texts, parseLesson);
  return { lessons: values, errors, files };
}

/** Reads `lessons/*.md` in file-name order; `fresh` skips the build's cache. */
export async function loadCourse(dir = lessonsDir(), fresh = false): Promise<Course> {
  const files = await fileStamps(dir, isLessonFile);
  return (!fresh && await fromCache(files)) || parseCourse(dir, files);
}

/** Parses the course and, when it has no errors, writes the cache start-up reads. */
export async function writeCourseCache(dir = lessonsDir()): Promise<Course> {
  const files = await fileStamps(dir, isLessonFile);
  const course = await parseCourse(dir, files);
  if (course.errors.length === 0) {
    const { saveJson } = await import('../state/json-file.js');
    await saveJson(courseCacheFile(), { files, lessons: course.lessons } satisfies CachedCourse, 0o644);
  }
  return course;
}

/** Finds a lesson by id, by number (1-based) or by a unique id prefix. */
export function findLesson(lessons: readonly Lesson[], query: string): Lesson | undefined {
  if (/^\d+$/.test(query)) return lessons[Number(query) - 1];
  const exact = lessons.find((l) => l.id === query);
  if (exact) return exact;
  const prefixed = lessons.filter((l) => l.id.startsWith(query));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
