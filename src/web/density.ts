/**
 * VOSviewer's density view: a Gaussian kernel density of node weights, drawn on a canvas under sigma's
 * layers and redrawn after every render (the kernel width follows the zoom, as a width in map units).
 * One density of all nodes, or one per cluster mixed by their colours.
 */
import type { Category, ColorScale } from './appearance.ts';
import { DENSITY_RAMP, parseHex, rampRgb } from './colors.ts';
import type { AnalysedSigma } from './graph-index.ts';

interface DensityPoint {
  /** Viewport pixels. */
  x: number;
  y: number;
  weight: number;
  /** Index into the group colours (per-cluster density), ignored for the total density. */
  group: number;
}

/** Kernel width as a share of the smaller side of the view at zoom ratio 1. */
const KERNEL_SHARE = 0.035;
/** Grid cells per kernel standard deviation: coarser cells when zoomed in keep the cost flat. */
const CELLS_PER_SIGMA = 5;
/** Most clusters drawn with their own colour; the rest join the last one. */
export const MAX_DENSITY_GROUPS = 12;

/** Splats weights onto a gw × gh grid of `cell`-pixel cells and blurs it with a Gaussian of `sigma` cells. */
export function densityGrid(
  points: readonly DensityPoint[],
  gw: number,
  gh: number,
  cell: number,
  sigma: number,
  group: number | null,
): Float32Array {
  const grid = new Float32Array(gw * gh);
  for (const p of points) {
    if (group !== null && p.group !== group) continue;
    const cx = Math.floor(p.x / cell);
    const cy = Math.floor(p.y / cell);
    if (cx < 0 || cy < 0 || cx >= gw || cy >= gh) continue;
    grid[cy * gw + cx]! += p.weight;
  }
  return blur(grid, gw, gh, sigma);
}

function gaussianKernel(sigma: number): Float32Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i += 1) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    k[i + r] = v;
    sum += v;
  }
  for (let i = 0; i < k.length; i += 1) k[i]! /= sum;
  return k;
}

/** Separable Gaussian blur (rows then columns), zero outside the grid. */
function blur(grid: Float32Array, gw: number, gh: number, sigma: number): Float32Array {
  const k = gaussianKernel(sigma);
  const r = (k.length - 1) / 2;
  const tmp = new Float32Array(grid.length);
  for (let y = 0; y < gh; y += 1) {
    const row = y * gw;
    for (let x = 0; x < gw; x += 1) {
      const v = grid[row + x]!;
      if (v === 0) continue;
      const from = Math.max(0, x - r);
      const to = Math.min(gw - 1, x + r);
      for (let t = from; t <= to; t += 1) tmp[row + t]! += v * k[t - x + r]!;
    }
  }
  const out = new Float32Array(grid.length);
  for (let y = 0; y < gh; y += 1) {
    const from = Math.max(0, y - r);
    const to = Math.min(gh - 1, y + r);
    for (let x = 0; x < gw; x += 1) {
      const v = tmp[y * gw + x]!;
      if (v === 0) continue;
      for (let t = from; t <= to; t += 1) out[t * gw + x]! += v * k[t - y + r]!;
    }
  }
  return out;
}

/**
 * The drawn positions of the visible nodes, weighted by their size metric (a node's share of the
 * largest, squared back from the radius, plus a little so every node counts); per cluster, each in
 * its group, and nodes outside the listed groups left out.
 */
export function densityPoints(
  sigma: AnalysedSigma,
  nodes: Iterable<string>,
  sizes: Map<string, number>,
  range: { min: number; max: number },
  groups: readonly Category[] | null,
  colors: ColorScale,
): DensityPoint[] {
  const groupOf = new Map((groups ?? []).map((c, i) => [c.id, i]));
  const points: DensityPoint[] = [];
  for (const key of nodes) {
    const d = sigma.getNodeDisplayData(key);
    if (!d) continue;
    let group = -1;
    if (groups) {
      const c = colors.categoryOf(key);
      group = c === undefined ? -1 : (groupOf.get(c) ?? -1);
      if (group < 0) continue;
    }
    const p = sigma.framedGraphToViewport(d);
    const share = ((sizes.get(key) ?? range.min) - range.min) / (range.max - range.min || 1);
    points.push({ x: p.x, y: p.y, weight: share ** 2 + 0.05, group });
  }
  return points;
}

export class DensityLayer {
  readonly canvas: HTMLCanvasElement;
  private readonly small = document.createElement('canvas');

  constructor(container: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'density-layer';
    this.canvas.setAttribute('aria-hidden', 'true');
    container.prepend(this.canvas);
    this.canvas.hidden = true;
  }

  hide(): void {
    this.canvas.hidden = true;
  }

  /**
   * Draws the density of `points` on a view of width × height pixels at camera zoom `ratio`; with
   * `groupColors` one density per group, mixed by colour, else the total on VOSviewer's ramp.
   */
  draw(
    points: readonly DensityPoint[],
    width: number,
    height: number,
    ratio: number,
    groupColors: string[] | null,
  ): void {
    this.canvas.hidden = false;
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
    }
    const kernelPx = Math.min(600, Math.max(4, (KERNEL_SHARE * Math.min(width, height)) / ratio));
    const cell = Math.max(2, kernelPx / CELLS_PER_SIGMA);
    const gw = Math.max(1, Math.ceil(width / cell));
    const gh = Math.max(1, Math.ceil(height / cell));
    const image = new ImageData(gw, gh);
    const px = image.data;
    if (!groupColors) {
      const grid = densityGrid(points, gw, gh, cell, CELLS_PER_SIGMA, null);
      const max = grid.reduce((m, v) => Math.max(m, v), 0) || 1;
      for (let i = 0; i < grid.length; i += 1) {
        const t = grid[i]! / max;
        const [r, g, b] = rampRgb(DENSITY_RAMP, t);
        px[i * 4] = r;
        px[i * 4 + 1] = g;
        px[i * 4 + 2] = b;
        px[i * 4 + 3] = Math.round(255 * Math.min(1, Math.sqrt(t) * 1.2));
      }
    } else {
      const grids = groupColors.map((_c, g) => densityGrid(points, gw, gh, cell, CELLS_PER_SIGMA, g));
      const rgb = groupColors.map(parseHex);
      let max = 0;
      const total = new Float32Array(gw * gh);
      for (const grid of grids) for (let i = 0; i < grid.length; i += 1) total[i]! += grid[i]!;
      for (const v of total) max = Math.max(max, v);
      max ||= 1;
      for (let i = 0; i < total.length; i += 1) {
        const sum = total[i]!;
        if (sum <= 0) continue;
        let r = 0;
        let g = 0;
        let b = 0;
        for (let k = 0; k < grids.length; k += 1) {
          const w = grids[k]![i]! / sum;
          r += w * rgb[k]![0];
          g += w * rgb[k]![1];
          b += w * rgb[k]![2];
        }
        px[i * 4] = r;
        px[i * 4 + 1] = g;
        px[i * 4 + 2] = b;
        px[i * 4 + 3] = Math.round(255 * Math.min(1, Math.sqrt(sum / max) * 1.1));
      }
    }
    this.small.width = gw;
    this.small.height = gh;
    this.small.getContext('2d')?.putImageData(image, 0, 0);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.small, 0, 0, gw * cell * dpr, gh * cell * dpr);
  }
}
