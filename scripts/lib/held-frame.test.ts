import { describe, expect, it } from 'vitest';
import { firstFrameHold, heldFirstFrame, type TraceEvent } from './held-frame';

const frame = 'MAIN';
const other = 'IFRAME';
const us = (ms: number) => 1_000_000 + ms * 1000;

function trace({ paintedAt, fcpAt, extra = [] }: { paintedAt: number[]; fcpAt: number; extra?: TraceEvent[] }): TraceEvent[] {
  return [
    { name: 'navigationStart', ts: us(0), args: { frame, data: { navigationId: 'N1', isLoadingMainFrame: true } } },
    ...paintedAt.map((ms) => ({ name: 'PaintTimingVisualizer::LayoutObjectPainted', ts: us(ms), args: { data: { frame } } })),
    ...extra,
    { name: 'firstContentfulPaint', ts: us(fcpAt), args: { frame, data: { navigationId: 'N1' } } },
  ];
}

describe('firstFrameHold', () => {
  it('measures from the first object painted to the reported first contentful paint', () => {
    expect(firstFrameHold(trace({ paintedAt: [180, 175, 190], fcpAt: 228 }))).toBe(53);
    expect(heldFirstFrame(trace({ paintedAt: [175], fcpAt: 228 }))).toBe(false);
  });

  it('tells a held first frame apart: painted at 267 ms, shown at 1279 ms', () => {
    const events = trace({ paintedAt: [267, 273], fcpAt: 1279 });
    expect(firstFrameHold(events)).toBe(1012);
    expect(heldFirstFrame(events)).toBe(true);
  });

  it('ignores paints in other frames and before the navigation', () => {
    const events = trace({
      paintedAt: [900],
      fcpAt: 950,
      extra: [
        { name: 'PaintTimingVisualizer::LayoutObjectPainted', ts: us(100), args: { data: { frame: other } } },
        { name: 'PaintTimingVisualizer::LayoutObjectPainted', ts: us(-50), args: { data: { frame } } },
      ],
    });
    expect(firstFrameHold(events)).toBe(50);
    expect(heldFirstFrame(events)).toBe(false);
  });

  it('knows nothing without a first contentful paint or a painted object, and does not call that held', () => {
    expect(firstFrameHold(trace({ paintedAt: [], fcpAt: 300 }))).toBeNull();
    expect(firstFrameHold(trace({ paintedAt: [100], fcpAt: 300 }).filter((e) => e.name !== 'firstContentfulPaint'))).toBeNull();
    expect(heldFirstFrame([])).toBe(false);
  });
});
