/**
 * Node labels that never collide: sigma's label grid proposes candidates, this pass places them greedily
 * (forced labels first, then larger nodes), right of the node or else left of it, inside the canvas,
 * and drops any label that would overlap one already placed. Font size grows with node size.
 */
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

export interface LabelBox {
  key: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Font size in pixels. */
  font: number;
}

interface Candidate {
  key: string;
  label: string;
  x: number;
  y: number;
  size: number;
  forced: boolean;
  /** Drawn by sigma's hover layer: its place is kept free, the label itself is not drawn here. */
  reserved: boolean;
  color: string;
}

/** Font sizes for the smallest and largest nodes. */
const MIN_FONT = 11;
const MAX_FONT = 18;
/** Font size of sigma's hover label (its `labelSize` setting). */
const HOVER_FONT = 14;
/** Labels longer than this are cut with an ellipsis. */
const MAX_LABEL_CHARS = 42;
/** Free space kept around each label. */
const GAP = 2;

function fontSize(nodeSize: number): number {
  return Math.round(Math.min(MAX_FONT, Math.max(MIN_FONT, MIN_FONT + (nodeSize - 4) * 0.6)));
}

function shortLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…` : label;
}

export function overlaps(a: LabelBox, b: LabelBox): boolean {
  return (
    a.x < b.x + b.width + GAP &&
    b.x < a.x + a.width + GAP &&
    a.y < b.y + b.height + GAP &&
    b.y < a.y + a.height + GAP
  );
}

/**
 * Places labels: each candidate gets the first of its two positions that stays inside the canvas and
 * clear of the labels placed before it (forced labels and larger nodes go first).
 */
export function placeLabels(
  candidates: readonly Candidate[],
  measure: (text: string, font: number) => number,
  width: number,
  height: number,
): (LabelBox & { color: string; reserved: boolean })[] {
  const order = [...candidates].sort(
    (a, b) =>
      Number(b.reserved) - Number(a.reserved) || Number(b.forced) - Number(a.forced) || b.size - a.size,
  );
  const placed: (LabelBox & { color: string; reserved: boolean })[] = [];
  for (const c of order) {
    const font = c.reserved ? HOVER_FONT : fontSize(c.size);
    const text = shortLabel(c.label);
    const w = measure(text, font);
    const h = font + 2;
    const y = c.y - h / 2;
    const sides = [c.x + c.size + 3, c.x - c.size - 3 - w];
    for (const x of sides) {
      const box = {
        key: c.key,
        label: text,
        x,
        y,
        width: w,
        height: h,
        font,
        color: c.color,
        reserved: c.reserved,
      };
      if (c.reserved) {
        placed.push(box);
        break;
      }
      const inside = x >= 0 && y >= 0 && x + w <= width && y + h <= height;
      if (!inside && !c.forced) continue;
      if (placed.some((p) => overlaps(p, box))) continue;
      placed.push(box);
      break;
    }
  }
  return placed;
}

/** A label layer for one sigma instance: give `draw` to sigma, call `flush` after each render. */
export class LabelLayer {
  private candidates: Candidate[] = [];
  /** The labels drawn by the last render, in viewport pixels. */
  drawn: LabelBox[] = [];
  constructor(private readonly fontFamily = 'system-ui, sans-serif') {}

  reset(): void {
    this.candidates = [];
  }

  /** sigma's `defaultDrawNodeLabel`: records the label instead of drawing it. */
  readonly draw = (
    _context: CanvasRenderingContext2D,
    data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key?: string },
    _settings: unknown,
  ): void => {
    if (!data.label) return;
    this.candidates.push({
      key: data.key ?? data.label,
      label: data.label,
      x: data.x,
      y: data.y,
      size: data.size,
      forced: data.forceLabel === true,
      reserved: data.highlighted === true,
      color: '#222',
    });
  };

  /** Places and draws the recorded labels on sigma's label canvas. */
  flush(context: CanvasRenderingContext2D, width: number, height: number): void {
    const measure = (text: string, font: number) => {
      context.font = `${font}px ${this.fontFamily}`;
      return context.measureText(text).width;
    };
    const placed = placeLabels(this.candidates, measure, width, height);
    context.save();
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    for (const p of placed) {
      if (p.reserved) continue;
      context.font = `${p.font}px ${this.fontFamily}`;
      context.lineWidth = 3;
      context.strokeStyle = 'rgba(255,255,255,0.9)';
      context.strokeText(p.label, p.x, p.y + p.height / 2);
      context.fillStyle = p.color;
      context.fillText(p.label, p.x, p.y + p.height / 2);
    }
    context.restore();
    this.drawn = placed.map(({ key, label, x, y, width: w, height: h, font }) => ({
      key,
      label,
      x,
      y,
      width: w,
      height: h,
      font,
    }));
    this.candidates = [];
  }
}
