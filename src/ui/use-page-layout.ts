// Lays out the open page at the content width and reports its size to the reducer, which
// needs it to clamp scrolling and bring a focused block into view.
import { type Dispatch, useEffect, useMemo } from 'react';
import type { Lesson } from '../core/lesson.js';
import { type NavAction, type NavState, currentPage, focusedBlock, nextLessonOffer, quizSelection } from '../core/navigation.js';
import { isRevealed, lessonProgress, quizTries } from '../core/progress.js';
import type { TargetContext } from '../core/steps.js';
import { FRAME_SIDES, wrapped } from '../markdown/blocks.js';
import { type PageLayout, layoutPage, proseLines } from '../markdown/page.js';
import { type StyledLine, line } from '../markdown/styled.js';
import { stepStatusLines } from './step-status.js';
import type { StepRun } from './use-step-runs.js';

export interface PageLayoutInput {
  readonly state: NavState;
  readonly lessons: readonly Lesson[];
  readonly width: number;
  readonly height: number;
  readonly context: TargetContext;
  readonly runs: Readonly<Record<string, StepRun>>;
  /** False while steps cannot run yet; the reason when they never will (see stepStatusLines). */
  readonly hasRunner: boolean | string;
  readonly dispatch: Dispatch<NavAction>;
  /** Whether prose is drawn yet (see PageView.isProseReady). */
  readonly isProseReady: boolean;
}

const EMPTY: PageLayout = { lines: [], blockTops: [] };

/** The key of a step card's runs: lesson, page and block. */
export function runKey(lessonId: string, page: number, block: number): string {
  return `${lessonId}/${page}/${block}`;
}

/** What the end of a lesson's last page offers: the next lesson, or the way back to the list. */
export function lessonEndLines(state: NavState, lessons: readonly Lesson[], width: number): StyledLine[] {
  const offer = nextLessonOffer(state, lessons);
  if (!offer) return [];
  if (offer === 'end') return [line(''), ...wrapped('The last page of the course · Esc: the lesson list', width, 'dim')];
  return [line(''), ...wrapped(`→ l: next lesson, ${offer.index + 1}. ${offer.lesson.title}`, width, 'accent')];
}

/** The laid-out page (empty on the list); keeps the reducer's viewport in step with it. */
export function usePageLayout(input: PageLayoutInput): PageLayout {
  const { state, lessons, width, height, context, runs, hasRunner, dispatch, isProseReady } = input;
  const page = currentPage(state, lessons);
  const lesson = lessons[state.lessonIndex];
  const focused = focusedBlock(state, lessons)?.index;
  const answers = lesson ? lessonProgress(state.progress, lesson.id) : undefined;
  const layout = useMemo(() => {
    if (!page || !lesson) return EMPTY;
    const laid = layoutPage(page, width, {
      color: true,
      context,
      focusedBlock: focused,
      diagramOffset: state.sideways,
      isProseReady,
      quiz: (quiz) => ({
        selected: quizSelection(state, lesson.id, quiz),
        tries: answers ? quizTries(answers, quiz.id) : [],
        isRevealed: answers ? isRevealed(answers, quiz.id) : false,
      }),
      stepStatus: (_step, index) => stepStatusLines(
        runs[runKey(lesson.id, state.page, index)], hasRunner, focused === index, width - FRAME_SIDES),
    });
    const end = lessonEndLines(state, lessons, width);
    return end.length > 0 ? { ...laid, lines: [...laid.lines, ...end] } : laid;
    // `state` matters here only through the page, focus, selections and tries listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the line above
  }, [page, lesson, width, context, focused, state.selections, answers, runs, hasRunner, state.page, lessons, state.sideways, isProseReady]);

  useEffect(() => {
    dispatch({ type: 'layout', viewport: { height, contentHeight: layout.lines.length, blockTops: layout.blockTops, wideBy: layout.wideBy ?? 0 } });
  }, [dispatch, height, layout]);
  usePreparedNeighbours(lessons, state.screen === 'lesson' ? state.lessonIndex : -1, state.page, width, isProseReady);
  return layout;
}

/**
 * Renders the prose of the pages a key can open next (the one before, the one after, or the
 * next lesson's first) while the learner reads, one block per turn of the event loop so that a
 * key is never kept waiting behind more than one block. A page's first visit otherwise pays for
 * marked-terminal's rendering (~60 ms on the longest page, Node 20) in the page turn itself.
 */
function usePreparedNeighbours(lessons: readonly Lesson[], lessonIndex: number, page: number, width: number, isProseReady: boolean): void {
  useEffect(() => {
    const lesson = lessons[lessonIndex];
    if (!lesson || !isProseReady) return undefined;
    const pages = [lesson.pages[page + 1] ?? lessons[lessonIndex + 1]?.pages[0], lesson.pages[page - 1]];
    const blocks = pages.flatMap((p) => p?.blocks.filter((b) => b.kind === 'markdown') ?? []);
    let next = 0;
    let timer: NodeJS.Immediate | undefined;
    const prepare = (): void => {
      const block = blocks[next++];
      if (!block) return;
      proseLines(block, width, true);
      timer = setImmediate(prepare);
    };
    timer = setImmediate(prepare);
    return () => { if (timer) clearImmediate(timer); };
  }, [lessons, lessonIndex, page, width, isProseReady]);
}
