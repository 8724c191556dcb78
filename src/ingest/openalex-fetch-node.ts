/**
 * Fetches OpenAlex works over HTTP (global fetch) and writes them as JSON Lines, one raw work per
 * line, which the 'openalex' parser and `streamOpenAlexFile` read back.
 *
 * Politeness: requests are spaced to `requestsPerSecond` (OpenAlex allows 10/s), carry `mailto`
 * when given (the "polite pool"), and 429/5xx/network failures are retried with exponential
 * backoff that honours Retry-After. Paging uses cursors (`cursor=*`, then `meta.next_cursor`).
 * The output is written to a temporary file next to the target and renamed at the end, so a failed
 * or interrupted run never leaves a half-written file under the target name.
 *
 * Node-only (node:fs).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { normaliseOpenAlexId, normaliseOrcid } from '../model/ids.ts';
import { assertMayCommit, trackTemporary } from '../util/temp-paths-node.ts';
import { isObject, type JsonObject } from './formats/format-helpers.ts';
import { boundedFetch, HttpLimitError, type HttpLimits } from './http-get-node.ts';

export const OPENALEX_DEFAULTS = {
  baseUrl: 'https://api.openalex.org',
  requestsPerSecond: 10,
  maxRetries: 5,
  retryBaseDelayMs: 1000,
  maxRetryDelayMs: 60_000,
  /** The largest page OpenAlex serves. */
  perPage: 200,
  /** Work ids per `cites:` filter; OpenAlex accepts up to 100 OR-ed values. */
  citesBatchSize: 50,
  /** Bounds of every request (see http-get-node.ts); a page of 200 works is a few MB. */
  connectTimeoutMs: 10_000,
  headerTimeoutMs: 60_000,
  bodyTimeoutMs: 120_000,
  maxBodyBytes: 64 * 1024 * 1024,
} as const;

interface OpenAlexClientOptions {
  baseUrl?: string;
  /** Contact address sent as `mailto` so OpenAlex puts requests in its polite pool. */
  mailto?: string;
  requestsPerSecond?: number;
  /** Retries per request after the first attempt, on 429, 5xx and network errors. */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
  perPage?: number;
  /** Bounds of each request, by default OPENALEX_DEFAULTS' (with the default fetch only). */
  limits?: Partial<HttpLimits>;
  /** Injected for tests; defaults to a bounded GET (boundedFetch). */
  fetch?: typeof fetch;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (event: RetryEvent) => void;
  signal?: AbortSignal;
}

