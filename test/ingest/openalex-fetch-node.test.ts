import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerFetchCommand } from '../../src/cli/commands/fetch.ts';
import { parseOpenAlex } from '../../src/ingest/formats/openalex.ts';
import {
  fetchOpenAlexToFile,
  OpenAlexHttpError,
  type RetryEvent,
} from '../../src/ingest/openalex-fetch-node.ts';

type Json = Record<string, unknown>;

/** Recorded answers, built from the fixtures: the /works page split into two cursor pages. */
const page = JSON.parse(readFileSync('test/fixtures/openalex/works-page-2-results.json', 'utf8')) as {
  meta: Json;
  results: Json[];
};
const [bibliometrix, stateOfOa] = page.results as [Json, Json];
const citingWork: Json = {
  ...stateOfOa,
  id: 'https://openalex.org/W9000000001',
  display_name: 'A work citing both',
};
const AUTHOR_ID = 'A5069892096';

interface Recorded {
  path: string;
  params: URLSearchParams;
  status: number;
}

/** Fails some requests once, by key, before answering them. */
let failOnce: Map<string, number>;
let requests: Recorded[];
let server: Server;
let baseUrl: string;
const folder = mkdtempSync(join(tmpdir(), 'citegraph-openalex-fetch-'));

function answer(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const params = url.searchParams;
  const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    requests.push({ path: url.pathname, params, status });
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const key = `${url.pathname}?${params.get('filter') ?? params.get('search')}&${params.get('cursor') ?? ''}`;
  const failure = failOnce.get(key);
  if (failure !== undefined) {
    failOnce.delete(key);
    send(
      failure,
      { error: failure === 429 ? 'Too Many Requests' : 'Internal Server Error' },
      failure === 429 ? { 'retry-after': '0' } : {},
    );
    return;
  }
  if (url.pathname === '/authors') {
    send(200, {
      meta: { count: 1 },
      results: [{ id: `https://openalex.org/${AUTHOR_ID}`, display_name: 'Massimo Aria', works_count: 2 }],
    });
    return;
  }
  if (url.pathname !== '/works') {
    send(404, { error: 'not found' });
    return;
  }
  const filter = params.get('filter') ?? '';
  if (filter.startsWith('cites:')) {
    send(200, { meta: { count: 2, next_cursor: null }, results: [citingWork, stateOfOa] });
    return;
  }
  if (filter === 'author.id:A400') {
    send(400, { error: 'Invalid query parameters error.' });
    return;
  }
  if (filter === 'author.id:A503') {
    send(503, { error: 'down' });
    return;
  }
  const perPage = Number(params.get('per-page'));
  if (params.get('cursor') === '*') {
    send(200, {
      meta: { ...page.meta, count: 2, next_cursor: 'PAGE2' },
      results: [bibliometrix].slice(0, perPage),
    });
  } else if (params.get('cursor') === 'PAGE2') {
    send(200, { meta: { ...page.meta, count: 2, next_cursor: null }, results: [stateOfOa] });
  } else {
    send(400, { error: 'bad cursor' });
  }
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  failOnce = new Map();
  requests = [];
});

const fast = { requestsPerSecond: 1000, retryBaseDelayMs: 5 };

function worksIn(path: string): { ids: (string | undefined)[]; references: (number | undefined)[] } {
  const { records, diagnostics } = parseOpenAlex(readFileSync(path, 'utf8'), path);
  expect(diagnostics).toEqual([]);
  return { ids: records.map((r) => r.ids?.openalex), references: records.map((r) => r.references?.length) };
}

