// Splits a content file into YAML frontmatter and body, tolerating a BOM and CRLF endings.
import { parseDocument } from 'yaml';
import type { ContentError } from './lesson.js';

export interface Frontmatter {
  readonly data: Record<string, unknown>;
  /** Body lines (LF-normalised) and the 1-based file line of the first one. */
  readonly body: readonly string[];
  readonly bodyLine: number;
}

/** Normalises line endings and drops a leading byte-order mark. */
export function normaliseText(source: string): string {
  return source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Reads `---\n<yaml>\n---` at the top of a file; errors name the file and line. */
export function splitFrontmatter(source: string, file: string): Frontmatter | ContentError {
  const lines = normaliseText(source).split('\n');
  if (lines[0]?.trim() !== '---') {
    return { file, line: 1, message: 'missing frontmatter', fix: 'start the file with a line "---", the YAML keys, then "---"' };
  }
  const end = lines.indexOf('---', 1);
  if (end < 0) {
    return { file, line: 1, message: 'frontmatter is not closed', fix: 'add a line "---" after the YAML keys' };
  }
  const doc = parseDocument(lines.slice(1, end).join('\n'), { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = 2 + (err.linePos?.[0]?.line ?? 1) - 1;
    return { file, line, message: `frontmatter is not valid YAML (${err.message.split('\n')[0]})`, fix: 'correct the YAML syntax' };
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { file, line: 2, message: 'frontmatter must be a mapping of keys to values', fix: 'write "key: value" lines' };
  }
  return { data: data as Record<string, unknown>, body: lines.slice(end + 1), bodyLine: end + 2 };
}
