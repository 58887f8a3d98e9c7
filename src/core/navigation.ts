// The TUI's navigation as pure data: which screen, lesson, page, scroll and focus, the quiz
// cursor, and the learner's progress, changed only by `navigate(state, action, lessons, drills)`.
// The fault panel and the drills screen live in troubleshooting-nav.ts, a drill's play in drill-play.ts,
// the paste box in paste-box.ts.
import type { Drill } from './drill.js';
import type { Block, Lesson, Page, QuizBlock } from './lesson.js';
import { type Progress, lessonProgress, markPageSeen, quizTries, recordAnswer, revealAnswer } from './progress.js';
import { type DrillPlay, onDrill } from './drill-play.js';
import { type PasteAction, type PasteBox, onPasteBox, openPasteBox } from './paste-box.js';
import { type QueuedEffect, type TroubleAction, onDrills, onFaultPanel, openDrills, settle } from './troubleshooting-nav.js';

/** What a key asks for; the keymap in src/ui turns key presses into these. */
export type NavAction =
  | { readonly type: 'next' | 'prev' | 'up' | 'down' | 'page-up' | 'page-down' }
  | { readonly type: 'activate' | 'focus-next' | 'focus-prev' | 'back' | 'help' | 'quit' }
  /** Shows the focused question's answer, after a wrong try. */
  | { readonly type: 'reveal' }
  | { readonly type: 'choose'; readonly index: number }
  /** Scroll the page's wide diagrams sideways by `columns` (negative: back to the left). */
  | { readonly type: 'sideways'; readonly columns: number }
  | { readonly type: 'panel'; readonly panel: PanelId }
  | { readonly type: 'layout'; readonly viewport: Viewport }
  /** How far the help overlay's rows can scroll, as drawn. */
  | { readonly type: 'help-layout'; readonly maxScroll: number }
  | TroubleAction
  | PasteAction;

/** The views opened in place of the page: who am I, the registry, the local ECR's wire, its faults. */
export type PanelId = 'whoami' | 'registry' | 'wire' | 'faults';

/** What the screen reports after drawing a page: visible rows, content rows, block positions. */
export interface Viewport {
  readonly height: number;
  readonly contentHeight: number;
  /** The first content row of each block of the page, by block index. */
  readonly blockTops: readonly number[];
  /** How many columns the page's widest diagram is wider than the view (0 or absent: none). */
  readonly wideBy?: number;
}

/** A step the learner asked to run; `seq` tells one request from the next. */
export interface RunRequest {
  readonly lessonId: string;
  readonly page: number;
  readonly block: number;
  readonly seq: number;
}

export interface NavState {
  readonly screen: 'list' | 'lesson' | 'drills' | 'drill';
  readonly isHelpOpen: boolean;
  /** The first row of the help overlay shown, and the last it can be (as the overlay reported). */
  readonly helpScroll: number;
  readonly helpMaxScroll: number;
  /** A panel opened in place of the lesson or the list; undefined when none is. */
  readonly panel?: PanelId;
  readonly isQuitting: boolean;
  /** The lesson under the cursor in the list, and the one open in the lesson screen. */
  readonly lessonIndex: number;
  readonly page: number;
  readonly scroll: number;
  /** Columns the page's wide diagrams are scrolled sideways by. */
  readonly sideways: number;
  /** Index into the page's interactive blocks (quizzes, steps); -1 when none is focused. */
  readonly focus: number;
  /** Quiz id -> the choice under the cursor. */
  readonly selections: Readonly<Record<string, number>>;
  readonly viewport: Viewport;
  readonly progress: Progress;
  readonly runRequest?: RunRequest;
  /** The drill under the cursor on the drills screen, and the screen Esc returns to from there. */
  readonly drillIndex: number;
  readonly drillsFrom?: 'list' | 'lesson';
  /** The drill being played, on the drill screen. */
  readonly play?: DrillPlay;
  /** The fault under the cursor in the fault panel, and why the last switch failed. */
  readonly faultCursor: number;
  readonly faultNotice?: string;
  /** Effects asked for and not yet taken by the UI, and the last sequence number given out. */
  readonly effects: readonly QueuedEffect[];
  readonly effectSeq: number;
  /** The paste box for error texts, over whatever screen is on view; it takes every key. */
  readonly paste?: PasteBox;
}

