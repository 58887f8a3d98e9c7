// `ecr-lab drill NAME` in a terminal 60 columns wide (a real pty, through Python's pty module as
// the benches do): prose is wrapped at words and commands are laid out as the cards lay them
// out, so nothing is cut mid-word by the terminal and every command still pastes as one.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PTY_START } from '../e2e/pty-start.js';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
const COLUMNS = 60;

// Starts the drill in a pty COLUMNS wide (it prints its first line only after its local ECR
// is up, so the size is set by then), sends each [pattern, reply] once its pattern has been
// read, and prints all it read once the program ends.
const DRIVER = String.raw`${PTY_START}
import re, select, time
replies = spec['replies']
deadline = time.time() + 60
while time.time() < deadline:
    if replies and re.search(replies[0][0].encode(), buf):
        os.write(fd, replies.pop(0)[1].encode())
    if not select.select([fd], [], [], 0.2)[0]:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        chunk = b''
    if not chunk:
        break
    buf += chunk
sys.stdout.write(buf.decode('utf8', 'replace'))
`;

describe('a drill in a 60-column terminal', () => {
  it('wraps its story and lays out its commands within the width', async () => {
    const state = await mkdtemp(join(tmpdir(), 'ecr-lab-drill-pty-'));
    const spec = {
      argv: [process.execPath, CLI, 'drill', 'credentials-invalid', '--engine', 'builtin'],
      env: { ECR_LAB_STATE_DIR: state, NO_COLOR: '1' },
      columns: COLUMNS,
      // The right diagnosis, then stop at the fix.
      replies: [['your answer', '1\n'], ['\n> $', 'q\n']],
    };
    const r = spawnSync('python3', ['-c', DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 90_000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = stripVTControlCharacters(r.stdout).replace(/\r/g, '').split('\n');
    const text = lines.join('\n');
    expect(text).toMatch(/drill stopped; its faults are off again/);
    expect(lines.filter((l) => l.length > COLUMNS)).toEqual([]);
    // Commands break between words with ` \`, never inside the endpoint's URL.
    expect(text).toMatch(/^\$ aws sts get-caller-identity --region us-east-1 \\\n {4}--endpoint-url http:\/\/127\.0\.0\.1:\d+$/m);
    // The story's paragraphs are joined, then wrapped: no line holds a lone word of it.
    const story = lines.slice(2, lines.indexOf('setting the scene...'));
    expect(story.filter((l) => l !== '' && !l.includes(' '))).toEqual([]);
    // A word too long for a line (the secret key) goes on at the first column, where bash joins it.
    const split = lines.findIndex((l) => /AWS_SECRET_ACCESS_KEY=\S+\\$/.test(l));
    expect(split).toBeGreaterThan(0);
    expect(lines[split + 1]).toMatch(/^\S/);
    const pasted = spawnSync('bash', ['-c', `${lines.slice(split - 1, split + 2).join('\n').replace(/^\s*\$ /, '')}\necho "$AWS_SECRET_ACCESS_KEY"`], { encoding: 'utf8' });
    expect(pasted.stdout.trim()).toBe('je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY');
  });
});
