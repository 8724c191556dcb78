/**
 * Pictures of what is on screen, for papers: an SVG of the drawn edges, nodes and labels with the
 * legend beside them, and a PNG at a chosen scale painted from the same SVG (so it is sharp at any
 * scale), over the density layer when it is shown.
 */
import type { ColorScale } from './appearance.ts';
import { DENSITY_RAMP, hex, viridis } from './colors.ts';
import type { AnalysedSigma } from './graph-index.ts';
import type { LabelBox } from './labels.ts';

/** Width of the legend column beside the map. */
const LEGEND_WIDTH = 230;
/** Most legend rows drawn. */
const LEGEND_ROWS = 24;

export interface PictureInput {
  sigma: AnalysedSigma;
  labels: readonly LabelBox[];
  colors: ColorScale;
  /** Legend title. */
  title: string;
  density: boolean;
}

const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

/** The SVG of the map as drawn (nodes inside the view only) and its legend; `withBackground` paints white. */
export function pictureSvg(
  input: PictureInput,
  withBackground = true,
): { svg: string; width: number; height: number } {
  const { sigma } = input;
  const { width: mapWidth, height } = sigma.getDimensions();
  const width = mapWidth + LEGEND_WIDTH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
  );
  if (withBackground) out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  const graph = sigma.getGraph();
  const inside = (p: { x: number; y: number }, r: number) =>
    p.x + r >= 0 && p.x - r <= mapWidth && p.y + r >= 0 && p.y - r <= height;
  const position = new Map<string, { x: number; y: number; r: number }>();
  graph.forEachNode((key) => {
    const d = sigma.getNodeDisplayData(key);
    if (!d || d.hidden) return;
    const p = sigma.framedGraphToViewport(d);
    position.set(key, { x: p.x, y: p.y, r: sigma.scaleSize(d.size) });
  });
  out.push('<g id="edges" stroke-linecap="round">');
  graph.forEachEdge((edge, _a, s, t) => {
    const d = sigma.getEdgeDisplayData(edge);
    const ps = position.get(s);
    const pt = position.get(t);
    if (!d || d.hidden || !ps || !pt || (!inside(ps, 0) && !inside(pt, 0))) return;
    out.push(
      `<line x1="${n(ps.x)}" y1="${n(ps.y)}" x2="${n(pt.x)}" y2="${n(pt.y)}" stroke="${d.color}" stroke-width="${n(Math.max(0.3, sigma.scaleSize(d.size)))}" stroke-opacity="0.8"/>`,
    );
  });
  out.push('</g><g id="nodes">');
  for (const [key, p] of position) {
    if (!inside(p, p.r)) continue;
    const d = sigma.getNodeDisplayData(key)!;
    out.push(`<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${n(p.r)}" fill="${d.color}"/>`);
  }
  out.push(
    '</g><g id="labels" fill="#222" stroke="#ffffff" stroke-width="3" paint-order="stroke" dominant-baseline="middle">',
  );
  for (const l of input.labels) {
    out.push(
      `<text x="${n(l.x)}" y="${n(l.y + l.height / 2)}" font-size="${l.font}">${escapeXml(l.label)}</text>`,
    );
  }
  out.push('</g>');
  out.push(legendSvg(input, mapWidth, height));
  out.push('</svg>');
  return { svg: out.join(''), width, height };
}

function legendSvg(input: PictureInput, x0: number, height: number): string {
  const out: string[] = [`<g id="legend" transform="translate(${x0 + 12} 16)">`];
  out.push(
    `<rect x="-12" y="-16" width="${LEGEND_WIDTH}" height="${height}" fill="#ffffff" stroke="#dddddd"/>`,
  );
  out.push(`<text x="0" y="4" font-size="13" font-weight="bold">${escapeXml(input.title)}</text>`);
  const { colors } = input;
  if (input.density || colors.type === 'numeric') {
    const stops = input.density
      ? DENSITY_RAMP.map((c) => hex(c))
      : Array.from({ length: 9 }, (_v, i) => viridis(i / 8));
    out.push('<defs><linearGradient id="ramp">');
    stops.forEach((c, i) => {
      out.push(`<stop offset="${n((100 * i) / (stops.length - 1))}%" stop-color="${c}"/>`);
    });
    out.push('</linearGradient></defs>');
    out.push(`<rect x="0" y="16" width="${LEGEND_WIDTH - 36}" height="12" fill="url(#ramp)"/>`);
    const [lo, hi] = colors.domain ?? [0, 0];
    const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
    out.push(
      `<text x="0" y="42" font-size="11">${input.density ? 'low' : `≤ ${fmt(lo)}`}</text>`,
      `<text x="${LEGEND_WIDTH - 36}" y="42" font-size="11" text-anchor="end">${input.density ? 'high' : `≥ ${fmt(hi)}`}</text>`,
    );
  }
  if (colors.type === 'categorical' && !input.density) {
    colors.categories.slice(0, LEGEND_ROWS).forEach((c, i) => {
      const y = 22 + i * 18;
      out.push(
        `<circle cx="6" cy="${y}" r="5" fill="${c.color}"/>`,
        `<text x="18" y="${y + 4}" font-size="11">${escapeXml(truncate(`${c.label} (${c.size})`, 32))}</text>`,
      );
    });
    if (colors.categories.length > LEGEND_ROWS) {
      const y = 22 + LEGEND_ROWS * 18;
      out.push(
        `<text x="0" y="${y + 4}" font-size="11">… ${colors.categories.length - LEGEND_ROWS} more</text>`,
      );
    }
  }
  out.push('</g>');
  return out.join('');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A PNG of the picture at `scale` times the screen's size: the density layer, then the SVG over it. */
export async function picturePng(
  input: PictureInput,
  density: HTMLCanvasElement | null,
  scale: number,
): Promise<Blob> {
  const { svg, width, height } = pictureSvg(input, false);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (density && !density.hidden)
    ctx.drawImage(density, 0, 0, (width - LEGEND_WIDTH) * scale, height * scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  } finally {
    URL.revokeObjectURL(url);
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
