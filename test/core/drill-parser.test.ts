import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillChecks } from '../../src/core/drill.js';
import { parseDrill } from '../../src/core/drill-parser.js';
import { formatContentError } from '../../src/core/lesson.js';

const LESSONS = { lessonIds: ['troubleshooting', 'auth-flow'] };
const FILE = 'drills/demo.md';
const STORY = Array.from({ length: 70 }, (_, i) => `word${i}`).join(' ');

/** The frontmatter lines of a valid drill; each test changes one or two of them. */
const GOOD_LINES = [
  'id: demo',                                        // line 2
  'title: Demo drill',                               // 3
  'minutes: 5',                                      // 4
  'lesson: troubleshooting',                         // 5
  'faults: [not-logged-in]',                         // 6
  'setup: [create-repository, build-image]',         // 7
  'try: [push-image]',                               // 8
  'commands:',                                       // 9
  '  - docker push <host>/<repo>:<tag>',             // 10
  'diagnosis:',                                      // 11
  '  question: Why?',                                // 12
  '  choices:',                                      // 13
  '    - one',                                       // 14
  '    - two',                                       // 15
  '    - three',                                     // 16
  '  answer: 2',                                     // 17
  '  explanation: Because.',                         // 18
  'hints: [a, b, c]',                                // 19
  'fix: [login]',                                    // 20
  'fixCommands: [aws --endpoint-url <endpoint> ecr get-login-password]', // 21
];

const drill = (lines: readonly string[], story = STORY) => ['---', ...lines, '---', '', story].join('\n');
const GOOD = drill(GOOD_LINES);
const swap = (from: string, ...to: string[]) => GOOD_LINES.flatMap((l) => (l === from ? to : [l]));

