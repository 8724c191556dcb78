import { foldText } from './names.ts';

const LATEX_CHARACTERS = /[{}$\\]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;

/**
 * The matching key of a title: LaTeX markup, case, punctuation, spacing and diacritics folded away,
 * so "The $L^\infty$ Learnability" and "The L^infty learnability" are one title.
 */
export function titleKey(title: string): string {
  const withoutLatex = LATEX_CHARACTERS.test(title)
    ? title
        .replace(/\\(?:emph|textbf|textit|mathrm|mathcal|mathbb|text|mathbf)\s*/g, '')
        .replace(/\\([a-zA-Z]+)/g, '$1')
        .replace(/[{}$\\]/g, '')
    : title;
  // Plain ASCII (most titles): folding then dropping spaces is dropping every non-alphanumeric.
  if (PRINTABLE_ASCII.test(withoutLatex)) return withoutLatex.toLowerCase().replace(NOT_ALPHANUMERIC, '');
  return foldText(withoutLatex).replace(/ /g, '');
}
