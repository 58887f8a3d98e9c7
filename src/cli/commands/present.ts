// `ecr-lab present [deck]`: the deck full screen on the local ECR (first frame before it starts)
// or on live AWS, with the local fallback when live AWS is out of reach, snapshots for
// `ecr-lab notes` over the local channel, and with --rehearse the time per slide against the plan.
import { type Deck, slidePlan } from '../../core/deck.js';
import type { PresenterClock } from '../../core/presenter.js';
import type { PresenterSnapshot } from '../../core/presenter-snapshot.js';
import { defaultContext } from '../../core/steps.js';
import { loadMarkdown } from '../../markdown/render.js';
import { stateDir } from '../../state/paths.js';
import { rehearsal, rehearsalTable, saveRehearsal } from '../../state/rehearsals.js';
import { lazyRunner } from '../../workflow/fallback-runner.js';
import type { LocalTarget, Target } from '../../workflow/targets.js';
import { Presenter, type PresenterProps } from '../../ui/present/Presenter.js';
import { helpPointer, UsageError, UserError } from '../errors.js';
import { openTarget, targetLabel, worldChanges, type TargetFlags } from '../target.js';
import { printRemaining } from './cleanup.js';
import { chooseDeck, deckListing, loadPresentContent } from './present-decks.js';
import { openLiveOrUnreachable, type LiveOpening } from './present-live.js';
import { openPublisher } from './present-publish.js';
import { holdWarnings } from '../held-warnings.js';
import type { Interrupt } from '../interrupt.js';
import { mountScreen } from '../screen.js';

type Opts = TargetFlags & { readonly list?: boolean; readonly minutes?: number; readonly rehearse?: boolean };

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Presents a deck until it quits (its keys, or a SIGINT: `interrupt`); returns the exit code. */
export async function present(deckQuery: string | undefined, opts: Opts, interrupt: Interrupt): Promise<number> {
  if (opts.list && deckQuery !== undefined) throw new UsageError(`present --list takes no deck; drop '${deckQuery}' ${helpPointer('present')}`);
  const content = await loadPresentContent(!opts.list && deckQuery?.toLowerCase().endsWith('.md') === true);
  if (opts.list) {
    out(deckListing(content.decks).join('\n'));
    return 0;
  }
  const chosen = await chooseDeck(content, deckQuery);
  // --minutes scales the plan of the slides without a time of their own as well as the countdown.
  const deck = opts.minutes ? { ...chosen, minutes: opts.minutes } : chosen;
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UsageError('ecr-lab present needs a terminal (stdin and stdout a TTY); ecr-lab export <deck> --md FILE writes the deck as text');
  }
  const live: LiveOpening | undefined = opts.live ? await openLiveOrUnreachable(opts) : undefined;
  return show(deck, opts, live, interrupt);
}

async function show(deck: Deck, opts: Opts, live: LiveOpening | undefined, interrupt: Interrupt): Promise<number> {
  const dir = stateDir();
  const plannedMs = deck.minutes * 60_000;
  let local: Target | undefined;
  let startFailure: string | undefined;
  let clock: PresenterClock | undefined;
  let isInterrupted = false;
  // With --live, the local ECR starts only when the presenter asks for the fallback.
  const fallback = live ? lazyRunner(() => openTarget({ engine: opts.engine }, { admin: true, interactive: true }), defaultContext()) : undefined;
  const props = (): PresenterProps => ({
    deck, plannedMs,
    target: presenterTarget(live, local, startFailure),
    runner: live ? live.runner : local?.runner,
    localRunner: fallback,
    troubleshooting: local && 'troubleshooting' in local ? (local as LocalTarget).troubleshooting : undefined,
    // The channel hands each follower the latest snapshot when it attaches.
    onSnapshot: (s: PresenterSnapshot) => publisher.publish(s),
    onExit: (settled) => { clock = settled; screen.quit(); },
    isInterrupted,
  });
  // The channel is ours before the first frame: a second presenter on this state dir stops
  // with one line before it draws anything or starts a local ECR (a few ms: a Unix socket).
  const publisher = await openPublisher(dir, deck.id);
  if (interrupt.isRequested) {
    // Interrupted before the first frame: nothing drawn, no local ECR started.
    await Promise.all([publisher.close(), closeLive(live)]);
    return 0;
  }
  const releaseWarnings = holdWarnings();
  // Ink draws at most 30 frames a second unless told: a slide turn must not wait up to 33 ms for its slot.
  const screen = mountScreen(Presenter, props, { exitOnCtrlC: false, maxFps: 240 });
  const rerender = () => screen.refresh();
  // The presenter settles its clock and calls onExit; should it not answer within a second, the
  // screen quits without it (the rehearsal then has no times).
  interrupt.onRequest(() => {
    isInterrupted = true;
    rerender();
    setTimeout(() => screen.quit(), 1000).unref();
  });
  const markdown = loadMarkdown().then(rerender);
  const starting = live ? Promise.resolve() : openTarget(opts, { admin: true, interactive: true }).then(
    (t) => { local = t; rerender(); },
    (err: unknown) => { startFailure = (err as Error).message; rerender(); },
  );
  await screen.quitted;
  // Ink leaves the cursor at the end of the last frame's last row: what follows starts below it.
  process.stdout.write('\n');
  await Promise.all([markdown, starting]);
  const changed = local && worldChanges(local);
  if (changed) process.stdout.write(`left on for next time: ${changed} (f switches them off)\n`);
  await Promise.all([publisher.close(), fallback?.close(), local?.close(), closeLive(live)]);
  releaseWarnings();
  if (publisher.problem) process.stderr.write(`ecr-lab: ${publisher.problem}\n`);
  if (opts.rehearse && clock) await report(deck, clock);
  if (startFailure) process.stderr.write(`ecr-lab: the local ECR did not start: ${startFailure}\n`);
  return startFailure ? 1 : 0;
}

/** Says what is left on the live account (as the lesson TUI does) and closes it. */
async function closeLive(live: LiveOpening | undefined): Promise<void> {
  if (!live?.target) return;
  await printRemaining(live.target.context);
  await live.target.close();
}

/** What the status bar says of the target: live (or why it is out of reach), or the local ECR as it starts. */
function presenterTarget(live: LiveOpening | undefined, local: Target | undefined, startFailure: string | undefined): PresenterProps['target'] {
  if (live) return { label: live.target ? targetLabel(live.target) : 'live AWS', isLive: true, problem: live.problem, context: live.context };
  const label = local ? targetLabel(local) : startFailure ? 'local ECR' : 'local ECR (starting…)';
  return { label, isLive: false, problem: startFailure, context: local?.context ?? defaultContext() };
}

/** Prints the rehearsal table and saves it; a save that fails is one line, the table is printed anyway. */
async function report(deck: Deck, clock: PresenterClock): Promise<void> {
  // The presenter's own times (its start, its quit), not the command's, which include the
  // start and close of the local ECR: the saved total then disagreed with the elapsed clock.
  const r = rehearsal(deck, slidePlan(deck), { ...clock, endedAt: clock.enteredAt });
  out(rehearsalTable(r).join('\n'));
  try {
    out(`saved ${await saveRehearsal(stateDir(), r)}`);
  } catch (err) {
    throw new UserError(`the rehearsal could not be saved: ${(err as Error).message}`);
  }
}
