import { foldText } from './names.ts';

/**
 * The matching key of a title: LaTeX markup, case, punctuation, spacing and diacritics folded away,
 * so "The $L^\infty$ Learnability" and "The L^infty learnability" are one title.
 */
export function titleKey(title: string): string {
  const withoutLatex = title
    .replace(/\\(?:emph|textbf|textit|mathrm|mathcal|mathbb|text|mathbf)\s*/g, '')
    .replace(/\\([a-zA-Z]+)/g, '$1')
    .replace(/[{}$\\]/g, '');
  return foldText(withoutLatex).replace(/ /g, '');
}
