// Snapshots as a presenter of a 12-slide, 45-minute deck would send them, for the notes tests.
import type { PresenterSnapshot } from '../../src/core/presenter-snapshot.js';

/** A snapshot of slide `slide` (0-based), taken now unless `sentAt` is given. */
export function snapshot(slide: number, extra: Partial<PresenterSnapshot> = {}): PresenterSnapshot {
  return {
    version: 1, deckId: 'seminar', deckTitle: 'ECR seminar', slide, slideCount: 12, title: `Slide ${slide + 1}`,
    notes: `Notes for slide ${slide + 1}.`, nextTitle: `Slide ${slide + 2}`, elapsedMs: 60_000 * slide, plannedMs: 45 * 60_000,
    slideElapsedMs: 0, slidePlannedMs: 3 * 60_000, isBlank: false, sentAt: Date.now(), ...extra,
  };
}
