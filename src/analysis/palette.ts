/** Community colours: a 20-colour qualitative palette (Tableau 20 order), then golden-angle hues. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** Colour of nodes outside every community (isolated, or left out by the author cap). */
export const NO_COMMUNITY_COLOR = '#b0b0b0';
export const REFERENCE_COLOR = '#8a8a8a';

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): string => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

export function communityColor(id: number): string {
  if (id < 0) return NO_COMMUNITY_COLOR;
  if (id < PALETTE.length) return PALETTE[id]!;
  return hslToHex((id * 137.508) % 360, 0.55, 0.55);
}
