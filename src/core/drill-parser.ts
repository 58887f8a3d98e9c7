// Parses a drill file (drills/<id>.md: YAML frontmatter + a short markdown story) into the
// drill model. Strict like the lesson parser: every problem names its file, line and fix.
import type { ContentError } from './lesson.js';
import type { Drill, DrillDiagnosis } from './drill.js';
import { DRILL_PLACEHOLDERS } from './drill.js';
import { FAULTS, findFault, type FaultCheck } from './faults.js';
import { splitFrontmatter } from './frontmatter.js';
import { frontmatterLines, yamlErrorLine, type YamlPath } from './frontmatter-lines.js';
import { parseFaultCheck, type Report } from './drill-check-parser.js';
import { STEP_IDS, stepDefinition } from './steps.js';

/** What the caller knows that a drill file must agree with. */
export interface DrillParseOptions {
  /** The course's lesson ids; without them only the form of `lesson` is checked. */
  readonly lessonIds?: readonly string[];
}

const REQUIRED = ['id', 'title', 'minutes', 'lesson', 'faults', 'setup', 'try', 'diagnosis', 'hints', 'fix'];
const KEYS = [...REQUIRED, 'commands', 'fixCommands', 'checks'];
const DIAGNOSIS_KEYS = ['question', 'choices', 'answer', 'explanation'];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const STORY_WORDS = [60, 150] as const;

type Data = Record<string, unknown>;

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

function keysOk(data: Data, allowed: readonly string[], at: YamlPath, report: Report, what: string): void {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) report([...at, key], `unknown ${what} key '${key}'`, `use only ${allowed.join(', ')}`);
  }
}

function scalars(data: Data, file: string, report: Report, options: DrillParseOptions): void {
  const { id, title, minutes, lesson } = data;
  const name = file.split(/[\\/]/).pop()!.replace(/\.md$/, '');
  if (typeof id !== 'string' || !ID.test(id)) report(['id'], 'id is not lowercase-with-hyphens', `write "id: ${name}"`);
  else if (id !== name) report(['id'], `id '${id}' differs from the file name '${name}'`, `rename the file to ${id}.md or write "id: ${name}"`);
  if (!isText(title)) report(['title'], 'title must be a text', 'write "title: ..."');
  if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 30) {
    report(['minutes'], 'minutes must be a whole number from 1 to 30', 'write "minutes: 5"');
  }
  const ids = options.lessonIds;
  if (typeof lesson !== 'string' || !ID.test(lesson)) report(['lesson'], 'lesson must be a lesson id', 'write "lesson: troubleshooting"');
  else if (ids && !ids.includes(lesson)) report(['lesson'], `unknown lesson id '${lesson}'`, `use one of: ${ids.join(', ')}`);
}

function stepList(data: Data, key: string, mayBeEmpty: boolean, report: Report): void {
  const value = data[key];
  if (!Array.isArray(value) || (!mayBeEmpty && value.length === 0)) {
    report([key], `${key} must be a list of ${mayBeEmpty ? '' : 'one or more '}step ids`, `write "${key}: [push-image]"`);
    return;
  }
  value.forEach((step, i) => {
    if (typeof step !== 'string' || !stepDefinition(step)) {
      report([key, i], `unknown step id '${String(step)}' in ${key}`, `use one of: ${STEP_IDS.join(', ')}`);
    }
  });
}

function faultList(data: Data, report: Report): void {
  const { faults, checks } = data;
  if (!Array.isArray(faults) || faults.length > 3) {
    report(['faults'], 'faults must be a list of at most 3 fault names', 'write "faults: [repository-missing]"');
    return;
  }
  if (faults.length === 0 && checks === undefined) {
    report(['faults'], 'a drill without faults must give its own checks', 'name a fault, or add "checks:"');
  }
  faults.forEach((name, i) => {
    if (typeof name !== 'string' || !findFault(name)) {
      report(['faults', i], `unknown fault '${String(name)}'`, `use one of: ${FAULTS.map((f) => f.name).join(', ')}`);
    } else if (faults.indexOf(name) !== i) report(['faults', i], `fault '${name}' is named twice`, 'name each fault once');
  });
}

function commandList(data: Data, key: string, report: Report): void {
  const value = data[key];
  if (value === undefined) return;
  if (!isTextList(value)) {
    report([key], `${key} must be a list of shell commands`, `write "${key}:" with "- ..." lines`);
    return;
  }
  value.forEach((command, i) => {
    for (const [, word] of command.matchAll(/<([A-Za-z_-]+)>/g)) {
      if (!(DRILL_PLACEHOLDERS as readonly string[]).includes(word!)) {
        report([key, i], `unknown placeholder <${word}> in ${key}`, `use only ${DRILL_PLACEHOLDERS.map((p) => `<${p}>`).join(', ')}`);
      }
    }
  });
}

