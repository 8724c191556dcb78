import { describe, expect, it } from 'vitest';
import { latexToUnicode } from '../../../src/ingest/formats/latex-text.ts';

const text = (latex: string): string => latexToUnicode(latex).text;

describe('LaTeX to Unicode', () => {
  it('composes accents however they are braced', () => {
    expect(text('M{\\"u}ller')).toBe('Müller');
    expect(text("Bogad\\'{o}ttir")).toBe('Bogadóttir');
    expect(text("{\\'E}mile \\`a \\^{o} \\~n \\=a")).toBe('Émile à ô ñ ā');
    expect(text('\\v{S}koda \\v s \\c{c} \\c c \\k{a} \\H{o} \\r{u} \\u{g}')).toBe('Škoda š ç ç ą ő ů ğ');
    expect(text('Aks{\\i}n \\"{\\i}')).toBe('Aksın ï');
    expect(text('{\\"o}').normalize('NFD')).not.toBe(text('{\\"o}'));
  });

  it('reads symbols, escapes, dashes and quotes', () => {
    expect(text('Stra{\\ss}e {\\ae}{\\o}{\\aa} \\L\\l')).toBe('Straße æøå Łł');
    expect(text('R\\&D 50\\% \\$5 \\#1 a\\_b \\{x\\}')).toBe('R&D 50% $5 #1 a_b {x}');
    expect(text("1--2 a---b ``quoted'' `single'")).toBe("1–2 a—b “quoted” ‘single'");
    expect(text('a~b')).toBe('a b');
    expect(text('\\textendash{} \\textcopyright{} \\TeX{} and \\LaTeX')).toBe('– © TeX and LaTeX');
  });

  it('reads math: Greek letters, relations, scripts', () => {
    expect(text('$\\alpha$-helix')).toBe('α-helix');
    // As TeX reads it, a control word takes the spaces after it.
    expect(text('$\\Delta E \\leq 2\\pi$')).toBe('ΔE ≤2π');
    expect(text('CO$_2$ and x$^{2}$ and In$_{1-x}$')).toBe('CO₂ and x² and In₁₋ₓ');
    expect(text('$\\frac{1}{2}$')).toBe('1/2');
    expect(text('In\\textsubscript{x}Ga')).toBe('InₓGa');
    expect(
      text('$\\hat{\\theta} = \\operatorname{arg\\,max} \\big( x \\big) \\cdots$, $\\bar{x}$, $\\tilde{y}$'),
    ).toBe('θ\u0302 = arg max ( x ) ⋯, x\u0304, \u1ef9');
  });

  it('keeps < and >, and the text of \\href and the address of \\url, never markup', () => {
    expect(text('a < b > c')).toBe('a < b > c');
    expect(text('\\href{https://x.org/a}{the page}')).toBe('the page');
    expect(text('\\url{https://x.org/~a_b%20c}')).toBe('https://x.org/~a_b%20c');
  });

  it('drops font commands around their text and braces that only group', () => {
    expect(text('\\emph{Drosophila} \\textit{in vivo} \\textbf{{B}old} {{DNA}}')).toBe(
      'Drosophila in vivo Bold DNA',
    );
    expect(text('\\enquote{quoted} \\mkbibquote{also}')).toBe('“quoted” “also”');
    expect(text('{\\em emphasis} \\noopsort{b}text')).toBe('emphasis text');
  });

  it('keeps a command it does not know as written and names it', () => {
    expect(latexToUnicode('\\autocap{e}ffect')).toEqual({ text: '\\autocapeffect', unknown: ['\\autocap'] });
    expect(latexToUnicode('plain text')).toEqual({ text: 'plain text', unknown: [] });
  });
});