/** Indexes into `page.blocks` of the blocks that take focus, in order. */
export function interactiveBlocks(page: Page): number[] {
  return page.blocks.flatMap((b, i) => (b.kind === 'quiz' || b.kind === 'step' ? [i] : []));
}

/** The block that has focus, with its index in the page, or undefined. */
export function focusedBlock(state: NavState, lessons: readonly Lesson[]): { block: Block; index: number } | undefined {
  const page = currentPage(state, lessons);
  const index = page ? interactiveBlocks(page)[state.focus] : undefined;
  return page && index !== undefined ? { block: page.blocks[index] as Block, index } : undefined;
}

/** The page shown on the lesson screen. */
export function currentPage(state: NavState, lessons: readonly Lesson[]): Page | undefined {
  return state.screen === 'lesson' ? lessons[state.lessonIndex]?.pages[state.page] : undefined;
}

/** The choice under the cursor of a quiz: as moved, else the last choice tried, else the first. */
export function quizSelection(state: NavState, lessonId: string, quiz: QuizBlock): number {
  return state.selections[quiz.id] ?? quizTries(lessonProgress(state.progress, lessonId), quiz.id).at(-1) ?? 0;
}

const clamp = (n: number, low: number, high: number): number => Math.max(low, Math.min(high, n));

function maxScroll(v: Viewport): number {
  return Math.max(0, v.contentHeight - v.height);
}

function openPage(state: NavState, lessons: readonly Lesson[], lessonIndex: number, page: number): NavState {
  const lesson = lessons[lessonIndex];
  if (!lesson) return state;
  const p = clamp(page, 0, lesson.pages.length - 1);
  // The page on view already: its layout is drawn and reported, and would not be reported
  // again, so resetting its viewport would leave it unscrollable.
  if (state.screen === 'lesson' && state.lessonIndex === lessonIndex && state.page === p) return state;
  return {
    ...state, screen: 'lesson', lessonIndex, page: p, scroll: 0, sideways: 0, focus: -1,
    viewport: { ...state.viewport, contentHeight: 0, blockTops: [] },
    progress: markPageSeen(state.progress, lesson.id, p),
  };
}

/** The first state: on the list, or in `lessonId` (or the lesson of `progress.last`) to resume. */
export function initialNavState(lessons: readonly Lesson[], progress: Progress, lessonId?: string): NavState {
  const state: NavState = {
    screen: 'list', isHelpOpen: false, helpScroll: 0, helpMaxScroll: 0, isQuitting: false, lessonIndex: 0, page: 0, scroll: 0, sideways: 0, focus: -1,
    selections: {}, viewport: { height: 0, contentHeight: 0, blockTops: [] }, progress,
    drillIndex: 0, faultCursor: 0, effects: [], effectSeq: 0,
  };
  const wanted = lessonId ?? progress.last?.lessonId;
  const index = lessons.findIndex((l) => l.id === wanted);
  if (index < 0) return state;
  const last = progress.last;
  const page = last !== undefined && last.lessonId === wanted ? last.page : 0;
  return openPage(state, lessons, index, page);
}

/**
 * Scrolls so that the focused block shows whole, or its top when it is taller than the view;
 * with `isFollowing`, a step card shows its end instead, where its output streams in.
 */
function scrollToFocus(state: NavState, lessons: readonly Lesson[], isFollowing = false): NavState {
  const target = focusedBlock(state, lessons);
  const v = state.viewport;
  if (!target || v.height <= 0) return state;
  const top = v.blockTops[target.index] ?? 0;
  // The row before the next block is the blank line between the two.
  const end = (v.blockTops[target.index + 1] ?? v.contentHeight + 1) - 2;
  let scroll = state.scroll;
  if (end >= scroll + v.height) {
    const endInView = end - v.height + 1;
    scroll = isFollowing && target.block.kind === 'step' ? endInView : Math.min(top, endInView);
  } else if (top < scroll) {
    scroll = top;
  }
  return { ...state, scroll: clamp(scroll, 0, maxScroll(v)) };
}

