import { type RefObject, useEffect, useState } from "react";

/**
 * How long a racing scroll must stay still to count as resting (a paused scrollbar drag sends no `scrollend`);
 * it rests only if the frame after that brings no scroll either, since a busy page can go longer than this
 * between two frames of a running scroll animation.
 */
const REST_MS = 80;

/**
 * Whether `scroller` is racing past its content: its last scroll moved it more than a screen, and it has not
 * come to rest yet (`scrollend`, or no scroll for a moment). Keyboard End, a click in the scrollbar's track and
 * a dragged thumb scroll that way: a list should not fetch what it passes then, as those rows leave the screen
 * before they could arrive, and their requests would hold up the rows where the scroll stops.
 */
export function useScrollRacing(scroller: RefObject<HTMLElement | null>): boolean {
  const [racing, setRacing] = useState(false);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let top = element.scrollTop;
    let scrolls = 0;
    let resting: ReturnType<typeof setTimeout> | undefined;
    const rest = () => {
      clearTimeout(resting);
      setRacing(false);
    };
    // A frame's scroll events come before its animation frame callbacks: none in between means it stopped.
    const restUnlessScrolling = () => {
      const seen = scrolls;
      requestAnimationFrame(() => {
        if (scrolls === seen) rest();
      });
    };
    const onScroll = () => {
      scrolls++;
      const moved = Math.abs(element.scrollTop - top);
      top = element.scrollTop;
      if (moved <= element.clientHeight) return rest();
      setRacing(true);
      clearTimeout(resting);
      resting = setTimeout(restUnlessScrolling, REST_MS);
    };
    // Before the virtualizer's own listener (capture comes first at the target), which renders the rows under
    // the new position at once (flushSync): that render must know the scroll is racing.
    element.addEventListener("scroll", onScroll, { passive: true, capture: true });
    element.addEventListener("scrollend", rest);
    return () => {
      clearTimeout(resting);
      element.removeEventListener("scroll", onScroll, { capture: true });
      element.removeEventListener("scrollend", rest);
    };
  }, [scroller]);
  return racing;
}
