// Finds the file line of a key or list item in a file's YAML frontmatter, so that an error
// about `diagnosis.choices[2]` can point at the line that holds it.
import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import { normaliseText } from './frontmatter.js';

/** A path into the frontmatter: keys of mappings and indexes of lists. */
export type YamlPath = readonly (string | number)[];

/** Gives the 1-based file line of a path; unknown paths fall back to their nearest parent, then 1. */
export type LineOf = (path: YamlPath) => number;

function child(node: unknown, step: string | number): { node: unknown; start?: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === step);
    if (!pair) return undefined;
    // The key's line, not the value's: a block list starts on the line after its key.
    return { node: pair.value, start: (pair.key as Node | null)?.range?.[0] };
  }
  if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step] as Node | undefined;
    return item ? { node: item, start: item.range?.[0] } : undefined;
  }
  return undefined;
}

function frontmatterYaml(source: string): string {
  const lines = normaliseText(source).split('\n');
  const end = lines.indexOf('---', 1);
  return lines.slice(1, end < 0 ? lines.length : end).join('\n');
}

/**
 * The file line of the first YAML syntax error in the frontmatter, if any. (splitFrontmatter
 * parses without prettyErrors, so its errors carry no position and always name line 2.)
 */
export function yamlErrorLine(source: string): number | undefined {
  const error = parseDocument(frontmatterYaml(source), { uniqueKeys: true }).errors[0];
  return error?.linePos ? 1 + error.linePos[0].line : undefined;
}

/**
 * Builds the line finder for a file whose frontmatter was accepted by `splitFrontmatter`
 * (the YAML starts on file line 2).
 */
export function frontmatterLines(source: string): LineOf {
  const counter = new LineCounter();
  const doc = parseDocument(frontmatterYaml(source), { lineCounter: counter, uniqueKeys: true });
  return (path) => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const step of path) {
      const next = child(node, step);
      if (!next) break;
      if (next.start !== undefined) line = 1 + counter.linePos(next.start).line;
      node = next.node;
    }
    return line;
  };
}
