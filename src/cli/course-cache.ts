// Build step: parses the course and the decks once and leaves dist/course.json and
// dist/decks.json for fast start-up.
// A course with errors gets no cache (the app then parses and reports them at run time).
import { formatContentError } from '../core/lesson.js';
import { writeCourseCache } from './content.js';
import { writeDeckCache } from './decks-content.js';

const course = await writeCourseCache();
for (const e of course.errors) process.stderr.write(`build: ${formatContentError(e)}\n`);
// Decks borrow from the lessons: with a broken course they would only repeat its errors.
if (course.errors.length === 0) {
  const decks = await writeDeckCache(course.lessons);
  for (const e of decks.errors) process.stderr.write(`build: ${formatContentError(e)}\n`);
}
