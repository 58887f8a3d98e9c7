// A lesson and a deck written for the export tests: every block kind, and content that tries
// to inject markup and to make the browser fetch something.
import { parseDeck } from '../../src/core/deck-parser.js';
import type { Deck } from '../../src/core/deck.js';
import type { Lesson } from '../../src/core/lesson.js';
import { parseLesson } from '../../src/core/lesson-parser.js';

const LESSON = `---
id: hostile
title: A <b>bold</b> lesson
minutes: 5
objectives:
  - Keep <script>alert(1)</script> as text
---

## Page one <img src=x onerror=alert(2)>

Prose with <script>alert('prose')</script>, an image ![logo](https://example.com/logo.png),
a [link](https://example.com/docs) and a bare https://example.com/bare address.

<iframe src="https://example.com/frame"></iframe>

\`\`\`diagram The flow <b>
 client ---> registry
   |  <script>   |
   +-------------+
\`\`\`

---

## Page two

\`\`\`quiz
question: "Which <em>tag</em> moves?"
choices:
  - "v1 <script>x</script>"
  - "latest"
answer: 2
explain: "Because it is mutable & shared."
hint: "Which one is <i>meant</i> to move & which to stay?"
\`\`\`

\`\`\`step create-repository
\`\`\`
`;

const DECK = `---
id: hostile-deck
title: Slides & <tricks>
minutes: 10
---

# First <script>alert('slide')</script>

Hello.

\`\`\`notes 2m
Say <script>alert('notes')</script> quietly.
\`\`\`

---

\`\`\`include
page: hostile#1
\`\`\`
`;

/** The lesson, parsed as check-content parses lessons. */
export function hostileLesson(): Lesson {
  const parsed = parseLesson(LESSON, 'lessons/hostile.md');
  if (!parsed.value) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** The deck, parsed against the lesson. */
export function hostileDeck(): Deck {
  const parsed = parseDeck(DECK, 'slides/hostile-deck.md', [hostileLesson()]);
  if (!parsed.value) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** Every address in a tag's src, href, srcset, action, poster or data that is not an in-page anchor. */
export function outsideReferences(html: string): string[] {
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  return tags.flatMap((tag) => [...tag.matchAll(/\s(?:src|href|srcset|action|poster|data|xlink:href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]!))
    .filter((v) => !v.startsWith('#'));
}
