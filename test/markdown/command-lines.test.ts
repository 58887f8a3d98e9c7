// Wrapped commands paste into bash as the same command: each is run through bash, shown on
// one line and wrapped, with aws, docker, cosign and skopeo replaced by functions that print their
// arguments, and the two argument lists must be equal.
import { execFileSync } from 'node:child_process';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { equivalentCommands, lifecyclePolicyText, shellQuote } from '../../src/core/commands.js';
import { STEP_IDS, type TargetContext } from '../../src/core/steps.js';
import { shellLines } from '../../src/export/blocks-html.js';
import type { StepBlock } from '../../src/core/lesson.js';
import { stepCardLines } from '../../src/markdown/blocks.js';
import { lineText } from '../../src/markdown/styled.js';
import { commandLines, shellBlockText } from '../../src/markdown/command-lines.js';

const local: TargetContext = { kind: 'local', region: 'us-east-1', account: '123456789012', registry: '127.0.0.1:5000', endpointUrl: 'http://127.0.0.1:5000' };
const live: TargetContext = { kind: 'live', region: 'ap-northeast-1', account: '111122223333', registry: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com', profile: 'dev' };

const STANDINS = ['aws', 'docker', 'cosign', 'skopeo'].map((name) => `${name}() { printf '<%s>' ${name} "$@"; echo; }`).join('; ');

/** What bash runs for `text` (one command, perhaps over several lines): each command's argv. */
function argvOf(text: string): string {
  return execFileSync('bash', ['--norc', '--noprofile', '-c', `${STANDINS}\n${text}\n`], { encoding: 'utf8' });
}

/** The text a learner copies from the card: the lines without the `$ ` prompt. */
function pasted(lines: readonly string[]): string {
  return lines.join('\n').replace(/^\$ /, '');
}

const every = (ctx: TargetContext): string[] => STEP_IDS.flatMap((id) => equivalentCommands(id, { untaggedDays: 2 }, ctx));

describe('commandLines', () => {
  it.each([56, 60, 76])('at %i columns never parts an option from its value (every pair fits a line)', (width) => {
    const command = every(local).find((c) => c.startsWith('aws ecr create-repository'))!;
    const lines = commandLines(command, width);
    expect(lines.filter((l) => /(^| )--?[\w-]+ \\$/.test(l)), lines.join('\n')).toEqual([]);
    expect(argvOf(pasted(lines))).toBe(argvOf(command));
  });

  it.each([40, 56, 60, 76])('at %i columns every step command pastes into bash as the same command', (width) => {
    for (const command of [...every(local), ...every(live)]) {
      const lines = commandLines(command, width);
      expect(lines.filter((l) => stringWidth(l) > width), command).toEqual([]);
      expect(argvOf(pasted(lines)), lines.join('\n')).toBe(argvOf(command));
    }
  });

  it('splits the lifecycle JSON only between its tokens, never inside a JSON string', () => {
    const [command] = equivalentCommands('put-lifecycle-policy', {}, local);
    const lines = commandLines(command!, 76);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/ \\$|[,{[:]'\\$/);
    // The piece after a cut reopens the quote at the first column, so bash joins the word again.
    const inside = lines.filter((l) => l.startsWith("'"));
    expect(inside.length).toBeGreaterThan(1);
    // Before every cut the JSON so far holds an even number of `"`: no JSON string is open.
    const text = lines.join('\n');
    const json = text.indexOf("'{");
    for (const cut of text.matchAll(/'\\\n/g)) {
      if (cut.index > json) expect(text.slice(json, cut.index).split('"').length % 2, text.slice(json, cut.index)).toBe(1);
    }
    expect(text.match(/"[^"\n]*"/g)).toContain('"days"');
  });

  it('keeps CJK and emoji inside the width and the command the same', () => {
    const command = ['aws', 'ecr', 'tag-resource', '--tags', 'Key=説明,Value=東京のレジストリにイメージを送る🚀前にログインします', '--region', 'ap-northeast-1']
      .map(shellQuote).join(' ');
    const lines = commandLines(command, 30);
    expect(lines.filter((l) => stringWidth(l) > 30)).toEqual([]);
    expect(argvOf(pasted(lines))).toBe(argvOf(command));
  });

  it('cuts a long unquoted word where bash joins it again', () => {
    const command = `docker pull ${'a'.repeat(30)}.dkr.ecr.us-east-1.amazonaws.com/team/service/api:v1`;
    const lines = commandLines(command, 40);
    expect(lines.length).toBeGreaterThan(2);
    expect(argvOf(pasted(lines))).toBe(argvOf(command));
  });

  it('leaves a command that fits on one line', () => {
    expect(commandLines('docker push 127.0.0.1:5000/ecr-lab/demo:v1', 60)).toEqual(['$ docker push 127.0.0.1:5000/ecr-lab/demo:v1']);
  });
});

/** Each `$ ` command of a text (a card's command lines or an export's block), without the prompt. */
function commandsIn(lines: readonly string[]): string[] {
  return lines.join('\n').split(/^\$ /m).filter((c) => c.trim() !== '');
}

describe('where commands are shown', () => {
  const card: StepBlock = { kind: 'step', stepId: 'put-lifecycle-policy', params: { repository: 'ecr-lab/demo', keep: '1', untaggedDays: '1' }, line: 1 };
  const expected = equivalentCommands(card.stepId, card.params, local);

  it.each([80, 60, 40])('a step card %i columns wide (a lesson, a slide, `read`) pastes as the same commands', (width) => {
    const framed = stepCardLines(card, local, width, false, []).map(lineText).filter((l) => /^│ /.test(l));
    expect(framed.filter((l) => stringWidth(l) !== width)).toEqual([]);
    // What a learner copies from inside the frame: the text between its sides.
    const inside = framed.map((l) => l.slice(2, -2).trimEnd());
    const lines = inside.slice(inside.findIndex((l) => l.startsWith('$ ')));
    const shown = commandsIn(lines);
    expect(shown).toHaveLength(expected.length);
    shown.forEach((c, i) => expect(argvOf(c)).toBe(argvOf(expected[i]!)));
  });

  it('an export pastes as the same commands', () => {
    const shown = commandsIn(shellLines(expected).split('\n'));
    expect(shown.map(argvOf)).toEqual(expected.map(argvOf));
  });
});

describe('the lifecycle commands', () => {
  it('preview the policy text before they apply it', () => {
    const commands = equivalentCommands('put-lifecycle-policy', { keep: 1, untaggedDays: 1 }, local);
    const verbs = commands.map((c) => c.split(' ').slice(2, c.startsWith('aws ecr wait') ? 4 : 3).join(' '));
    expect(verbs).toEqual(['start-lifecycle-policy-preview', 'wait lifecycle-policy-preview-complete', 'get-lifecycle-policy-preview', 'put-lifecycle-policy']);
    expect(commands[0]).toContain(`--lifecycle-policy-text ${shellQuote(lifecyclePolicyText(1, 1))}`);
  });

  it.each([
    [1, 1, 'Expire untagged images older than 1 day', 'Keep only the newest 1 image'],
    [3, 2, 'Expire untagged images older than 2 days', 'Keep only the newest 3 images'],
  ])('say days and images in the right number (keep %i, %i days)', (keep, days, untagged, kept) => {
    const rules = (JSON.parse(lifecyclePolicyText(keep, days)) as { rules: { description: string }[] }).rules;
    expect(rules.map((r) => r.description)).toEqual([untagged, kept]);
  });
});

describe('commandLines, laid out once per width', () => {
  const long = `aws ecr set-repository-policy --repository-name ecr-lab/demo --policy-text '{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["ecr:BatchGetImage"]}]}'`;

  it('gives the same lines again for the same command and width, and other lines for another width', () => {
    expect(commandLines(long, 50)).toBe(commandLines(long, 50));
    expect(commandLines(long, 60)).not.toEqual(commandLines(long, 50));
  });

  it('is not changed by a caller that edits what it was given (shell blocks do)', () => {
    const before = [...commandLines('aws ecr describe-repositories --repository-names ecr-lab/demo --region us-east-1', 30)];
    const block = 'aws ecr describe-repositories --repository-names ecr-lab/demo --region us-east-1 \\';
    const once = shellBlockText(block, 32);
    expect(shellBlockText(block, 32)).toBe(once);
    expect(commandLines('aws ecr describe-repositories --repository-names ecr-lab/demo --region us-east-1', 30)).toEqual(before);
  });
});

describe('shellBlockText', () => {
  it('lines a wrapped line\'s pieces up with the block\'s own continuation lines', () => {
    const block = 'aws ecr describe-images --repository-name ecr-lab/demo \\\n  --region <region>';
    expect(shellBlockText(block, 40).split('\n')).toEqual([
      'aws ecr describe-images \\',
      '  --repository-name ecr-lab/demo \\',
      '  --region <region>',
    ]);
  });

  it('keeps its own four columns where the block has no continuation, or one further in than that', () => {
    expect(shellBlockText('aws ecr describe-images --repository-name ecr-lab/demo --region us-east-1', 40).split('\n')[1]).toMatch(/^ {4}--/);
    const deep = 'aws ecr describe-images --repository-name ecr-lab/demo \\\n        --region <region>';
    expect(shellBlockText(deep, 40).split('\n')[1]).toMatch(/^ {4}--repository-name/);
  });
});

