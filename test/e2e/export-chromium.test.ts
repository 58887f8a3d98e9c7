// The exported HTML in a real browser: the built CLI writes the course, a deck and a lab report,
// and headless Chromium opens each with every request, console error and page error recorded:
// only the file itself may load, nothing may fail, and the page renders on screen and in print.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantState } from '../export/state.js';
import { SECRET_FRAGMENTS } from '../export/secrets.js';

const BIN = join(import.meta.dirname, '../../bin/ecr-lab.js');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let dir: string;
let browser: Browser;

async function cli(args: readonly string[]): Promise<string> {
  const r = await execa('node', [BIN, ...args], { reject: false, env: { ECR_LAB_STATE_DIR: join(dir, 'state'), FORCE_COLOR: '0' } });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  await execa('npm', ['run', 'build', '--silent'], { cwd: join(import.meta.dirname, '../..') });
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-chromium-'));
  await execa('mkdir', ['-p', join(dir, 'state')]);
  await plantState(join(dir, 'state'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Seen { readonly requests: string[]; readonly errors: string[] }

/** Opens `file` and records what it asked for and what went wrong. */
async function open(file: string, media: 'screen' | 'print') {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const url = pathToFileURL(file).href;
  const seen: Seen = { requests: [], errors: [] };
  page.on('request', (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => { seen.errors.push(e.message); });
  await page.emulateMedia({ media });
  await page.goto(url, { waitUntil: 'load' });
  return { page, seen };
}

describe.each([
  ['the whole course', ['export', 'all'], /12 lessons/],
  ['a deck', ['export', 'seminar'], /deck seminar/],
  ['the lab report', ['export', '--report'], /lab report: 5 steps/],
])('%s as HTML in Chromium', (_name, args, said) => {
  const file = () => join(dir, `${args.join('-').replace(/-+/g, '-')}.html`);

  it('is written by the CLI', async () => {
    expect(await cli([...args, '--html', file()])).toMatch(new RegExp(`^wrote ${file()} \\(\\d+\\.\\d kB, ${said.source}`));
    const html = await readFile(file(), 'utf8');
    for (const fragment of SECRET_FRAGMENTS) expect(html).not.toContain(fragment);
  });

  it.each(['screen', 'print'] as const)('renders on %s with no request and no error', async (media) => {
    const { page, seen } = await open(file(), media);
    const shot = join(dir, `${args[1]}-${media}.png`);
    await page.screenshot({ path: shot, fullPage: media === 'screen' });
    const png = await readFile(shot);
    expect(png.subarray(0, 8).equals(PNG)).toBe(true);
    expect((await stat(shot)).size).toBeGreaterThan(5_000);
    const text = await page.evaluate(() => ({ height: document.body.scrollHeight, chars: document.body.innerText.trim().length, h1: document.querySelector('h1')?.textContent ?? '' }));
    expect(text.height).toBeGreaterThan(800);
    expect(text.chars).toBeGreaterThan(500);
    expect(text.h1).not.toBe('');
    if (media === 'print') {
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // Printing unfolds every answer.
      expect(await page.evaluate(() => [...document.querySelectorAll('details')].every((d) => d.open))).toBe(true);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(255, 255, 255)');
    }
    expect(seen.requests).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