function moveFocus(state: NavState, lessons: readonly Lesson[], step: 1 | -1): NavState {
  const page = currentPage(state, lessons);
  const count = page ? interactiveBlocks(page).length : 0;
  if (count === 0) return state;
  // Cycles through the blocks and then "nothing focused", so up/down can scroll again.
  const focus = ((state.focus + 1 + step + count + 1) % (count + 1)) - 1;
  return scrollToFocus({ ...state, focus }, lessons);
}

function answer(state: NavState, lessons: readonly Lesson[], quiz: QuizBlock, choice: number): NavState {
  const lessonId = lessons[state.lessonIndex]?.id ?? '';
  return {
    ...state,
    selections: { ...state.selections, [quiz.id]: choice },
    progress: recordAnswer(state.progress, lessonId, quiz, choice),
  };
}

function reveal(state: NavState, lessons: readonly Lesson[]): NavState {
  const target = focusedBlock(state, lessons);
  const lessonId = lessons[state.lessonIndex]?.id ?? '';
  return target?.block.kind === 'quiz' ? { ...state, progress: revealAnswer(state.progress, lessonId, target.block) } : state;
}

function activate(state: NavState, lessons: readonly Lesson[]): NavState {
  const target = focusedBlock(state, lessons);
  if (!target) return moveFocus(state, lessons, 1);
  if (target.block.kind === 'quiz') {
    return answer(state, lessons, target.block, quizSelection(state, lessons[state.lessonIndex]?.id ?? '', target.block));
  }
  const lessonId = lessons[state.lessonIndex]?.id ?? '';
  return { ...state, runRequest: { lessonId, page: state.page, block: target.index, seq: (state.runRequest?.seq ?? 0) + 1 } };
}

function vertical(state: NavState, lessons: readonly Lesson[], delta: number, isPage: boolean): NavState {
  const target = focusedBlock(state, lessons);
  if (target?.block.kind === 'quiz' && !isPage) {
    const lessonId = lessons[state.lessonIndex]?.id ?? '';
    const choice = clamp(quizSelection(state, lessonId, target.block) + delta, 0, target.block.choices.length - 1);
    return { ...state, selections: { ...state.selections, [target.block.id]: choice } };
  }
  const rows = isPage ? delta * Math.max(1, state.viewport.height - 1) : delta;
  return { ...state, scroll: clamp(state.scroll + rows, 0, maxScroll(state.viewport)) };
}

function sameViewport(a: Viewport, b: Viewport): boolean {
  return a.height === b.height && a.contentHeight === b.contentHeight && (a.wideBy ?? 0) === (b.wideBy ?? 0)
    && a.blockTops.length === b.blockTops.length && a.blockTops.every((t, i) => t === b.blockTops[i]);
}

function onList(state: NavState, action: NavAction, lessons: readonly Lesson[]): NavState {
  switch (action.type) {
    case 'up': case 'down': case 'page-up': case 'page-down': {
      const delta = action.type === 'up' || action.type === 'page-up' ? -1 : 1;
      const size = action.type.startsWith('page') ? 5 : 1;
      return { ...state, lessonIndex: clamp(state.lessonIndex + delta * size, 0, Math.max(0, lessons.length - 1)) };
    }
    case 'activate': case 'next': return openPage(state, lessons, state.lessonIndex, 0);
    default: return state;
  }
}

/** On a lesson's last page: the lesson after it, or 'end' on the course's last page; else undefined. */
export function nextLessonOffer(state: NavState, lessons: readonly Lesson[]): { lesson: Lesson; index: number } | 'end' | undefined {
  const lesson = state.screen === 'lesson' ? lessons[state.lessonIndex] : undefined;
  if (!lesson || state.page < lesson.pages.length - 1) return undefined;
  const next = lessons[state.lessonIndex + 1];
  return next ? { lesson: next, index: state.lessonIndex + 1 } : 'end';
}

/** The next page, or on a lesson's last page the next lesson's first. */
function nextPage(state: NavState, lessons: readonly Lesson[]): NavState {
  const offer = nextLessonOffer(state, lessons);
  if (offer === 'end') return state;
  return offer ? openPage(state, lessons, offer.index, 0) : openPage(state, lessons, state.lessonIndex, state.page + 1);
}

/** The previous page, or on a lesson's first page the previous lesson's last, so Left undoes Right. */
function prevPage(state: NavState, lessons: readonly Lesson[]): NavState {
  const before = lessons[state.lessonIndex - 1];
  if (state.page > 0 || !before) return openPage(state, lessons, state.lessonIndex, state.page - 1);
  return openPage(state, lessons, state.lessonIndex - 1, before.pages.length - 1);
}