function diagnosis(value: unknown, report: Report): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(['diagnosis'], 'diagnosis must be a mapping', 'write "diagnosis:" with question, choices, answer, explanation');
    return;
  }
  const d = value as Data;
  keysOk(d, DIAGNOSIS_KEYS, ['diagnosis'], report, 'diagnosis');
  if (!isText(d.question)) report(['diagnosis'], 'diagnosis without a question', 'add "question: ..."');
  const choices = isTextList(d.choices) && d.choices.length >= 3 && d.choices.length <= 5 ? d.choices : [];
  const count = choices.length;
  if (!count) report(['diagnosis', 'choices'], 'diagnosis choices must be a list of 3 to 5 texts', 'add "choices:" with "- ..." lines');
  else if (new Set(choices).size !== count) report(['diagnosis', 'choices'], 'two diagnosis choices are the same', 'make every choice different');
  if (!Number.isInteger(d.answer) || (d.answer as number) < 1 || (d.answer as number) > Math.max(count, 1)) {
    report(['diagnosis', 'answer'], 'diagnosis answer must be the number of the right choice, counting from 1', `set "answer:" to 1..${count || 'n'}`);
  }
  if (!isText(d.explanation)) report(['diagnosis'], 'diagnosis without an explanation', 'add "explanation: ..."');
}

function checkList(value: unknown, report: Report): FaultCheck[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    report(['checks'], 'checks must be a list of one or more checks', 'write "checks:" with "- kind: ..." items');
    return undefined;
  }
  return value.map((item, i) => parseFaultCheck(item, ['checks', i], report)).filter((c) => c !== undefined);
}

function storyOk(story: string, line: number, add: (line: number, message: string, fix: string) => void): void {
  const words = story.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < STORY_WORDS[0] || words > STORY_WORDS[1]) {
    add(line, `the story has ${words} words`, `tell it in ${STORY_WORDS[0]} to ${STORY_WORDS[1]} words`);
  }
}

function validate(data: Data, file: string, report: Report, options: DrillParseOptions): FaultCheck[] | undefined {
  keysOk(data, KEYS, [], report, 'frontmatter');
  for (const key of REQUIRED) if (data[key] === undefined) report([], `frontmatter key ${key} is missing`, `add "${key}:"`);
  scalars(data, file, report, options);
  faultList(data, report);
  stepList(data, 'setup', true, report);
  stepList(data, 'try', Array.isArray(data.faults) && data.faults.length === 0, report);
  stepList(data, 'fix', true, report);
  for (const key of ['commands', 'fixCommands']) commandList(data, key, report);
  if (data.diagnosis !== undefined) diagnosis(data.diagnosis, report);
  if (!isTextList(data.hints) || data.hints.length !== 3) {
    report(['hints'], 'hints must be a list of exactly 3 texts', 'write three "- ..." lines, from a nudge to nearly the answer');
  }
  return checkList(data.checks, report);
}

/** Parses one drill file's text. `file` names it in errors and gives the id it must have. */
export function parseDrill(text: string, file: string, options: DrillParseOptions = {}): { value?: Drill; errors: ContentError[] } {
  const split = splitFrontmatter(text, file);
  if ('message' in split) return { errors: [{ ...split, line: yamlErrorLine(text) ?? split.line }] };
  const errors: ContentError[] = [];
  const add = (line: number, message: string, fix: string) => errors.push({ file, line, message, fix });
  const lineOf = frontmatterLines(text);
  const data = split.data;
  const checks = validate(data, file, (path, message, fix) => add(lineOf(path), message, fix), options);
  const story = split.body.join('\n').trim();
  storyOk(story, split.bodyLine, add);
  if (errors.length > 0) return { errors };
  const d = data.diagnosis as Data;
  const found: DrillDiagnosis = {
    question: d.question as string, choices: d.choices as string[], answer: (d.answer as number) - 1, explanation: d.explanation as string,
  };
  const list = (key: string) => (data[key] as string[] | undefined) ?? [];
  return {
    value: {
      id: data.id as string, title: data.title as string, minutes: data.minutes as number, lesson: data.lesson as string,
      faults: list('faults'), setup: list('setup'), try: list('try'), commands: list('commands'), diagnosis: found,
      hints: data.hints as [string, string, string], fix: list('fix'), fixCommands: list('fixCommands'),
      ...(checks ? { checks } : {}), story, file,
    },
    errors: [],
  };
}
