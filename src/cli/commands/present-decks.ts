// The decks for `ecr-lab present`: the course and slides/ loaded, `--list`, and the deck a
// query names (id, number, prefix or file), or one line listing the decks there are.
import type { Deck } from '../../core/deck.js';
import { formatContentError, type Lesson } from '../../core/lesson.js';
import { loadCourse } from '../content.js';
import { findDeck, loadDecks } from '../decks-content.js';
import { UsageError, UserError } from '../errors.js';

/** The course's lessons and the decks that parsed against them. */
export interface PresentContent {
  readonly lessons: readonly Lesson[];
  readonly decks: readonly Deck[];
}

/**
 * Loads the lessons (a broken lesson is one line, as for every command) and the decks of
 * slides/; with `isFileOnly` (a deck named by its file) slides/ is not read.
 */
export async function loadPresentContent(isFileOnly = false): Promise<PresentContent> {
  const course = await loadCourse();
  if (course.errors.length > 0) {
    throw new UserError(`${formatContentError(course.errors[0]!)} (ecr-lab check-content lists every problem)`);
  }
  const { decks } = isFileOnly ? { decks: [] } : await loadDecks(undefined, course.lessons);
  return { lessons: course.lessons, decks };
}

/** `--list`: one line a deck: id, minutes, slides, title. */
export function deckListing(decks: readonly Deck[]): string[] {
  if (decks.length === 0) return ['no decks in slides/ (ecr-lab check-content says why a deck file is left out)'];
  const idWidth = Math.max(...decks.map((d) => d.id.length));
  return decks.map((d, i) => `${String(i + 1).padStart(2)}  ${d.id.padEnd(idWidth)}  ${String(d.minutes).padStart(3)} min  ${String(d.slides.length).padStart(3)} slides  ${d.title}`);
}

const known = (decks: readonly Deck[]): string => (decks.length > 0 ? decks.map((d) => d.id).join(', ') : 'none in slides/');

/** The deck `query` names, or the first deck when none is named; otherwise one line and exit 2. */
export async function chooseDeck(content: PresentContent, query: string | undefined): Promise<Deck> {
  const { decks, lessons } = content;
  if (query === undefined) {
    if (decks[0]) return decks[0];
    throw new UsageError('no deck to present: slides/ has none that parse (ecr-lab check-content says why)');
  }
  const found = await findDeck(decks, query, lessons);
  if (found && 'deck' in found) return found.deck;
  if (found) throw new UsageError(`${formatContentError(found.errors[0]!)} (ecr-lab check-content lists every problem)`);
  throw new UsageError(`no deck '${query}'; the decks are: ${known(decks)} (ecr-lab present --list)`);
}
