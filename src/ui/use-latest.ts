// The latest value of a prop or a render's result, for handlers that run between renders (a key
// Ink delivers before the next frame, a step event). React may not have a ref written during
// render (a render it throws away would leave a value no frame showed), so it is written as
// the frame is committed: Ink renders in legacy mode, synchronously, so no key or event can
// arrive between the commit and this layout effect.
import { type RefObject, useLayoutEffect, useRef } from 'react';

/** A ref that holds `value` as of the last committed render. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