function onLesson(state: NavState, action: NavAction, lessons: readonly Lesson[]): NavState {
  switch (action.type) {
    case 'next': return nextPage(state, lessons);
    case 'prev': return prevPage(state, lessons);
    case 'up': case 'down': return vertical(state, lessons, action.type === 'up' ? -1 : 1, false);
    case 'page-up': case 'page-down': return vertical(state, lessons, action.type === 'page-up' ? -1 : 1, true);
    case 'focus-next': return moveFocus(state, lessons, 1);
    case 'focus-prev': return moveFocus(state, lessons, -1);
    case 'activate': return activate(state, lessons);
    case 'reveal': return reveal(state, lessons);
    case 'sideways': {
      const sideways = clamp(state.sideways + action.columns, 0, state.viewport.wideBy ?? 0);
      return sideways === state.sideways ? state : { ...state, sideways };
    }
    case 'back': return state.focus >= 0 ? { ...state, focus: -1 } : { ...state, screen: 'list', scroll: 0 };
    case 'choose': {
      const target = focusedBlock(state, lessons);
      return target?.block.kind === 'quiz' && action.index < target.block.choices.length
        ? answer(state, lessons, target.block, action.index) : state;
    }
    default: return state;
  }
}

/** Under the help overlay: Esc closes it, the scrolling keys scroll it, the rest does nothing. */
function onHelp(state: NavState, action: NavAction): NavState {
  const rows = Math.max(1, state.viewport.height - 1);
  const delta = { up: -1, down: 1, 'page-up': -rows, 'page-down': rows }[action.type as string];
  if (action.type === 'back') return { ...state, isHelpOpen: false };
  if (delta === undefined) return state;
  const helpScroll = clamp(state.helpScroll + delta, 0, state.helpMaxScroll);
  return helpScroll === state.helpScroll ? state : { ...state, helpScroll };
}

function onScreen(state: NavState, action: NavAction, lessons: readonly Lesson[], drills: readonly Drill[]): NavState {
  if (action.type === 'drills') return openDrills(state);
  if (action.type === 'explain') return openPasteBox(state);
  switch (state.screen) {
    case 'list': return onList(state, action, lessons);
    case 'lesson': return onLesson(state, action, lessons);
    case 'drills': return onDrills(state, action, drills);
    case 'drill': return onDrill(state, action);
  }
}

/** The state after one action. Pure: the same state, action, lessons and drills give the same result. */
export function navigate(state: NavState, action: NavAction, lessons: readonly Lesson[], drills: readonly Drill[] = []): NavState {
  // Results of effects arrive whatever is on screen.
  const settled = settle(state, action);
  if (settled) return settled;
  if (state.paste && action.type !== 'layout') return onPasteBox(state, action);
  if (action.type === 'quit') return { ...state, isQuitting: true };
  if (action.type === 'help') return { ...state, isHelpOpen: !state.isHelpOpen, helpScroll: 0 };
  if (action.type === 'help-layout') {
    if (action.maxScroll === state.helpMaxScroll) return state;
    return { ...state, helpMaxScroll: action.maxScroll, helpScroll: clamp(state.helpScroll, 0, action.maxScroll) };
  }
  if (action.type === 'layout') {
    if (sameViewport(state.viewport, action.viewport)) return state;
    const next = {
      ...state, viewport: action.viewport, scroll: clamp(state.scroll, 0, maxScroll(action.viewport)),
      sideways: clamp(state.sideways, 0, action.viewport.wideBy ?? 0),
    };
    // A focused block that grew (an explanation, a step's output) is kept in view.
    return next.focus >= 0 ? scrollToFocus(next, lessons, true) : next;
  }
  if (state.isHelpOpen) return onHelp(state, action);
  if (action.type === 'panel') return { ...state, panel: state.panel === action.panel ? undefined : action.panel };
  if (state.panel === 'faults') return onFaultPanel(state, action);
  // An open panel covers the page: keys that would act on it unseen do nothing.
  if (state.panel) return action.type === 'back' ? { ...state, panel: undefined } : state;
  return onScreen(state, action, lessons, drills);
}
