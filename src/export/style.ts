// The one stylesheet every handout and report carries inline: readable on screen (light, or dark
// when the reader's system asks), and on paper: no dark backgrounds, a page per section,
// answers unfolded, diagrams kept monospace.

/** The CSS inside each exported HTML file's <style>. */
export const HANDOUT_CSS = `
:root { color-scheme: light dark; --fg: #1d232b; --bg: #fdfdfc; --muted: #5b6573; --line: #d6dbe1;
  --box: #f1f4f7; --accent: #1f5fa8; --good: #1d7a3c; --bad: #a3262d; --note: #fff7e0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e4e8ee; --bg: #15191e; --muted: #9aa5b3; --line: #36404b; --box: #1f252c;
    --accent: #79b0f0; --good: #6cc98b; --bad: #f08a8f; --note: #2b2716; }
}
* { box-sizing: border-box; }
html { font-size: 17px; }
body { margin: 0 auto; padding: 2rem 1.25rem 4rem; max-width: 52rem; color: var(--fg); background: var(--bg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.55; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 0 0 .25rem; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
a { color: var(--accent); }
code, pre, kbd { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .88em; }
:not(pre) > code { background: var(--box); padding: .05em .3em; border-radius: 3px; }
pre { background: var(--box); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; overflow-x: auto; white-space: pre; line-height: 1.35; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
/* Digests and URIs are one long token each: only they may break anywhere, never a header's word. */
td code { overflow-wrap: anywhere; }
th { background: var(--box); }
.meta, .source, .url, .label { color: var(--muted); font-size: .9rem; }
.label { text-transform: uppercase; letter-spacing: .04em; font-weight: 600; margin: 0 0 .25rem; }
.label code { text-transform: none; letter-spacing: 0; }
header.doc { border-bottom: 2px solid var(--line); margin-bottom: 1.5rem; padding-bottom: 1rem; }
nav.toc ol { padding-left: 1.4rem; }
nav.toc li { margin: .15rem 0; }
section.unit { border-top: 1px solid var(--line); padding-top: 1.5rem; margin-top: 2.5rem; }
.objectives { background: var(--box); border-left: 4px solid var(--accent); padding: .5rem 1rem; margin: 1rem 0; }
figure.diagram { margin: 1rem 0; }
figure.diagram figcaption { font-weight: 600; margin-bottom: .3rem; }
.quiz, .step { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.step, .fault.fixed { border-left-color: var(--good); }
.fault { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.quiz .question { font-weight: 600; margin: .25rem 0; }
details summary { cursor: pointer; color: var(--accent); }
aside.notes { background: var(--note); border: 1px dashed var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.good { color: var(--good); } .bad { color: var(--bad); }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --line: #999; --box: #fff; --accent: #000; --good: #000; --bad: #000; --note: #fff; color-scheme: light; }
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; background: #fff; color: #000; }
  section.unit { break-before: page; border-top: none; margin-top: 0; padding-top: 0; }
  pre { white-space: pre; overflow: visible; font-size: 8.5pt; break-inside: avoid; }
  pre.commands { white-space: pre-wrap; overflow-wrap: anywhere; }
  .quiz, .step, .fault, figure.diagram, aside.notes { break-inside: avoid; }
  details > summary { list-style: none; }
  details::details-content { content-visibility: visible; display: block; }
  nav.toc { break-after: page; }
}
`;
