// The paste box on screen: `e` opens it, text typed or pasted goes into it (every key, q too),
// Enter explains the error with the drills the TUI loaded, Esc closes it; at 80x24 and 60x20.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadDrills } from '../../src/cli/drills-content.js';
import type { Drill } from '../../src/core/drill.js';
import { explainError } from '../../src/core/error-catalogue.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import { NOT_RECOGNISED, PASTE_PROMPT } from '../../src/ui/paste-lines.js';
import { flatText, renderApp, widestLine, type Harness } from './harness.js';
import { ARROW_UP, BACKSPACE, ENTER, ESC, PAGE_DOWN } from './keys.js';

const SIZES = [[80, 24], [60, 20]] as const;
const EXPIRED = 'denied: Your authorization token has expired. Reauthenticate and try again.';
const EXPLANATION = explainError('', EXPIRED);

let drills: Drill[] = [];

beforeAll(async () => {
  await loadMarkdown();
  drills = (await loadDrills()).drills;
});

afterEach(() => cleanup());

function expectFits(frame: string, columns: number, rows: number): void {
  expect(widestLine(frame)).toBeLessThanOrEqual(columns);
  expect(frame.split('\n').length).toBeLessThan(rows);
  expect(frame).not.toMatch(/… \d+ more lines/);
}

async function openBox(app: Harness): Promise<void> {
  await app.waitFor('Your first push');
  app.press('e');
  await app.waitFor(PASTE_PROMPT);
}

describe.each(SIZES)('the paste box at %ix%i', (columns, rows) => {
  it('explains a typed error: what it means, the fix, the lesson, the fault and the drill', async () => {
    const app = await renderApp({ drills }, columns, rows);
    await openBox(app);
    for (const char of EXPIRED) app.press(char);
    await app.waitFor('again.█');
    app.press(ENTER);
    const shown = await app.waitFor('what it means:');
    const text = flatText(shown);
    expect(text).toContain(`what it means: ${EXPLANATION?.cause}`);
    expect(text).toContain(`fix: ${EXPLANATION?.fix}`);
    expect(text).toContain('lesson: troubleshooting');
    expect(text).toContain('fault that reproduces it: token-expired');
    expect(text).toContain('drill that practises it: The nightly push that fails after dinner');
    expect(text).toContain('Esc, then f opens the fault panel, d opens the drills');
    expectFits(shown, columns, rows);
    expect(app.exits()).toBe(0);
    app.instance.unmount();
  });

  it('takes a paste with a line break whole, and says when it does not know the error', async () => {
    const app = await renderApp({ drills }, columns, rows);
    await openBox(app);
    app.press('Error response from daemon:\r\nsomething odd');
    await app.waitFor('daemon: something odd█');
    app.press(ENTER);
    const unknown = await app.waitFor('does not recognise');
    expect(flatText(unknown)).toContain(NOT_RECOGNISED);
    expectFits(unknown, columns, rows);
    app.instance.unmount();
  });
});

describe('a long answer', () => {
  it('scrolls under the input at 60x20 until its last line shows, and back up', async () => {
    const app = await renderApp({ drills }, 60, 20);
    await openBox(app);
    app.press('An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: '
      + 'arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:GetAuthorizationToken');
    app.press(ENTER);
    const top = await app.waitFor('what it means:');
    expect(top).toContain('↑↓ scroll · Esc to close ↓');
    expect(top).not.toContain('Esc, then f opens');
    expectFits(top, 60, 20);
    app.press(PAGE_DOWN);
    app.press(PAGE_DOWN);
    const end = await app.waitFor('Esc, then f opens the fault panel');
    expect(end).toContain('Esc to close ↑');
    expect(end).toContain('❯ …');
    expect(flatText(end)).toContain('access-denied-login');
    expectFits(end, 60, 20);
    app.press(ARROW_UP);
    await app.waitFor((f) => f.includes('↑↓ scroll · Esc to close ↓') && !f.includes('Esc, then f opens'));
    app.instance.unmount();
  });
});

describe('the paste box takes every key', () => {
  it('drops the colour codes of a paste copied with its colours (Ink alone would throw on them)', async () => {
    const app = await renderApp({ drills });
    await openBox(app);
    app.press('\u001B[31mdenied\u001B[0m: Your authorization token \u001B[1;33mhas expired\u001B[m.');
    await app.waitFor('❯ denied: Your authorization token has expired.█');
    app.press(ENTER);
    expect(flatText(await app.waitFor('what it means:'))).toContain('fault that reproduces it: token-expired');
    app.instance.unmount();
  });

  it('types q, f, d and ? as text, deletes with Backspace, and only Esc closes it', async () => {
    const app = await renderApp({ drills });
    await openBox(app);
    for (const key of ['q', 'f', 'd', '?', 'x']) app.press(key);
    await app.waitFor('❯ qfd?x█');
    app.press(BACKSPACE);
    const typed = await app.waitFor('❯ qfd?█');
    expect(typed).not.toContain('faults · f or Esc to close');
    expect(app.exits()).toBe(0);
    app.press(ESC);
    await app.waitFor((f) => f.includes('Your first push') && !f.includes(PASTE_PROMPT));
    app.press('q');
    await app.waitFor(() => app.exits() === 1);
    app.instance.unmount();
  });

  it('explains without drills before they are loaded, from the drills screen too', async () => {
    const app = await renderApp({});
    await openBox(app);
    app.press(EXPIRED);
    app.press(ENTER);
    const text = flatText(await app.waitFor('what it means:'));
    expect(text).toContain('fault that reproduces it: token-expired');
    expect(text).not.toContain('practises');
    expect(text).toContain('Esc, then f opens the fault panel');
    expect(text).not.toContain('d opens the drills');
    app.press(ESC);
    await app.waitFor((f) => !f.includes(PASTE_PROMPT));
    app.press('d');
    await app.waitFor('No drills found');
    app.press('e');
    await app.waitFor(PASTE_PROMPT);
    app.instance.unmount();
  });

  it('is listed in the help overlay', async () => {
    const app = await renderApp({ drills });
    await app.waitFor('Your first push');
    app.press('?');
    const help = flatText(await app.waitFor('explain an error'));
    expect(help).toContain('e explain an error: paste it as docker or aws printed it');
    app.instance.unmount();
  });
});
