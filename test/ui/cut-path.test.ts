import { describe, expect, it } from 'vitest';
import { cutPath } from '../../src/ui/state/cut.js';
import { layout, pathColumns } from '../../src/ui/state/layout.js';

describe('cutPath', () => {
  it('leaves a path that fits as it is', () => {
    expect(cutPath('/v3/access-requests', 19)).toBe('/v3/access-requests');
  });

  it('keeps the first two segments and as many of the last as fit, within the width', () => {
    const events = '/v1.0/users/{user-id}/calendars/{calendar-id}/events';
    expect(cutPath(events, 40)).toBe('/v1.0/users/…/{calendar-id}/events');
    expect(cutPath(events, 20)).toBe('/v1.0/users/…/events');
    expect(cutPath('/v1.0/users/{user-id}/calendar/events', 30)).toBe(
      '/v1.0/users/…/calendar/events',
    );
    for (const width of [8, 12, 20, 30, 40]) {
      expect(cutPath(events, width).length).toBeLessThanOrEqual(width);
    }
  });

  it('keeps the end of a last segment too long on its own', () => {
    expect(cutPath('/v1.0/me/microsoft.graph.getMemberGroups', 20)).toBe('…aph.getMemberGroups');
  });
});

describe('the left column for long paths', () => {
  it('widens at 120 columns for Graph-length paths, never below 66 columns on the right', () => {
    expect(layout(120, 40, 3).leftWidth).toBe(40);
    expect(layout(120, 40, 3, 60).leftWidth).toBe(54);
    expect(layout(80, 24, 3, 60).leftWidth).toBe(30);
    expect(layout(200, 50, 3, 20).leftWidth).toBe(46);
    expect(layout(200, 50, 3, 100).rightWidth).toBeGreaterThanOrEqual(66);
  });

  it('sizes for nine paths in ten, not the one longest', () => {
    const paths = [...Array.from({ length: 9 }, () => '/v3/short'), `/v3/${'x'.repeat(200)}`];
    expect(pathColumns(paths)).toBe('/v3/short'.length);
    expect(pathColumns([])).toBe(0);
  });
});
