import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlaps, placeLabels } from '../../src/web/labels.ts';

const measure = (text: string, font: number) => text.length * font * 0.6;
const candidate = (key: string, x: number, y: number, size = 5, forced = false) => ({
  key,
  label: key,
  x,
  y,
  size,
  forced,
  reserved: false,
  color: '#222',
});

describe('label placement', () => {
  it('keeps the larger node’s label and moves or drops the colliding one', () => {
    const placed = placeLabels(
      [candidate('small', 100, 100, 4), candidate('big', 100, 102, 12), candidate('far', 100, 300)],
      measure,
      800,
      600,
    );
    // Larger nodes are placed first.
    expect(placed.map((p) => p.key)).toEqual(['big', 'far', 'small']);
    // 'small' went to the left of its node.
    const small = placed.find((p) => p.key === 'small')!;
    expect(small.x + small.width).toBeLessThan(100);
  });

  it('puts a label left of its node at the right edge of the canvas', () => {
    const [p] = placeLabels([candidate('edge', 790, 50)], measure, 800, 600);
    expect(p!.x + p!.width).toBeLessThanOrEqual(800);
  });

  it('never places two overlapping labels', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 400 }),
            y: fc.integer({ min: 0, max: 300 }),
            size: fc.integer({ min: 2, max: 16 }),
          }),
          {
            maxLength: 60,
          },
        ),
        (points) => {
          const placed = placeLabels(
            points.map((p, i) => candidate(`node ${i}`, p.x, p.y, p.size)),
            measure,
            400,
            300,
          );
          for (let i = 0; i < placed.length; i += 1)
            for (let j = i + 1; j < placed.length; j += 1)
              expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
        },
      ),
    );
  });
});
