// Build step: parses the course once and leaves dist/course.json for fast start-up.
// A course with errors gets no cache (the app then parses and reports them at run time).
import { formatContentError } from '../core/lesson.js';
import { writeCourseCache } from './content.js';

const course = await writeCourseCache();
for (const e of course.errors) process.stderr.write(`build: ${formatContentError(e)}\n`);
