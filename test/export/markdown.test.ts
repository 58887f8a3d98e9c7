// The markdown handout: the same sections as the HTML, verbatim text in fences that hold.
import { describe, expect, it } from 'vitest';
import { fenceFor } from '../../src/export/escape.js';
import { deckHandout, lessonHandout } from '../../src/export/handout.js';
import { handoutMarkdown } from '../../src/export/markdown.js';
import { hostileDeck, hostileLesson } from './fixtures.js';

describe('handoutMarkdown', () => {
  it('writes a lesson: title, contents, objectives, pages, diagram, quiz with answer, step command', () => {
    const md = handoutMarkdown(lessonHandout(hostileLesson()));
    expect(md.startsWith('# A <b>bold</b> lesson\n\n')).toBe(true);
    expect(md).toContain('**Contents**\n\n1. A <b>bold</b> lesson');
    expect(md).toContain('**Objectives**\n\n- Keep <script>alert(1)</script> as text');
    expect(md).toContain('### Page one <img src=x onerror=alert(2)>\n\nProse with');
    expect(md.match(/Page one/g)).toHaveLength(1);
    expect(md).toContain('**The flow <b>**\n\n```text\n client ---> registry\n   |  <script>   |\n   +-------------+\n```');
    expect(md).toContain('**Question:** Which <em>tag</em> moves?\n\n1. v1 <script>x</script>\n2. latest\n\n> **Hint:** Which one is <i>meant</i> to move & which to stay?\n>\n> **Answer:** 2. latest\n>\n> Because it is mutable & shared.');
    expect(md).toContain('**Live step: Create a repository** (`create-repository`)\n\nCreate a private repository in ECR.\n\n```sh\naws ecr create-repository --repository-name ecr-lab/demo');
  });

  it('writes a deck: a section per slide with its plan and its notes quoted', () => {
    const md = handoutMarkdown(deckHandout(hostileDeck()));
    expect(md).toContain("## First <script>alert('slide')</script>\n\n_slide 1/2 · planned 2m_\n\nHello.");
    expect(md).toContain("> **Speaker notes**\n>\n> Say <script>alert('notes')</script> quietly.");
    expect(md).toContain('_From the course: `page: hostile#1`_');
    expect(md.match(/^---$/gm)).toHaveLength(2);
  });

  it('picks a fence longer than any backtick run in the text', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(fenceFor('has ``` inside')).toBe('````');
    expect(fenceFor('has ````` inside')).toBe('``````');
  });
});