export interface RetryEvent {
  url: string;
  /** HTTP status, or undefined for a network error. */
  status: number | undefined;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** An HTTP answer OpenAlex will not change by retrying (4xx other than 429), or retries exhausted. */
export class OpenAlexHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly url: string,
  ) {
    super(message);
    this.name = 'OpenAlexHttpError';
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One page of works and the total OpenAlex reports for the query. */
interface WorksPage {
  works: JsonObject[];
  count: number | undefined;
}

/** A small OpenAlex API client: rate limit, retries and cursor paging. */
class OpenAlexClient {
  private readonly baseUrl: string;
  private readonly minIntervalMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private nextStart = 0;
  /** Requests sent, retries included. */
  requests = 0;
  retries = 0;

  constructor(private readonly options: OpenAlexClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? OPENALEX_DEFAULTS.baseUrl).replace(/\/+$/, '');
    const rate = options.requestsPerSecond ?? OPENALEX_DEFAULTS.requestsPerSecond;
    this.minIntervalMs = rate > 0 ? 1000 / rate : 0;
    this.fetchImpl =
      options.fetch ??
      boundedFetch({
        connectTimeoutMs: options.limits?.connectTimeoutMs ?? OPENALEX_DEFAULTS.connectTimeoutMs,
        headerTimeoutMs: options.limits?.headerTimeoutMs ?? OPENALEX_DEFAULTS.headerTimeoutMs,
        bodyTimeoutMs: options.limits?.bodyTimeoutMs ?? OPENALEX_DEFAULTS.bodyTimeoutMs,
        maxBodyBytes: options.limits?.maxBodyBytes ?? OPENALEX_DEFAULTS.maxBodyBytes,
      });
    this.sleep = options.sleep ?? defaultSleep;
  }

  url(path: string, params: Record<string, string>): string {
    const search = new URLSearchParams(params);
    if (this.options.mailto) search.set('mailto', this.options.mailto);
    const query = search.toString();
    return `${this.baseUrl}${path}${query ? `?${query}` : ''}`;
  }

  private async throttle(): Promise<void> {
    const now = Date.now();
    const wait = this.nextStart - now;
    this.nextStart = Math.max(now, this.nextStart) + this.minIntervalMs;
    if (wait > 0) await this.sleep(wait);
  }

  private retryDelay(attempt: number, retryAfter: string | null): number {
    const cap = this.options.maxRetryDelayMs ?? OPENALEX_DEFAULTS.maxRetryDelayMs;
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, cap);
    const base = this.options.retryBaseDelayMs ?? OPENALEX_DEFAULTS.retryBaseDelayMs;
    return Math.min(base * 2 ** (attempt - 1), cap);
  }

  /** GETs a path and returns its JSON, retrying what can succeed later. */
  async getJson(path: string, params: Record<string, string>): Promise<unknown> {
    const url = this.url(path, params);
    const maxRetries = this.options.maxRetries ?? OPENALEX_DEFAULTS.maxRetries;
    for (let attempt = 0; ; attempt++) {
      await this.throttle();
      this.requests += 1;
      let status: number | undefined;
      let reason: string;
      let retryAfter: string | null = null;
      try {
        const response = await this.fetchImpl(url, {
          headers: { accept: 'application/json', 'user-agent': this.userAgent() },
          signal: this.options.signal,
        });
        status = response.status;
        if (response.ok) {
          const body = await response.text();
          try {
            return JSON.parse(body);
          } catch {
            throw new OpenAlexHttpError(`OpenAlex sent invalid JSON for ${url}`, status, url);
          }
        }
        const body = await response.text().catch(() => '');
        reason = `HTTP ${status}${body ? `: ${body.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`;
        if (status !== 429 && status < 500)
          throw new OpenAlexHttpError(`OpenAlex answered ${reason} for ${url}`, status, url);
        retryAfter = response.headers.get('retry-after');
      } catch (error) {
        if (error instanceof OpenAlexHttpError || this.options.signal?.aborted) throw error;
        if (error instanceof HttpLimitError && !error.retryable)
          throw new OpenAlexHttpError(`OpenAlex request stopped: ${error.message}: ${url}`, status, url);
        reason =
          error instanceof HttpLimitError ? error.message : `network error: ${describeNetworkError(error)}`;
      }
      if (attempt >= maxRetries) {
        throw new OpenAlexHttpError(
          `OpenAlex request failed after ${attempt + 1} attempts (${reason}): ${url}`,
          status,
          url,
        );
      }
      const delayMs = this.retryDelay(attempt + 1, retryAfter);
      this.retries += 1;
      this.options.onRetry?.({ url, status, attempt: attempt + 1, delayMs, reason });
      await this.sleep(delayMs);
    }
  }

  private userAgent(): string {
    return `citegraph/0.1.0${this.options.mailto ? ` (mailto:${this.options.mailto})` : ''}`;
  }

  /** Pages through `/works` with cursor paging until `max` works or the end. */
  async *works(params: Record<string, string>, max = Number.POSITIVE_INFINITY): AsyncGenerator<WorksPage> {
    const perPage = this.options.perPage ?? OPENALEX_DEFAULTS.perPage;
    let cursor: string | undefined = '*';
    let seen = 0;
    while (cursor !== undefined && seen < max) {
      const size = Math.max(1, Math.min(perPage, max - seen));
      const page = await this.getJson('/works', { ...params, 'per-page': String(size), cursor });
      if (!isObject(page) || !Array.isArray(page.results)) {
        throw new OpenAlexHttpError(
          'OpenAlex sent a /works answer without results',
          200,
          this.url('/works', params),
        );
      }
      const meta = isObject(page.meta) ? page.meta : {};
      const works = page.results.filter(isObject).slice(0, max - seen);
      seen += works.length;
      const count = typeof meta.count === 'number' ? meta.count : undefined;
      yield { works, count };
      const next = meta.next_cursor;
      cursor = typeof next === 'string' && next !== '' && page.results.length > 0 ? next : undefined;
    }
  }
}

export interface ResolvedAuthor {
  /** Filter that selects the author's works: `author.id:A…` or `author.orcid:…`. */
  filter: string;
  id?: string;
  displayName?: string;
  worksCount?: number;
  /** How many authors the name search returned (the first, most relevant, is used). */
  candidates: number;
}

/**
 * Turns `--author` into a works filter: an OpenAlex author id or an ORCID is used as it is; a name
 * is searched with /authors?search= and the most relevant match is taken.
 */
async function resolveOpenAlexAuthor(client: OpenAlexClient, author: string): Promise<ResolvedAuthor> {
  const trimmed = author.trim();
  if (/^(?:https?:\/\/openalex\.org\/)?A\d+$/i.test(trimmed)) {
    const id = normaliseOpenAlexId(trimmed)!;
    return { filter: `author.id:${id}`, id, candidates: 1 };
  }
  const orcid = /^(?:https?:\/\/orcid\.org\/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/i.test(trimmed)
    ? normaliseOrcid(trimmed)
    : undefined;
  if (orcid) return { filter: `author.orcid:${orcid}`, candidates: 1 };
  const page = await client.getJson('/authors', { search: trimmed, 'per-page': '10' });
  const results = isObject(page) && Array.isArray(page.results) ? page.results.filter(isObject) : [];
  const best = results[0];
  const id = best ? normaliseOpenAlexId(typeof best.id === 'string' ? best.id : undefined) : undefined;
  if (!best || !id)
    throw new OpenAlexHttpError(
      `no OpenAlex author matches "${trimmed}"`,
      undefined,
      client.url('/authors', { search: trimmed }),
    );
  const resolved: ResolvedAuthor = { filter: `author.id:${id}`, id, candidates: results.length };
  if (typeof best.display_name === 'string') resolved.displayName = best.display_name;
  if (typeof best.works_count === 'number') resolved.worksCount = best.works_count;
  return resolved;
}

interface OpenAlexFetchRequest {
  /** Author name, OpenAlex author id (A…) or ORCID. Exactly one of author and search. */
  author?: string;
  /** Full-text search over works. */
  search?: string;
  /** Also fetch the works that cite the works found. */
  cites?: boolean;
  /** Most works fetched for the author or search. Default: no limit. */
  max?: number;
  /** Most citing works fetched in total with `cites`. Default: `max`. */
  maxCiting?: number;
}

export interface FetchProgress {
  phase: 'works' | 'citing';
  fetched: number;
  /** OpenAlex's count for the phase, capped by the limit; undefined until the first page. */
  total: number | undefined;
}

interface OpenAlexFetchOptions extends OpenAlexClientOptions {
  onProgress?: (progress: FetchProgress) => void;
  onAuthorResolved?: (author: ResolvedAuthor) => void;
}

export interface OpenAlexFetchSummary {
  output: string;
  /** Works written from the author or search query. */
  works: number;
  /** Citing works written (not counting those already written as works). */
  citing: number;
  /** OpenAlex's total for the main query (the part beyond `max` was not fetched). */
  available: number | undefined;
  requests: number;
  retries: number;
  author?: ResolvedAuthor;
}

/**
 * Fetches the works of an author or a search (and optionally the works citing them) and writes them
 * to `output` as JSON Lines, atomically. Throws OpenAlexHttpError when OpenAlex cannot be reached.
 */
export async function fetchOpenAlexToFile(
  request: OpenAlexFetchRequest,
  output: string,
  options: OpenAlexFetchOptions = {},
): Promise<OpenAlexFetchSummary> {
  if ((request.author === undefined) === (request.search === undefined)) {
    throw new TypeError('fetchOpenAlexToFile needs exactly one of author and search');
  }
  const client = new OpenAlexClient(options);
  const max = request.max ?? Number.POSITIVE_INFINITY;
  const maxCiting = request.maxCiting ?? max;
  await mkdir(dirname(output), { recursive: true });
  const temporary = join(
    dirname(output),
    `.${basename(output)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const forget = trackTemporary(temporary);
  const handle = await open(temporary, 'w');
  const written = new Set<string>();
  const summary: OpenAlexFetchSummary = {
    output,
    works: 0,
    citing: 0,
    available: undefined,
    requests: 0,
    retries: 0,
  };

  const write = async (works: JsonObject[]): Promise<number> => {
    let lines = '';
    let added = 0;
    for (const work of works) {
      const id = normaliseOpenAlexId(typeof work.id === 'string' ? work.id : undefined);
      if (id && written.has(id)) continue;
      if (id) written.add(id);
      lines += `${JSON.stringify(work)}\n`;
      added += 1;
    }
    if (lines) await handle.write(lines);
    return added;
  };

  try {
    let params: Record<string, string>;
    if (request.author !== undefined) {
      const author = await resolveOpenAlexAuthor(client, request.author);
      summary.author = author;
      options.onAuthorResolved?.(author);
      params = { filter: author.filter };
    } else {
      params = { search: request.search ?? '' };
    }
    const seeds: string[] = [];
    let fetched = 0;
    for await (const page of client.works(params, max)) {
      summary.available ??= page.count;
      summary.works += await write(page.works);
      fetched += page.works.length;
      for (const work of page.works) {
        const id = normaliseOpenAlexId(typeof work.id === 'string' ? work.id : undefined);
        if (id) seeds.push(id);
      }
      options.onProgress?.({ phase: 'works', fetched, total: capped(page.count, max) });
    }
    if (request.cites && seeds.length > 0 && maxCiting > 0) {
      let citingFetched = 0;
      let citingTotal = 0;
      for (
        let start = 0;
        start < seeds.length && citingFetched < maxCiting;
        start += OPENALEX_DEFAULTS.citesBatchSize
      ) {
        const batch = seeds.slice(start, start + OPENALEX_DEFAULTS.citesBatchSize);
        let counted = false;
        for await (const page of client.works(
          { filter: `cites:${batch.join('|')}` },
          maxCiting - citingFetched,
        )) {
          if (!counted) {
            citingTotal += page.count ?? 0;
            counted = true;
          }
          citingFetched += page.works.length;
          summary.citing += await write(page.works);
          options.onProgress?.({
            phase: 'citing',
            fetched: citingFetched,
            total: capped(citingTotal, maxCiting),
          });
        }
      }
    }
    await handle.close();
    assertMayCommit();
    await rename(temporary, output);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  } finally {
    forget();
    summary.requests = client.requests;
    summary.retries = client.retries;
  }
  return summary;
}

/** fetch() reports 'fetch failed' and hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (!(cause instanceof Error)) return error.message;
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  return code ? `${error.message} (${code})` : error.message;
}

function capped(count: number | undefined, max: number): number | undefined {
  return count === undefined ? undefined : Math.min(count, max);
}