describe('parseDrill', () => {
  it('parses every key, with defaults for the optional ones', () => {
    const r = parseDrill(GOOD, FILE, LESSONS);
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({
      id: 'demo', title: 'Demo drill', minutes: 5, lesson: 'troubleshooting', faults: ['not-logged-in'],
      setup: ['create-repository', 'build-image'], try: ['push-image'], commands: ['docker push <host>/<repo>:<tag>'],
      diagnosis: { question: 'Why?', choices: ['one', 'two', 'three'], answer: 1, explanation: 'Because.' },
      hints: ['a', 'b', 'c'], fix: ['login'], fixCommands: ['aws --endpoint-url <endpoint> ecr get-login-password'],
      story: STORY, file: FILE,
    });
    expect(r.value).not.toHaveProperty('checks');
    const bare = parseDrill(drill(GOOD_LINES.filter((l) => !/^(commands|fixCommands|  - docker)/.test(l))), FILE, LESSONS);
    expect(bare.value).toMatchObject({ commands: [], fixCommands: [] });
  });

  it('reads CRLF and a BOM the same as LF', () => {
    expect(parseDrill(`\uFEFF${GOOD.replace(/\n/g, '\r\n')}`, FILE, LESSONS)).toEqual(parseDrill(GOOD, FILE, LESSONS));
  });

  it('accepts a drill without faults when it gives its own checks', () => {
    const lines = [...swap('faults: [not-logged-in]', 'faults: []'), 'checks:', '  - kind: allowed', '    actions: [ecr:PutImage]', '    user: ci'];
    const r = parseDrill(drill(lines), FILE, LESSONS);
    expect(r.errors).toEqual([]);
    expect(r.value!.checks).toEqual([{ kind: 'allowed', actions: ['ecr:PutImage'], user: 'ci' }]);
    expect(drillChecks(r.value!)).toEqual([{ kind: 'allowed', actions: ['ecr:PutImage'], user: 'ci' }]);
  });

  it('checks the lesson only against the ids it is given', () => {
    const other = drill(swap('lesson: troubleshooting', 'lesson: pull'));
    expect(parseDrill(other, FILE).errors).toEqual([]);
    expect(parseDrill(other, FILE, LESSONS).errors.map((e) => e.message)).toEqual(["unknown lesson id 'pull'"]);
  });

  const cases: [string, string, number, RegExp][] = [
    ['no frontmatter', STORY, 1, /missing frontmatter/],
    ['broken yaml', drill(swap('minutes: 5', 'minutes: [5')), 5, /not valid YAML/],
    ['duplicate key', drill([...GOOD_LINES, 'title: Again']), 22, /not valid YAML/],
    ['unknown key', drill([...GOOD_LINES, 'author: me']), 22, /unknown frontmatter key 'author'/],
    ['missing key', drill(swap('title: Demo drill')), 1, /key title is missing/],
    ['id not lowercase', drill(swap('id: demo', 'id: Demo')), 2, /lowercase-with-hyphens/],
    ['id differs from file', drill(swap('id: demo', 'id: other')), 2, /id 'other' differs from the file name 'demo'/],
    ['empty title', drill(swap('title: Demo drill', 'title: ""')), 3, /title must be a text/],
    ['minutes too many', drill(swap('minutes: 5', 'minutes: 31')), 4, /minutes must be a whole number from 1 to 30/],
    ['minutes not whole', drill(swap('minutes: 5', 'minutes: 2.5')), 4, /minutes/],
    ['lesson not an id', drill(swap('lesson: troubleshooting', 'lesson: Pull Requests')), 5, /lesson must be a lesson id/],
    ['unknown lesson', drill(swap('lesson: troubleshooting', 'lesson: nope')), 5, /unknown lesson id 'nope'/],
    ['unknown fault', drill(swap('faults: [not-logged-in]', 'faults: [not-logged-in, repo-gone]')), 6, /unknown fault 'repo-gone'/],
    ['fault twice', drill(swap('faults: [not-logged-in]', 'faults: [not-logged-in, not-logged-in]')), 6, /named twice/],
    ['four faults', drill(swap('faults: [not-logged-in]', 'faults: [not-logged-in, throttled, tag-immutable, token-expired]')), 6, /at most 3/],
    ['no faults, no checks', drill(swap('faults: [not-logged-in]', 'faults: []')), 6, /must give its own checks/],
    ['unknown setup step', drill(swap('setup: [create-repository, build-image]', 'setup:', '  - create-repository', '  - bild-image')), 9, /unknown step id 'bild-image' in setup/],
    ['setup not a list', drill(swap('setup: [create-repository, build-image]', 'setup: create-repository')), 7, /setup must be a list/],
    ['empty try with faults', drill(swap('try: [push-image]', 'try: []')), 8, /try must be a list of one or more step ids/],
    ['unknown fix step', drill(swap('fix: [login]', 'fix: [relogin]')), 20, /unknown step id 'relogin' in fix/],
    ['unknown placeholder', drill(swap('  - docker push <host>/<repo>:<tag>', '  - docker push <registry>/<repo>:<tag>')), 10, /unknown placeholder <registry> in commands/],
    ['commands not texts', drill(swap('fixCommands: [aws --endpoint-url <endpoint> ecr get-login-password]', 'fixCommands: [1, 2]')), 21, /fixCommands must be a list of shell commands/],
    ['diagnosis not a mapping', drill(GOOD_LINES.slice(0, 9).concat('diagnosis: why', GOOD_LINES.slice(17))), 11, /diagnosis must be a mapping/],
    ['unknown diagnosis key', drill(swap('  answer: 2', '  answer: 2', '  hint: h')), 18, /unknown diagnosis key 'hint'/],
    ['two choices only', drill(swap('    - three')), 13, /3 to 5 texts/],
    ['six choices', drill(swap('    - three', '    - three', '    - 4', '    - 5', '    - 6')), 13, /3 to 5 texts/],
    ['same choice twice', drill(swap('    - three', '    - two')), 13, /two diagnosis choices are the same/],
    ['answer out of range', drill(swap('  answer: 2', '  answer: 4')), 17, /answer must be the number of the right choice/],
    ['answer counted from 0', drill(swap('  answer: 2', '  answer: 0')), 17, /counting from 1/],
    ['no explanation', drill(swap('  explanation: Because.')), 11, /without an explanation/],
    ['no question', drill(swap('  question: Why?')), 11, /without a question/],
    ['two hints', drill(swap('hints: [a, b, c]', 'hints: [a, b]')), 19, /exactly 3 texts/],
    ['story too short', drill(GOOD_LINES, 'Too short.'), 23, /the story has 2 words/],
    ['story too long', drill(GOOD_LINES, `${STORY} ${STORY} ${STORY}`), 23, /the story has 210 words/],
    ['checks empty', drill([...GOOD_LINES, 'checks: []']), 22, /checks must be a list of one or more/],
    ['check not a mapping', drill([...GOOD_LINES, 'checks: [login-valid]']), 22, /a check must be a mapping/],
    ['unknown check kind', drill([...GOOD_LINES, 'checks:', '  - kind: logged-in']), 23, /unknown check kind 'logged-in'/],
    ['check without kind', drill([...GOOD_LINES, 'checks:', '  - user: ci']), 23, /a check without a kind/],
    ['check field of another kind', drill([...GOOD_LINES, 'checks:', '  - kind: login-valid', '    user: ci']), 24, /check 'login-valid' has no field 'user'/],
    ['check field missing', drill([...GOOD_LINES, 'checks:', '  - kind: allowed']), 23, /check 'allowed' needs the field 'actions'/],
    ['check action malformed', drill([...GOOD_LINES, 'checks:', '  - kind: allowed', '    actions: [PutImage]']), 24, /'PutImage', which is not an action/],
    ['check actions empty', drill([...GOOD_LINES, 'checks:', '  - kind: allowed', '    actions: []']), 24, /one or more IAM actions/],
    ['check user not a name', drill([...GOOD_LINES, 'checks:', '  - kind: least-privilege', '    user: [ci]', '    allow: [ecr:PutImage]', '    deny: [ecr:DeleteRepository]']), 24, /field 'user' of check 'least-privilege' must be an IAM user name/],
    ['allow and deny overlap', drill([...GOOD_LINES, 'checks:', '  - kind: least-privilege', '    user: ci', '    allow: [ecr:PutImage]', '    deny: [ecr:PutImage]']), 23, /both allows and denies ecr:PutImage/],
  ];

  it.each(cases)('%s -> error at its line', (_name, text, line, pattern) => {
    const r = parseDrill(text, FILE, LESSONS);
    expect(r.value).toBeUndefined();
    const found = r.errors.find((e) => pattern.test(e.message));
    expect(found, r.errors.map(formatContentError).join('\n')).toBeDefined();
    expect(found!.line).toBe(line);
    expect(formatContentError(found!)).toMatch(new RegExp(`^drills/demo\\.md:${line}: .+\\. Fix: .+`));
  });
});

