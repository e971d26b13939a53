// Headless Chrome sometimes holds back the first frame of a page: the content is painted
// on time, but viz stops sending the page's renderer BeginFrames for up to a second
// ("ThrottleUnresponsiveClient"), so the frame is shown, and first contentful paint
// recorded, a second or two late. Lighthouse's simulation then counts everything that
// finished before that moment as needed for the paint, and a page that paints in a
// quarter of a second scores in the 80s. Reported upstream with statistics from
// PageSpeed Insights' own machines: https://github.com/GoogleChrome/lighthouse/issues/17148
// (open). On a 2-core machine it hits about one run in three.
//
// This tells such runs apart from the trace: the time from the first contentful object
// painted in the main frame to the first contentful paint Chrome reports. Normally one
// or two frames (under 100 ms here); in a held run, close to a second or more.

export type TraceEvent = { name: string; ts: number; args?: { frame?: string; data?: Record<string, unknown> } };

/** Holds longer than this are the throttling, not the page: a frame is 16 ms, a slow one 100 ms. */
export const HELD_FRAME_MS = 400;

/**
 * Milliseconds between the first contentful object painted in the page's main frame and the
 * first contentful paint Chrome reported for it, or null when the trace lacks either.
 */
export function firstFrameHold(events: readonly TraceEvent[]): number | null {
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.args?.frame);
  if (!fcp) return null;
  const navigationId = fcp.args?.data?.navigationId;
  const start = events.find(
    (e) => e.name === 'navigationStart' && e.args?.frame === fcp.args?.frame && e.args?.data?.navigationId === navigationId,
  );
  const painted = events
    .filter(
      (e) =>
        e.name === 'PaintTimingVisualizer::LayoutObjectPainted' &&
        e.args?.data?.frame === fcp.args?.frame &&
        e.ts >= (start?.ts ?? -Infinity) &&
        e.ts <= fcp.ts,
    )
    .reduce<TraceEvent | null>((first, e) => (first && first.ts <= e.ts ? first : e), null);
  if (!painted) return null;
  return (fcp.ts - painted.ts) / 1000;
}

/** Whether the run's first frame was held back (see above); unknown counts as not held. */
export function heldFirstFrame(events: readonly TraceEvent[]): boolean {
  const hold = firstFrameHold(events);
  return hold !== null && hold > HELD_FRAME_MS;
}
