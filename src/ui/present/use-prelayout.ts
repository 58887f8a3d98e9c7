// Lays out every slide once in the background after the first frame, one slide a turn of the
// event loop, so a slide's first showing finds its large title and its prose already rendered
// (both are cached by text and width) and a key press pays only for drawing.
import { useEffect } from 'react';
import { useLatest } from '../use-latest.js';
import type { Deck } from '../../core/deck.js';
import type { PageView } from '../../markdown/page.js';
import { isMarkdownLoaded } from '../../markdown/render.js';
import { layoutSlide } from '../../markdown/slide.js';

/** Warms the layout caches of `deck` at `size` once the markdown renderer is loaded. */
export function usePrelayout(deck: Deck, size: { readonly columns: number; readonly rows: number }, view: PageView): void {
  const isLoaded = isMarkdownLoaded();
  const { columns, rows } = size;
  // `view` only supplies the target context; a new object each render must not restart warming.
  const latestView = useLatest(view);
  useEffect(() => {
    if (!isLoaded) return undefined;
    let next = 0;
    let timer: NodeJS.Timeout | undefined;
    const one = (): void => {
      const slide = deck.slides[next++];
      if (!slide) return;
      layoutSlide(slide, { columns, rows }, latestView.current);
      timer = setTimeout(one, 0);
      // Warming must not keep the process alive after the presenter has ended.
      timer.unref?.();
    };
    timer = setTimeout(one, 0);
    timer.unref?.();
    return () => clearTimeout(timer);
  }, [deck, columns, rows, isLoaded, latestView]);
}
