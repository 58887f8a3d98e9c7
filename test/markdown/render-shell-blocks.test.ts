// A ```bash block in a lesson, narrower than its command: it wraps between words with ` \`
// so that it still pastes as one command, never in the middle of an image reference.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMarkdown, renderMarkdown } from '../../src/markdown/render.js';

beforeAll(() => loadMarkdown());

const block = (...lines: string[]) => ['Push:', '', '```bash', ...lines, '```'].join('\n');
/** The text bash reads: continuation lines joined, runs of spaces made one. */
const asBash = (rendered: string[]) => rendered.join('\n').replace(/ ?\\\n\s*/g, ' ').replace(/ +/g, ' ').trim();

describe('shell blocks narrower than their commands', () => {
  const command = 'docker push <account>.dkr.ecr.<region>.amazonaws.com/ecr-lab/demo:v1';

  it('at 66 columns a docker push keeps its image reference whole on a continued line', () => {
    const lines = renderMarkdown(block(command), 66, { color: false }).split('\n').slice(2);
    expect(lines[0]).toBe('  docker push \\');
    expect(lines[1]?.trim()).toBe('<account>.dkr.ecr.<region>.amazonaws.com/ecr-lab/demo:v1');
    expect(asBash(lines)).toBe(command);
  });

  it('at 40 columns, where the reference cannot fit a line, it still pastes as the same command', () => {
    const lines = renderMarkdown(block(command), 40, { color: false }).split('\n').slice(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.join('\n').replace(/\\\n/g, '').replace(/ +/g, ' ').trim()).toBe(command);
  });

  it('a line that already continues keeps its own ` \\` and its indent', () => {
    const lines = renderMarkdown(block(
      'aws ecr get-login-password --region us-east-1 \\',
      '  | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    ), 60, { color: false }).split('\n').slice(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
    expect(lines.slice(0, -1).every((l) => l.endsWith(' \\'))).toBe(true);
    expect(asBash(lines)).toBe('aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com');
  });

  it('leaves a block that fits as written', () => {
    expect(renderMarkdown(block('docker images'), 60, { color: false }).split('\n').slice(2)).toEqual(['  docker images']);
  });
});

describe('a shell line with a trailing comment, too wide', () => {
  it('puts the comment above the command: a ` \\` inside a comment would not continue it', () => {
    const lines = renderMarkdown(block('sudo apt install amazon-ecr-credential-helper   # Debian, Ubuntu'), 40, { color: false }).split('\n').slice(2);
    expect(lines).toEqual(['  # Debian, Ubuntu', '  sudo apt install \\', '      amazon-ecr-credential-helper']);
  });
});
