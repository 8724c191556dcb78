import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const dataPages = resolve(repoRoot, 'data/pages');

export const PAGES = {
  author: 'data/pages/author-lei-wu.txt',
  hfNov28: 'data/pages/hf-daily-papers-nov28.txt',
  hfJan1: 'data/pages/hf-daily-papers-jan1.txt',
  hfTitles: 'data/pages/hf-daily-papers-apr22-titles-only.txt',
  topic: 'data/pages/topic-gradient-descent.txt',
} as const;

export function readPage(relative: string): string {
  return readFileSync(resolve(repoRoot, relative), 'utf8');
}
