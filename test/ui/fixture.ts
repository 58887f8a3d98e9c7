// Small lessons for the screen tests, built through the real parser so they stay valid.
import type { Lesson } from '../../src/core/lesson.js';
import { parseLesson } from '../../src/core/lesson-parser.js';
import { type TargetContext, ecrRegistryHost } from '../../src/core/steps.js';

const FIRST = `---
id: first-push
title: Your first push
minutes: 8
objectives:
  - Push an image to a private repository
---
# Registries

A registry stores images. Amazon ECR is a private registry in your AWS account, reached over HTTPS.

\`\`\`diagram The path of an image
 laptop --docker push--> ECR
\`\`\`

---
# Check

\`\`\`quiz
question: Which command prints the registry password?
choices:
  - aws ecr get-login
  - aws ecr get-login-password
answer: 2
explain: get-login was removed in AWS CLI v2.
\`\`\`

---
# Who am I

\`\`\`step whoami
\`\`\`
`;

const SECOND = `---
id: lifecycle
title: Lifecycle policies
minutes: 12
objectives:
  - Expire old images
---
# Lifecycle

Old images cost money.

---
# Rules

Rules are applied in order of priority.

---
# Done

That is all.
`;

function parse(source: string, file: string): Lesson {
  const result = parseLesson(source, file);
  if (!result.value) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.value;
}

/** Two lessons: one with a diagram, a quiz and a step; one of plain pages. */
export function fixtureLessons(): Lesson[] {
  return [parse(FIRST, 'first.md'), parse(SECOND, 'second.md')];
}

/** A lesson with one long page, to test scrolling. */
export function longLesson(): Lesson {
  const body = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long page.`).join('\n\n');
  return parse(`---\nid: long\ntitle: Long\nminutes: 5\nobjectives:\n  - Scroll\n---\n# Long\n\n${body}\n\n---\n# End\n\nEnd.\n`, 'long.md');
}

/** A lesson in wide characters: CJK prose and emoji (two columns each) in text, a list and a quiz. */
export function wideLesson(): Lesson {
  return parse(`---
id: wide
title: 幅の広い文字 🐳
minutes: 5
objectives:
  - コンテナイメージをレジストリに送る 🚀
---
# レジストリ 🐳

Amazon ECR はコンテナイメージを保存するレジストリです。ログインしてから 🔑 イメージをプッシュし、ダイジェストで 📦 プルします。

- 東京リージョンのレジストリにイメージを送る前に、必ずログインしてください 🚀

\`\`\`quiz
question: パスワードを出すコマンドはどれですか 🤔
choices:
  - aws ecr get-login（バージョン1のみ、いまは削除されています）
  - aws ecr get-login-password（標準入力で docker login に渡します）
answer: 2
explain: バージョン2では get-login-password を使います 👍
\`\`\`
`, 'wide.md');
}

/** A live-AWS target context, so that commands show values that are not the defaults. */
export function liveContext(): TargetContext {
  return { kind: 'live', region: 'eu-west-1', account: '111122223333', registry: ecrRegistryHost('111122223333', 'eu-west-1'), profile: 'dev' };
}

const PUSH = `---
id: live-push
title: Push for real
minutes: 10
objectives:
  - Create a repository, log in and push
---
# Create and log in

\`\`\`step create-repository
\`\`\`

\`\`\`step login
\`\`\`

---
# Build, tag, push

\`\`\`step build-image
\`\`\`

\`\`\`step tag-image
\`\`\`

\`\`\`step push-image
\`\`\`
`;

/** A lesson of live steps: create-repository and login, then build, tag and push. */
export function pushLesson(): Lesson {
  return parse(PUSH, 'push.md');
}
