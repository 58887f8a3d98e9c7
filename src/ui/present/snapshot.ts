// The snapshot the presenter sends its notes followers, built from its state at one moment.
import type { Deck } from '../../core/deck.js';
import { type PresenterState, elapsed } from '../../core/presenter.js';
import type { PresenterSnapshot, SnapshotStep } from '../../core/presenter-snapshot.js';

/** The talk as it stands at `now`: slide, notes, next title, timer, blank screen, last step. */
export function presenterSnapshot(
  state: PresenterState, deck: Deck, plan: readonly number[], plannedMs: number, now: number, lastStep?: SnapshotStep,
): PresenterSnapshot {
  const slide = deck.slides[state.slide];
  const time = elapsed(state, now);
  return {
    version: 1, deckId: deck.id, deckTitle: deck.title, slide: state.slide, slideCount: deck.slides.length,
    title: slide?.title ?? '', notes: slide?.notes ?? '', nextTitle: deck.slides[state.slide + 1]?.title,
    elapsedMs: time.total, plannedMs, slideElapsedMs: time.slide, slidePlannedMs: (plan[state.slide] ?? 0) * 1000,
    isBlank: state.isBlank, lastStep, sentAt: now,
  };
}
