// The presenter's side of the notes channel as the command uses it: opened before the first
// frame, a second presenter on the same state dir refused in one line, and publishing that never
// throws or waits, so a slow or dead follower cannot hold up a slide.
import type { PresenterSnapshot } from '../../core/presenter-snapshot.js';
import { UserError } from '../errors.js';

/** Publishes snapshots; `problem` says why followers cannot attach, when they cannot. */
export interface Publisher {
  publish(snapshot: PresenterSnapshot): void;
  close(): Promise<void>;
  readonly problem?: string;
}

/** Opens the channel in `stateDir`; without one (no socket possible) the talk goes on without followers. */
export async function openPublisher(stateDir: string, deckId: string): Promise<Publisher> {
  const { openPresenterChannel, PresenterRunningError } = await import('../../workflow/present-channel.js');
  try {
    const channel = await openPresenterChannel(stateDir, { deckId });
    return {
      publish: (snapshot) => {
        try {
          channel.publish(snapshot);
        } catch {
          // A follower's trouble is the follower's: the slide goes on.
        }
      },
      close: () => channel.close(),
    };
  } catch (err) {
    if (err instanceof PresenterRunningError) throw new UserError(err.message);
    const problem = `ecr-lab notes could not follow this talk: ${(err as Error).message}`;
    return { publish: () => undefined, close: async () => undefined, problem };
  }
}
