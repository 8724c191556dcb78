import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { analysisGraphAttributes, analysisView, analyzeCorpus } from '../../analysis/pipeline.ts';
import { collectChunks } from '../../export/attributes.ts';
import { graphJsonPieces } from '../../export/graph-json-stream.ts';
import { loadCorpus } from '../../ingest/read-node.ts';
import { EXIT } from '../exit-codes.ts';
import { allowedHosts, hostAllowed } from '../host-check.ts';
import { graphFileIn } from '../io.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** Where `npm run build:web` (vite build) puts the page. */
const WEB_DIST = join(REPO_ROOT, 'dist', 'web');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.bib': 'text/plain; charset=utf-8',
  '.gexf': 'application/xml',
};

interface ViewServerOptions {
  /** Folder of the built page (default dist/web). */
  webRoot?: string;
  /** Served as /graph.json: a file path or the JSON text itself. */
  graph?: { file: string } | { json: string };
  /** Extra URL paths ("/fixtures/x.json") mapped to files, for tests. */
  files?: Record<string, string>;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface ViewServer {
  url: string;
  close(): Promise<void>;
}

/** A small static server for the built page and the graph JSON (no directory listings, no paths outside). */
export function startViewServer(options: ViewServerOptions = {}): Promise<ViewServer> {
  const root = resolve(options.webRoot ?? WEB_DIST);
  const host = options.host ?? '127.0.0.1';
  const allowed = allowedHosts(host);
  const server = createServer(async (req, res) => {
    if (!hostAllowed(req.headers.host, allowed)) {
      res
        .writeHead(421, { 'content-type': 'text/plain' })
        .end(`citegraph view answers only to ${[...allowed].join(', ')}\n`);
      return;
    }
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let body: string | Buffer;
      let file = '';
      if (path === '/graph.json' && options.graph) {
        body = 'json' in options.graph ? options.graph.json : await readFile(options.graph.file);
        file = 'graph.json';
      } else if (options.files?.[path]) {
        file = options.files[path];
        body = await readFile(file);
      } else {
        file = normalize(join(root, path === '/' ? 'index.html' : path));
        if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        body = await readFile(file);
      }
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://${host}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Builds the page with Vite when dist/web is missing (a checkout without `npm run build:web`). */
export async function ensureWebBuild(force = false): Promise<string> {
  if (!force && existsSync(join(WEB_DIST, 'index.html'))) return WEB_DIST;
  const vite = await import('vite');
  await vite.build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return WEB_DIST;
}

function looksLikeGraphJson(text: string): boolean {
  try {
    const value = JSON.parse(text) as { nodes?: unknown; edges?: unknown };
    return Array.isArray(value.nodes) && Array.isArray(value.edges);
  } catch {
    return false;
  }
}

/**
 * Decides what to show: a graph JSON file, a folder holding graph.json (e.g. out/data) or only
 * overview.json (an analysis too large for graph.json), or input files and folders that are
 * ingested and analysed first. Returns the graph JSON text.
 */
export async function resolveGraph(inputs: string[]): Promise<{ json: string; from: string }> {
  if (inputs.length === 0)
    inputs = [existsSync('out/data/graph.json') ? 'out/data/graph.json' : 'data/pages'];
  if (inputs.length === 1) {
    const only = inputs[0]!;
    const candidate = graphFileIn(only);
    // Only a regular file: a FIFO or a device named *.json would never finish reading.
    if (candidate.endsWith('.json') && statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
      const text = await readFile(candidate, 'utf8');
      if (looksLikeGraphJson(text)) return { json: text, from: candidate };
    }
  }
  const corpus = await loadCorpus(inputs);
  const analysis = analyzeCorpus(corpus);
  const json = collectChunks(graphJsonPieces(analysisView(analysis), analysisGraphAttributes(analysis)));
  return { json, from: inputs.join(' ') };
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the printed URL is enough.
  }
}

interface ViewOptions {
  port: string;
  host: string;
  open: boolean;
  build?: boolean;
}

export function registerViewCommand(program: Command): void {
  program
    .command('view')
    .description('open the interactive network view (Sigma.js) on an analysed graph or on input files')
    .argument(
      '[inputs...]',
      'graph.json, overview.json, a folder holding either (out/data), or files/folders to analyse first',
    )
    .option('--port <n>', 'port to listen on (0 = any free port)', '5173')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--no-open', 'do not open a browser')
    .option('--build', 'rebuild the page (vite build) even if dist/web exists')
    .action(async (inputs: string[], opts: ViewOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`citegraph view: --port expects a number 0-65535, got "${opts.port}"\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const graph = await resolveGraph(inputs);
      const webRoot = await ensureWebBuild(opts.build === true);
      const server = await startViewServer({ webRoot, graph: { json: graph.json }, port, host: opts.host });
      process.stdout.write(`Showing ${graph.from} at ${server.url}\n(press Ctrl+C to stop)\n`);
      if (opts.open) openBrowser(server.url);
      await new Promise<void>((done) => {
        const stop = () => {
          void server.close().then(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