describe('drillChecks', () => {
  it('takes the checks of the faults, each once', () => {
    const lines = swap('faults: [not-logged-in]', 'faults: [not-logged-in, token-expired, repository-missing]');
    const r = parseDrill(drill(lines), FILE, LESSONS);
    expect(drillChecks(r.value!)).toEqual([{ kind: 'login-valid' }, { kind: 'repository-exists' }]);
  });
});

describe('the drills in drills/', () => {
  const dir = join(import.meta.dirname, '../../drills');
  const REQUIRED = [
    'image-not-tagged-locally', 'repository-missing', 'credentials-invalid', 'not-logged-in', 'token-expired',
    'tag-immutable', 'wrong-account-in-uri', 'access-denied-push', 'manifest-unknown', 'network-blocked', 'throttled',
    'least-privilege',
  ];

  it('all parse without errors, cover the required drills, and are named in the troubleshooting lesson', async () => {
    const lessonIds = (await readdir(join(dir, '../lessons'))).map((n) => n.replace(/^\d+-|\.md$/g, ''));
    const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
    const drills = await Promise.all(names.map(async (name) => {
      const r = parseDrill(await readFile(join(dir, name), 'utf8'), `drills/${name}`, { lessonIds });
      expect(r.errors.map(formatContentError)).toEqual([]);
      return r.value!;
    }));
    const ids = drills.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED));
    for (const name of REQUIRED.slice(0, -1)) expect(drills.find((d) => d.id === name)!.faults).toEqual([name]);
    expect(drills.filter((d) => d.faults.length === 2)).toHaveLength(2);
    const lesson = await readFile(join(dir, '../lessons/09-troubleshooting.md'), 'utf8');
    for (const id of ids) expect(lesson).toContain(`ecr-lab drill ${id}`);
  });

  it('least-privilege checks the push-only user', async () => {
    const text = await readFile(join(dir, 'least-privilege.md'), 'utf8');
    const d = parseDrill(text, 'drills/least-privilege.md').value!;
    expect(d.faults).toEqual([]);
    expect(drillChecks(d)).toEqual([{
      kind: 'least-privilege', user: 'ecr-pusher',
      allow: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ecr:BatchGetImage'],
      deny: ['ecr:DeleteRepository', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy', 'ecr:CreateRepository', 'ecr:DescribeRepositories', 'iam:CreateUser'],
      denyElsewhere: ['ecr:InitiateLayerUpload', 'ecr:PutImage'],
    }]);
    expect(d.fixCommands.join('\n')).toMatch(/iam create-user --user-name ecr-pusher[\s\S]*iam put-user-policy --user-name ecr-pusher/);
  });
});
