/**
 * `citegraph fetch openalex` against servers that misbehave: one that streams an endless body stops
 * at the size cap, one that never answers at the header timeout, one that trickles at the body
 * timeout; each says which option raises the bound, and nothing is written.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

let server: Server;
let base: string;
let dir: string;
let sent = 0;
const open = new Set<ServerResponse>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'citegraph-fetch-limits-'));
  server = createServer((request, response) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    if (request.url?.startsWith('/endless/')) {
      // An endless JSON body: chunks as fast as the client reads them.
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
      };
      response.write('{"results": [');
      pump();
    } else if (request.url?.startsWith('/trickle/')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(timer));
    }
    // Anything else: never answered.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of open) response.destroy();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function fetchTo(output: string, baseUrl: string, ...options: string[]) {
  return runCli([
    'fetch',
    'openalex',
    '--search',
    'graphs',
    '-o',
    output,
    '--base-url',
    baseUrl,
    '--retries',
    '0',
    '-q',
    ...options,
  ]);
}

describe('fetch keeps to its bounds', () => {
  it('an endless body stops at --max-body-mb, which the message names; nothing is written', async () => {
    const output = join(dir, 'endless.jsonl');
    const run = await fetchTo(output, `${base}/endless`, '--max-body-mb', '2');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^citegraph: OpenAlex request stopped: the answer from 127\.0\.0\.1:\d+ is larger than 2 MB \(--max-body-mb\): not read further: http:\/\/127\.0\.0\.1:\d+\/endless\/works\?.*\n$/,
    );
    // The client stopped reading: the server got at most a few socket buffers past the cap.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a server that never answers: --header-timeout', async () => {
    const run = await fetchTo(join(dir, 'silent.jsonl'), `${base}/silent`, '--header-timeout', '0.3');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^citegraph: OpenAlex request failed after 1 attempts \(no answer from 127\.0\.0\.1:\d+ within 0\.3 s \(--header-timeout\)\): .*\n$/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a body that trickles without end: --body-timeout', async () => {
    const run = await fetchTo(join(dir, 'trickle.jsonl'), `${base}/trickle`, '--body-timeout', '0.4');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/took longer than 0\.4 s to arrive \(--body-timeout\)/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
