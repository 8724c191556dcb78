/** Colour scales of the view: viridis for overlay scores (as VOSviewer), a palette for categories, a density ramp. */

type Rgb = [number, number, number];

/** Viridis at nine evenly spaced stops. */
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [253, 231, 37],
];

/** VOSviewer's density ramp: blue (low) through green and yellow to red (high). */
export const DENSITY_RAMP: readonly Rgb[] = [
  [0, 0, 180],
  [0, 150, 255],
  [0, 210, 130],
  [160, 230, 40],
  [255, 230, 0],
  [255, 120, 0],
  [220, 0, 0],
];

export function rampRgb(ramp: readonly Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const f = x - i;
  const a = ramp[i]!;
  const b = ramp[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function hex([r, g, b]: Rgb): string {
  const h = (v: number) => Math.round(v).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** Viridis colour of t in [0, 1]. */
export function viridis(t: number): string {
  return hex(rampRgb(VIRIDIS, t));
}

/** CSS gradient of a ramp, left (low) to right (high), for colour bars. */
export function cssGradient(ramp: 'viridis' | 'density'): string {
  const stops = ramp === 'viridis' ? VIRIDIS : DENSITY_RAMP;
  return `linear-gradient(to right, ${stops.map((c) => hex(c)).join(', ')})`;
}

export function parseHex(color: string): Rgb {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return [128, 128, 128];
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
