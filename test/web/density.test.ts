import { describe, expect, it } from 'vitest';
import { densityGrid } from '../../src/web/density.ts';

describe('kernel density grid', () => {
  it('keeps the total weight inside the grid and peaks at the point', () => {
    const grid = densityGrid([{ x: 50, y: 50, weight: 2, group: 0 }], 20, 20, 5, 1.5, null);
    const total = grid.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(2, 4);
    const peak = grid.indexOf(Math.max(...grid));
    expect([peak % 20, Math.floor(peak / 20)]).toEqual([10, 10]);
  });

  it('counts only the group asked for', () => {
    const points = [
      { x: 10, y: 10, weight: 1, group: 0 },
      { x: 70, y: 70, weight: 3, group: 1 },
    ];
    const g1 = densityGrid(points, 20, 20, 5, 1, 1);
    expect(g1.reduce((s, v) => s + v, 0)).toBeCloseTo(3, 4);
    expect(g1[2 * 20 + 2]).toBe(0);
  });
});
