/**
 * `citegraph view` answers only to the names it was started for, so a page of another site whose
 * name points at 127.0.0.1 (DNS rebinding) cannot read the graph.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViewServer, type ViewServer } from '../../src/cli/commands/view.ts';
import { allowedHosts, hostAllowed } from '../../src/cli/host-check.ts';

let dir: string;
let server: ViewServer;
let port: number;

function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += String(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'citegraph-view-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>view</title>');
  server = await startViewServer({ webRoot: dir, graph: { json: '{"nodes":[],"edges":[]}' } });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the view server checks Host', () => {
  it('answers a foreign Host with 421 and no graph', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`]) {
      const answer = await get('/graph.json', host);
      expect(answer.status, host).toBe(421);
      expect(answer.body).not.toContain('nodes');
    }
  });

  it('serves localhost, 127.0.0.1 and [::1], with or without the port', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST']) {
      const answer = await get('/graph.json', host);
      expect(answer.status, host).toBe(200);
      expect(answer.body).toBe('{"nodes":[],"edges":[]}');
    }
  });

  it('adds the --host given, and on every interface this machine’s own names', () => {
    const named = allowedHosts('graphs.lan');
    expect(hostAllowed('graphs.lan:5173', named)).toBe(true);
    expect(hostAllowed('other.lan:5173', named)).toBe(false);
    expect(hostAllowed('[fe80::1]:5173', allowedHosts('fe80::1'))).toBe(true);
    expect(hostAllowed(undefined, named)).toBe(false);
    expect(allowedHosts('0.0.0.0').size).toBeGreaterThan(3);
  });
});
