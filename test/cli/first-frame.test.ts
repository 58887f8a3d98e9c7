// The kept first frame of the TUI: its key covers every input, it is drawn only when kept under
// that very key, and Ink's own first frame replaces it (written once when the same, erasing it
// when not).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adoptFirstFrame, eraseFrame, frameFileName, frameKey, framesDir, isFrameCacheOn, keepFrame, lessonFiles, showKeptFrame, type FrameInputs,
} from '../../src/cli/first-frame.js';
import { EMPTY_PROGRESS } from '../../src/core/progress.js';

const INPUTS: FrameInputs = {
  lessons: [['01-a.md', 100, 1_700_000_000_000]], progress: EMPTY_PROGRESS, columns: 80, rows: 24,
  argv: ['--engine', 'builtin'], env: { TERM: 'xterm-256color', PWD: '/home/a' },
};

function terminal() {
  const written: string[] = [];
  const modes: boolean[] = [];
  return {
    written, modes,
    output: { write: (s: string) => { written.push(s); return true; } },
    input: { isTTY: true, setRawMode: (m: boolean) => { modes.push(m); } },
  };
}

describe('frameKey', () => {
  it('changes with every input the first frame is made from', () => {
    const base = frameKey(INPUTS);
    const changed: FrameInputs[] = [
      { ...INPUTS, lessons: [['01-a.md', 101, 1_700_000_000_000]] },
      { ...INPUTS, lessons: [['01-a.md', 100, 1_700_000_000_001]] },
      { ...INPUTS, lessons: [['01-b.md', 100, 1_700_000_000_000]] },
      { ...INPUTS, progress: { ...EMPTY_PROGRESS, last: { lessonId: 'x', page: 1 } } },
      { ...INPUTS, columns: 81 },
      { ...INPUTS, rows: 23 },
      { ...INPUTS, argv: ['--engine', 'docker'] },
      { ...INPUTS, env: { ...INPUTS.env, NO_COLOR: '1' } },
      { ...INPUTS, env: { ...INPUTS.env, TERM: 'dumb' } },
      { ...INPUTS, env: { ...INPUTS.env, FORCE_COLOR: '3' } },
      { ...INPUTS, env: { ...INPUTS.env, CI: 'true' } },
    ];
    const keys = changed.map(frameKey);
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
    // And so does the file each is kept in.
    expect(new Set([base, ...keys].map(frameFileName)).size).toBe(keys.length + 1);
    // One line: the first line of the file it is kept in.
    for (const key of [base, ...keys]) expect(key).not.toContain('\n');
  });

  it('stays the same for what does not change the frame: the directory, the state dir', () => {
    expect(frameKey({ ...INPUTS, env: { ...INPUTS.env, PWD: '/tmp', OLDPWD: '/x', ECR_LAB_STATE_DIR: '/s' } })).toBe(frameKey(INPUTS));
  });
});

describe('lessonFiles', () => {
  it('lists the numbered .md files in name order with their size and mtime', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    writeFileSync(join(dir, '02-b.md'), 'bb');
    writeFileSync(join(dir, '01-a.md'), 'a');
    writeFileSync(join(dir, 'README.md'), 'not a lesson');
    writeFileSync(join(dir, '03-c.txt'), 'not markdown');
    mkdirSync(join(dir, '04-dir.md.d'));
    const at = new Date(1_700_000_000_000);
    utimesSync(join(dir, '01-a.md'), at, at);
    const files = lessonFiles(dir);
    expect(files.map(([name, size]) => [name, size])).toEqual([['01-a.md', 1], ['02-b.md', 2]]);
    expect(files[0]![2]).toBe(1_700_000_000_000);
  });
});

