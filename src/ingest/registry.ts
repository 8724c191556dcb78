import type { FormatParser } from './format.ts';

/**
 * Every format parser, in the order ties are broken when two sniff equally.
 * Each format module registers itself here with one import and one entry.
 */
export const PARSERS: FormatParser[] = [];
