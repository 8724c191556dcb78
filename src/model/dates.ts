import type { PartialDate } from './types.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Month number from an English month name or abbreviation ("Sept", "September", "nov"). */
export function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 3)];
}

/** Sets the month of `date` from a month name ('Mar', 'June') and the day from its digits, when valid. */
export function setMonthAndDay(
  date: PartialDate,
  monthName: string | undefined,
  dayText: string | undefined,
): void {
  const month = monthName ? monthNumber(monthName) : undefined;
  if (!month) return;
  date.month = month;
  const day = dayText ? Number(dayText) : undefined;
  if (day && day >= 1 && day <= 31) date.day = day;
}

/** Matches 'Nov 26, 2023' and 'Jun 16' (a listing date without a year), nothing else. */
export const LISTING_DATE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2})(?:, (\d{4}))?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day that exists in that month; without a year, 29 February is allowed. */
function validDay(year: number | undefined, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The abbreviations LISTING_DATE accepts, straight to their numbers (hot in ingest). */
const LISTING_MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/** Parses a listing date; returns undefined when the text is not one. Never invents a year. */
export function parseListingDate(text: string): PartialDate | undefined {
  const match = LISTING_DATE.exec(text.trim());
  if (!match) return undefined;
  const month = LISTING_MONTHS[match[1]!]!;
  const day = Number(match[2]);
  const year = match[3] ? Number(match[3]) : undefined;
  if (!validDay(year, month, day)) return undefined;
  const date: PartialDate = { month, day, raw: text.trim() };
  if (year !== undefined) date.year = year;
  return date;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** ISO 8601 for a date with a year: YYYY, YYYY-MM or YYYY-MM-DD. */
export function isoDate(date: PartialDate): string | undefined {
  if (date.year === undefined) return undefined;
  if (date.month === undefined) return String(date.year);
  if (date.day === undefined) return `${date.year}-${pad(date.month)}`;
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** ISO 8601 month-day without year ("--06-16") for a date whose year is unknown. */
export function isoMonthDay(date: PartialDate): string | undefined {
  if (date.year !== undefined || date.month === undefined) return undefined;
  return date.day === undefined ? `--${pad(date.month)}` : `--${pad(date.month)}-${pad(date.day)}`;
}

/** Reads a year from free text such as '2019', '1991///', '24-27 Sept. 2019', '2021-03-04'. */
export function yearFromText(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /(?:^|[^\d])(1[5-9]\d\d|20\d\d)(?:[^\d]|$)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Parses ISO-like dates 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (and RIS 'YYYY/MM/DD/'). */
export function parseIsoLikeDate(text: string | undefined): PartialDate | undefined {
  if (!text) return undefined;
  const raw = text.trim();
  const match = /^(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?/.exec(raw);
  if (!match) {
    const year = yearFromText(raw);
    return year === undefined ? undefined : { year, raw };
  }
  const date: PartialDate = { year: Number(match[1]), raw };
  if (match[2]) {
    const month = Number(match[2]);
    if (month >= 1 && month <= 12) {
      date.month = month;
      if (match[3]) {
        const day = Number(match[3]);
        if (validDay(date.year, month, day)) date.day = day;
      }
    }
  }
  return date;
}