describe('fetchOpenAlexToFile', () => {
  it('resolves an author name, pages with the cursor and retries a 429 and a 500', async () => {
    failOnce.set(`/works?author.id:${AUTHOR_ID}&*`, 429);
    failOnce.set(`/works?author.id:${AUTHOR_ID}&PAGE2`, 500);
    const retries: RetryEvent[] = [];
    const output = join(folder, 'aria', 'works.jsonl');
    const summary = await fetchOpenAlexToFile({ author: 'Massimo Aria' }, output, {
      ...fast,
      baseUrl,
      mailto: 'test@example.org',
      onRetry: (event) => retries.push(event),
    });
    expect(worksIn(output)).toEqual({ ids: ['W2755950973', 'W2741809807'], references: [70, 45] });
    expect(requests.map((r) => [r.path, r.params.get('cursor'), r.status])).toEqual([
      ['/authors', null, 200],
      ['/works', '*', 429],
      ['/works', '*', 200],
      ['/works', 'PAGE2', 500],
      ['/works', 'PAGE2', 200],
    ]);
    expect(requests[0]!.params.get('search')).toBe('Massimo Aria');
    expect(requests.every((r) => r.params.get('mailto') === 'test@example.org')).toBe(true);
    expect(requests[1]!.params.get('filter')).toBe(`author.id:${AUTHOR_ID}`);
    expect(retries.map((r) => [r.status, r.attempt])).toEqual([
      [429, 1],
      [500, 1],
    ]);
    expect(retries[0]!.delayMs).toBe(0); // Retry-After: 0 is honoured
    expect(retries[1]!.delayMs).toBe(5);
    expect(summary).toMatchObject({ works: 2, citing: 0, available: 2, requests: 5, retries: 2 });
    expect(summary.author).toMatchObject({ id: AUTHOR_ID, displayName: 'Massimo Aria', worksCount: 2 });
  });

  it('with cites, fetches the works citing the results and writes each work once', async () => {
    const output = join(folder, 'cites.jsonl');
    const summary = await fetchOpenAlexToFile({ author: AUTHOR_ID, cites: true }, output, {
      ...fast,
      baseUrl,
    });
    expect(requests[0]!.path).toBe('/works'); // an id needs no author search
    const citesRequest = requests.find((r) => r.params.get('filter')?.startsWith('cites:'))!;
    expect(citesRequest.params.get('filter')).toBe('cites:W2755950973|W2741809807');
    expect(worksIn(output).ids).toEqual(['W2755950973', 'W2741809807', 'W9000000001']);
    expect(summary).toMatchObject({ works: 2, citing: 1 });
  });

  it('stops at max and asks only for what it needs', async () => {
    const output = join(folder, 'max.jsonl');
    const summary = await fetchOpenAlexToFile({ search: 'bibliometrix', max: 1 }, output, {
      ...fast,
      baseUrl,
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.params.get('search')).toBe('bibliometrix');
    expect(requests[0]!.params.get('per-page')).toBe('1');
    expect(worksIn(output).ids).toEqual(['W2755950973']);
    expect(summary.available).toBe(2);
  });

  it('fails on a 400 without retrying and leaves no file behind', async () => {
    const output = join(folder, 'bad', 'bad.jsonl');
    await expect(fetchOpenAlexToFile({ author: 'A400' }, output, { ...fast, baseUrl })).rejects.toThrow(
      OpenAlexHttpError,
    );
    expect(requests).toHaveLength(1);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(join(folder, 'bad'))).toEqual([]);
  });

  it('gives up after the configured retries on a server that stays down', async () => {
    const output = join(folder, 'down.jsonl');
    const error = await fetchOpenAlexToFile({ author: 'A503' }, output, {
      ...fast,
      baseUrl,
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAlexHttpError);
    expect((error as OpenAlexHttpError).status).toBe(503);
    expect((error as Error).message).toContain('after 3 attempts');
    expect(requests.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(existsSync(output)).toBe(false);
  });
});

describe('citegraph fetch openalex', () => {
  function program(): Command {
    const root = new Command('citegraph').exitOverride();
    registerFetchCommand(root);
    for (const command of root.commands) {
      command.exitOverride();
      for (const sub of command.commands) sub.exitOverride().configureOutput({ writeErr: () => {} });
    }
    return root;
  }

  it('writes the works of a search to the output file', async () => {
    const output = join(folder, 'cli.jsonl');
    const args = [
      'fetch',
      'openalex',
      '--search',
      'bibliometrix',
      '-o',
      output,
      '--base-url',
      baseUrl,
      '--rate',
      '1000',
      '-q',
    ];
    await program().parseAsync(args, { from: 'user' });
    expect(worksIn(output).ids).toEqual(['W2755950973', 'W2741809807']);
    expect(requests.map((r) => r.params.get('per-page'))).toEqual(['200', '200']);
  });

  it('refuses --author together with --search as a usage error', async () => {
    const args = ['fetch', 'openalex', '--author', 'x', '--search', 'y', '-o', join(folder, 'never.jsonl')];
    const error = await program()
      .parseAsync(args, { from: 'user' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).exitCode).toBe(2);
    expect(requests).toEqual([]);
  });
});
