// The HTML handout: one self-contained file (no request possible), every block kind rendered,
// and nothing from content reaching the page as markup.
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/cli/content.js';
import { loadDecks } from '../../src/cli/decks-content.js';
import { courseHandout, deckHandout, lessonHandout } from '../../src/export/handout.js';
import { handoutHtml } from '../../src/export/html.js';
import { hostileDeck, hostileLesson, outsideReferences } from './fixtures.js';

describe('handoutHtml of a lesson', () => {
  const html = handoutHtml(lessonHandout(hostileLesson()));

  it('is self-contained: a <style>, a policy forbidding requests, no outside reference', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/<style>[^<]*@media print[^<]*<\/style>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(outsideReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<(img|iframe|link|object|embed)\b/i);
  });

  it('escapes markup from content everywhere: title, objectives, headings, prose, diagrams, quizzes', () => {
    // The one script is the print helper; none comes from content.
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain('<title>A &lt;b&gt;bold&lt;/b&gt; lesson</title>');
    expect(html).toContain('<li>Keep &lt;script&gt;alert(1)&lt;/script&gt; as text</li>');
    expect(html).toContain("Prose with &lt;script&gt;alert('prose')&lt;/script&gt;");
    expect(html).toContain('<h3 id="lesson--hostile--page--1">Page one &lt;img src=x onerror=alert(2)&gt;</h3>');
    expect(html).toContain('&lt;iframe src=&quot;https://example.com/frame&quot;&gt;');
    expect(html).toContain('<span class="image">[image: logo]</span>');
    expect(html).toContain('<span class="link">link</span> <span class="url">(https://example.com/docs)</span>');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('<h2>Page one');
    expect(html).not.toContain('onerror=alert(2)>');
  });

  it('keeps diagrams verbatim in <pre>', () => {
    expect(html).toContain('<figcaption>The flow &lt;b&gt;</figcaption><pre> client ---&gt; registry\n   |  &lt;script&gt;   |\n   +-------------+</pre>');
  });

  it('shows a quiz\'s hint, marked as one, folded before its answer', () => {
    expect(html).toMatch(/<details class="hint"><summary>Hint<\/summary><p>Which one is &lt;i&gt;meant&lt;\/i&gt; to move &amp; which to stay\?<\/p>\s*<\/details>\s*<details><summary>Answer<\/summary>/);
  });

  it('shows a quiz with its answer and explanation folded in <details>', () => {
    expect(html).toContain('<p class="question">Which &lt;em&gt;tag&lt;/em&gt; moves?</p>');
    expect(html).toContain('<li>v1 &lt;script&gt;x&lt;/script&gt;</li><li>latest</li>');
    expect(html).toMatch(/<details><summary>Answer<\/summary><p><strong>2\. latest<\/strong><\/p><p>Because it is mutable &amp; shared\.<\/p>\s*<\/details>/);
  });

  it('shows a step card as its exact equivalent command for the placeholder account', () => {
    expect(html).toContain('<p class="label">Live step: Create a repository <code>create-repository</code></p>');
    expect(html).toContain('$ aws ecr create-repository --repository-name ecr-lab/demo');
    expect(html).toContain('account 123456789012 in us-east-1');
  });

  it('has a table of contents linking the lesson and its pages, and the objectives', () => {
    expect(html).toMatch(/<nav class="toc">.*<a href="#lesson--hostile">A &lt;b&gt;bold&lt;\/b&gt; lesson<\/a><ol><li><a href="#lesson--hostile--page--1">/s);
    expect(html).toContain('<section class="unit" id="lesson--hostile">');
    expect(html).toContain('<h3 id="lesson--hostile--page--2">Page two</h3>');
    expect(html).toContain('<p class="label">Objectives</p>');
  });
});

describe('handoutHtml of a deck', () => {
  const html = handoutHtml(deckHandout(hostileDeck()));

  it('shows every slide with its title, content, included source and notes marked as notes', () => {
    expect(html).toContain('<h1>Slides &amp; &lt;tricks&gt;</h1>');
    expect(html).toContain('<h2>First &lt;script&gt;alert(&#39;slide&#39;)&lt;/script&gt;</h2>');
    expect(html).toContain('<p class="meta">slide 1/2 · planned 2m</p>');
    expect(html).toMatch(/<aside class="notes"><p class="label">Speaker notes<\/p><p>Say &lt;script&gt;alert\('notes'\)&lt;\/script&gt; quietly\.<\/p>/);
    expect(html).toContain('<p class="source">From the course: <code>page: hostile#1</code></p>');
    expect(html).toContain('<p class="meta">slide 2/2 · planned 8m</p>');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(outsideReferences(html)).toEqual([]);
  });
});

describe('handoutHtml of the real course and decks', () => {
  it('has no outside reference and a section per lesson and per slide', async () => {
    const { lessons, errors } = await loadCourse(undefined, true);
    expect(errors).toEqual([]);
    const course = handoutHtml(courseHandout(lessons));
    expect(outsideReferences(course)).toEqual([]);
    expect(course.match(/<section class="unit"/g)).toHaveLength(lessons.length);
    const { decks } = await loadDecks(undefined, lessons);
    expect(decks.length).toBeGreaterThan(0);
    for (const deck of decks) {
      const html = handoutHtml(deckHandout(deck));
      expect(outsideReferences(html)).toEqual([]);
      expect(html.match(/<section class="unit"/g)).toHaveLength(deck.slides.length);
    }
  });
});
