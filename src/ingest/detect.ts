import type { SourceFormat } from '../model/types.ts';
import type { FormatParser } from './format.ts';
import { PARSERS } from './registry.ts';

/** Below this confidence no format is claimed and the file is reported as unknown. */
const MIN_CONFIDENCE = 0.3;
/** How much of a file the sniffers look at. */
const SNIFF_BYTES = 64 * 1024;

interface Detection {
  parser: FormatParser;
  confidence: number;
}

/** Picks the parser whose sniffer is most confident about the text, by content only. */
export function detectFormat(text: string, parsers: FormatParser[] = PARSERS): Detection | undefined {
  const head = text.slice(0, SNIFF_BYTES);
  let best: Detection | undefined;
  for (const parser of parsers) {
    let confidence = 0;
    try {
      confidence = parser.sniff(head);
    } catch {
      confidence = 0;
    }
    if (confidence >= MIN_CONFIDENCE && (!best || confidence > best.confidence))
      best = { parser, confidence };
  }
  return best;
}

export function parserFor(format: SourceFormat, parsers: FormatParser[] = PARSERS): FormatParser | undefined {
  return parsers.find((parser) => parser.format === format);
}

/** Share of characters in the head that are NUL, other C0 controls or U+FFFD (undecodable bytes). */
export function binaryShare(text: string): number {
  const head = text.slice(0, 8192);
  if (head.length === 0) return 0;
  let odd = 0;
  for (let index = 0; index < head.length; index++) {
    const code = head.charCodeAt(index);
    if (
      code === 0 ||
      code === 0xfffd ||
      (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12)
    )
      odd++;
  }
  return odd / head.length;
}