describe('framesDir and the switch', () => {
  it('lives under the XDG cache dir, and ECR_LAB_FRAME_CACHE=0 turns the cache off', () => {
    expect(framesDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/ecr-lab/frames');
    expect(framesDir({ HOME: '/h' })).toMatch(/\.cache\/ecr-lab\/frames$/);
    expect(isFrameCacheOn({})).toBe(true);
    expect(isFrameCacheOn({ ECR_LAB_FRAME_CACHE: '0' })).toBe(false);
  });
});

describe('showKeptFrame', () => {
  it('draws nothing and leaves the terminal alone when no frame is kept', () => {
    const t = terminal();
    expect(showKeptFrame('none', mkdtempSync(join(tmpdir(), 'frames-')), t.output, t.input)).toBeUndefined();
    expect(t.written).toEqual([]);
    expect(t.modes).toEqual([]);
  });

  it('draws nothing when the file of that name holds another key, or no key line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frames-'));
    writeFileSync(join(dir, frameFileName('k')), 'other\nLessons\n');
    writeFileSync(join(dir, frameFileName('j')), 'Lessons');
    const t = terminal();
    expect(showKeptFrame('k', dir, t.output, t.input)).toBeUndefined();
    expect(showKeptFrame('j', dir, t.output, t.input)).toBeUndefined();
    expect(t.written).toEqual([]);
    expect(t.modes).toEqual([]);
  });

  it('draws the kept bytes, then raw mode, and release() gives back cooked mode and the cursor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frames-'));
    writeFileSync(join(dir, frameFileName('k')), 'k\n\u001b[?25lLessons\nrow\n');
    const t = terminal();
    const early = showKeptFrame('k', dir, t.output, t.input)!;
    expect(early.bytes).toBe('\u001b[?25lLessons\nrow\n');
    expect(t.modes).toEqual([true]);
    expect(t.written).toEqual(['\u001b[?25lLessons\nrow\n']);
    early.release();
    early.release();
    expect(t.modes).toEqual([true, false]);
    expect(t.written.at(-1)).toBe('\u001b[?25h');
    expect(t.written).toHaveLength(2);
  });
});

describe('adoptFirstFrame', () => {
  const ink = (out: { write: (s: string) => boolean }) => () => { out.write('\u001b[?2026h'); out.write('frame\nline\n'); out.write('\u001b[?2026l'); return 7; };

  it('writes Ink\'s first frame as it is when nothing was drawn early', () => {
    const out = { written: [] as string[], write(s: string) { this.written.push(s); return true; } };
    const { value, bytes } = adoptFirstFrame(ink(out), undefined, out);
    expect(value).toBe(7);
    expect(bytes).toBe('\u001b[?2026hframe\nline\n\u001b[?2026l');
    expect(out.written).toEqual([bytes]);
  });

  it('writes nothing when the early frame is what Ink draws', () => {
    const out = { written: [] as string[], write(s: string) { this.written.push(s); return true; } };
    const early = { bytes: '\u001b[?2026hframe\nline\n\u001b[?2026l', release: () => undefined };
    adoptFirstFrame(ink(out), early, out);
    expect(out.written).toEqual([]);
  });

  it('erases an early frame that differs, then writes Ink\'s', () => {
    const out = { written: [] as string[], write(s: string) { this.written.push(s); return true; } };
    const early = { bytes: 'old\nold\nold\n', release: () => undefined };
    const { bytes } = adoptFirstFrame(ink(out), early, out);
    expect(out.written).toEqual([`\u001b[3A\r\u001b[J${bytes}`]);
  });

  it('puts the stream\'s write back even when the render throws', () => {
    const out = { write: (_s: string) => true };
    const write = out.write;
    expect(() => adoptFirstFrame(() => { throw new Error('boom'); }, undefined, out)).toThrow('boom');
    expect(out.write).toBe(write);
  });

  it('moves up one row per line of the frame it erases', () => {
    expect(eraseFrame('a\nb\n')).toBe('\u001b[2A\r\u001b[J');
    expect(eraseFrame('a')).toBe('\r\u001b[J');
  });
});

describe('keepFrame', () => {
  it('keeps the bytes under the key, and only the newest 12 entries', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'frames-')), 'frames');
    for (let i = 0; i < 14; i++) {
      await keepFrame(`key${i}`, `frame ${i}\n`, dir);
      const at = new Date(Date.now() - (20 - i) * 1000);
      utimesSync(join(dir, frameFileName(`key${i}`)), at, at);
    }
    await keepFrame('key14', 'frame 14\n', dir);
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(12);
    expect(names).not.toContain(frameFileName('key0'));
    expect(names).not.toContain(frameFileName('key1'));
    expect(names).not.toContain(frameFileName('key2'));
    expect(readFileSync(join(dir, frameFileName('key14')), 'utf8')).toBe('key14\nframe 14\n');
    // Read back through showKeptFrame, as the next start does.
    const t = terminal();
    expect(showKeptFrame('key14', dir, t.output, t.input)?.bytes).toBe('frame 14\n');
  });

  it('is no error when the cache cannot be written', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'frames-'));
    writeFileSync(join(parent, 'file'), '');
    await expect(keepFrame('k', 'x', join(parent, 'file', 'frames'))).resolves.toBeUndefined();
    chmodSync(parent, 0o500);
    await expect(keepFrame('k', 'x', join(parent, 'other'))).resolves.toBeUndefined();
    chmodSync(parent, 0o700);
  });
});
