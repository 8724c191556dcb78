/**
 * Titles and abstracts as plain Unicode. Publishers and indexes put inline HTML, JATS and MathML
 * into them (`5 <sup>th</sup> World Water Forum`, `<jats:p>`, `<scp>`, `<inf>2</inf>`,
 * `<mml:math>`), and HTML entities (`&amp;`, `&#x3b1;`). Every reader passes title and abstract
 * through `plainText`, so stored text never carries markup that a view could render as live HTML.
 */
import { decodeHTMLStrict } from 'entities';

/** Inline HTML and JATS element names read as markup; other `<word>` text is kept as written. */
const MARKUP_NAMES = new Set([
  'a',
  'abbr',
  'abstract',
  'b',
  'big',
  'bold',
  'br',
  'cite',
  'code',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'inf',
  'italic',
  'label',
  'li',
  'list',
  'list-item',
  'monospace',
  'nc',
  'ol',
  'p',
  'roman',
  'sans-serif',
  'sc',
  'scp',
  'sec',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'tt',
  'title',
  'u',
  'ul',
  'underline',
  'xref',
]);

/** Elements whose content is a second copy of what is already shown (TeX beside MathML). */
const DROPPED_CONTENT = /<((?:[\w-]+:)?(?:annotation|annotation-xml|tex-math))\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/**
 * An opening, closing or empty element: a name with an optional namespace prefix, and attributes
 * with values (so `a<b and c>d` stays text).
 */
const TAG =
  /<(\/?)((?:[A-Za-z][\w-]*:)?[A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*)\s*(\/?)>/g;
/** Elements that end a block: they become a space, so words either side stay apart. */
const BLOCK = /^(?:p|br|div|li|dd|dt|hr|h\d|sec|title|label|list-item|abstract|tr|td|mrow)$/i;
/**
 * A space some sources put before a script that belongs to the word before it: an ordinal
 * (`5 <sup>th</sup>`) or a formula's subscript (`CO <sub>2</sub>`, `Al <inf>2</inf>O <inf>3</inf>`).
 */
const DETACHED_ORDINAL = /(\d)\s+(<(?:[\w-]+:)?sup>)\s*(st|nd|rd|th|e|er|re|ème)\s*(<\/(?:[\w-]+:)?sup>)/gi;
const DETACHED_SUBSCRIPT =
  /([A-Z][a-z]?|[\d)\]])\s+(<(?:[\w-]+:)?(?:sub|inf)>)\s*([\d+\-−]{1,4})\s*(<\/(?:[\w-]+:)?(?:sub|inf)>)/g;

function isMarkup(name: string): boolean {
  return name.includes(':') || MARKUP_NAMES.has(name.toLowerCase()) || name.toLowerCase() === 'math';
}

/** Removes the markup of one text: blocks become spaces, inline elements leave their content. */
function stripTags(text: string): string {
  return text
    .replace(DROPPED_CONTENT, ' ')
    .replace(DETACHED_ORDINAL, '$1$2$3$4')
    .replace(DETACHED_SUBSCRIPT, '$1$2$3$4')
    .replace(TAG, (whole, _closing: string, name: string) => {
      if (!isMarkup(name)) return whole;
      return BLOCK.test(name.slice(name.indexOf(':') + 1)) ? ' ' : '';
    });
}

/** Text up to this length is also searched for runs of spaces (see needsCollapse). */
const SHORT_TEXT = 400;

/**
 * White space to collapse: line breaks, tabs and no-break spaces, and runs of spaces in short
 * text (titles). A long abstract keeps a run of spaces: a space is every few characters there, so
 * looking for two costs more than the rest of reading it. `includes` scans, not a regular
 * expression: several times faster on the text of millions of records.
 */
function needsCollapse(text: string): boolean {
  return (
    text.includes('\n') ||
    text.includes('\t') ||
    text.includes('\r') ||
    text.includes('\u00a0') ||
    (text.length <= SHORT_TEXT && text.includes('  '))
  );
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Plain Unicode of a title or abstract: markup removed (a detached ordinal or subscript joined to the
 * word before it), entities decoded, white space collapsed, NFC. Text without `<` or `&` is only
 * trimmed and collapsed, so the common case costs a few scans.
 */
export function plainText(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return needsCollapse(text) ? collapse(text) : text.trim();
  // Entities first when the markup itself is escaped (`&lt;i&gt;` in some Crossref titles).
  const unescaped = /&lt;\/?(?:[\w-]+:)?[A-Za-z][\w-]*[^&]*?&gt;/.test(text) ? decodeHTMLStrict(text) : text;
  return collapse(decodeHTMLStrict(stripTags(unescaped))).normalize('NFC');
}

/** `plainText` of an optional value; undefined when nothing is left. */
export function plainTextOrUndefined(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const plain = plainText(text);
  return plain === '' ? undefined : plain;
}
