#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts) and the worker threads it starts (src/**/*-worker-node.mjs)
// into dist/cli/ with esbuild (tsx's own dependency), so that citegraph.mjs loads plain JavaScript
// instead of transpiling the TypeScript sources through tsx on every run. `npm run build` runs it,
// and so does `prepare` (npm install, npm ci) with --prepare, where a failure only warns: the CLI
// then runs from the sources through tsx, as before.
//
// dist/cli/manifest.json lists every source file the bundle was built from with its mtime (plus
// node_modules/.package-lock.json, which npm rewrites whenever it changes a package); citegraph.mjs
// stats them to tell whether the bundle is current.
//
// The bundle keeps the meaning of the sources' file-relative URLs:
// - `new URL('./x-worker-node.mjs', import.meta.url)` names the bundled worker dist/cli/x-worker-node.mjs
//   (every output file sits in that one folder);
// - any other `import.meta.url` (and .filename, .dirname) is that of the source file it is written in
//   (view.ts finds the repository root from it, versions.ts package.json, store/queries.ts queries/);
// - `import(variable)`, which the bundler cannot follow, resolves a relative path against that source
//   file too, loading TypeScript through tsx when it names a .ts file.
// Packages are bundled (Node's own resolver would not take the sources' extensionless deep imports,
// e.g. graphology-metrics/centrality/betweenness), except those listed in EXTERNAL; those in LAZY
// go to files of their own, loaded on first use.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');
export const OUT_DIR = join(ROOT, 'dist', 'cli');

/** Loaded from node_modules at run time: native code (kuzu), the page's build tools (view loads vite only to build the page), tsx. */
const EXTERNAL = ['kuzu', 'vite', 'tsx', 'tsx/*'];

/**
 * Packages that take ~100 ms each to load (most of the bundle's start-up) and that one command
 * needs (neo4j): built into dist/cli/lazy-*.cjs and replaced in the bundle by a
 * stand-in that requires that file on first use, so --help and the other commands never load them.
 * A stand-in exports only what is listed here; importing anything else from the package fails the
 * build ("No matching export"), so extend the list rather than losing the laziness unnoticed.
 */
const LAZY = {
  // neo4j-store.ts reads properties of the default export: neo4j.driver(), neo4j.int(), neo4j.session.READ...
  'neo4j-driver': { defaultObject: true, functions: [] },
};

/** Files that shape the bundle without being part of it: a change to one makes the bundle stale. */
const ALSO_WATCHED = ['src/cli/build-cli.mjs', 'tsconfig.json', 'node_modules/.package-lock.json'];

const posix = (path) => path.split(sep).join('/');
const lazyFile = (name) => `lazy-${name.replace(/^@/, '').replace(/[^\w.-]/g, '-')}.cjs`;

/** src/**\/*-worker-node.mjs, outside src/web (browser code). */
function workerEntries(dir = SRC) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== join(SRC, 'web')) found.push(...workerEntries(path));
    } else if (entry.name.endsWith('-worker-node.mjs')) found.push(path);
  }
  return found.sort();
}

// At the top of every output file: `require` for bundled CommonJS packages that require Node's
// modules (and for the lazy files), and the loader that `import(variable)` becomes.
const BANNER = `import { createRequire as __citegraphCreateRequire } from 'node:module';
import { fileURLToPath as __citegraphPath } from 'node:url';
const require = __citegraphCreateRequire(import.meta.url);
const __citegraphImport = async (specifier, from) => {
  if (typeof specifier !== 'string' || !/^\\.{1,2}\\//.test(specifier)) return import(specifier);
  const url = new URL(specifier, from);
  if (/\\.[cm]?tsx?$/.test(url.pathname)) (await import('tsx/esm/api')).register();
  return import(url.href);
};`;

/** See the file's header: import.meta.url, worker URLs and import(variable) as in the sources. */
function sourceSemantics(workerNames) {
  const pattern =
    /new URL\(\s*(['"])\.\/([\w.-]+-worker-node\.mjs)\1\s*,\s*import\.meta\.url\s*\)|import\.meta\.(url|filename|dirname)\b|(?<![.\w$])import\(\s*([A-Za-z_$][\w$]*)\s*\)/g;
  return {
    name: 'citegraph-source-semantics',
    setup(build) {
      // A bundled worker is already JavaScript: its register() of tsx has nothing to do.
      build.onResolve({ filter: /^tsx\/esm\/api$/ }, (args) =>
        args.importer.endsWith('-worker-node.mjs')
          ? { path: 'tsx/esm/api', namespace: 'citegraph-no-tsx' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'citegraph-no-tsx' }, () => ({
        contents: 'export function register() {}',
        loader: 'js',
      }));
      build.onLoad({ filter: /\.(?:[cm]?[jt]s|tsx)$/ }, (args) => {
        if (!args.path.startsWith(SRC + sep)) return undefined;
        const here = `new URL(${JSON.stringify(posix(relative(OUT_DIR, args.path)))}, import.meta.url).href`;
        const contents = readFileSync(args.path, 'utf8').replace(
          pattern,
          (match, _quote, worker, meta, variable) => {
            if (worker) return workerNames.has(worker) ? match : `new URL('./${worker}', ${here})`;
            if (variable) return `__citegraphImport(${variable}, ${here})`;
            if (meta === 'filename') return `__citegraphPath(${here})`;
            if (meta === 'dirname') return `__citegraphPath(new URL('.', ${here})).replace(/[\\\\/]$/, '')`;
            return here;
          },
        );
        const extension = args.path.slice(args.path.lastIndexOf('.') + 1);
        return { contents, loader: extension === 'tsx' ? 'tsx' : extension.endsWith('ts') ? 'ts' : 'js' };
      });
    },
  };
}

/** See LAZY. */
function lazyPackages() {
  const names = Object.keys(LAZY).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'citegraph-lazy-packages',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(?:${names.join('|')})$`) }, (args) => ({
        path: args.path,
        namespace: 'citegraph-lazy',
      }));
      build.onResolve({ filter: /^\.\/lazy-.*\.cjs$/, namespace: 'citegraph-lazy' }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: 'citegraph-lazy' }, (args) => {
        const { defaultObject, functions } = LAZY[args.path];
        const lines = [
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(`./${lazyFile(args.path)}`)}).default);`,
          ...functions.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
        ];
        if (defaultObject)
          lines.push(
            'const target = () => load().default;',
            'export default new Proxy({}, {',
            '  get: (_, key) => Reflect.get(target(), key),',
            '  has: (_, key) => Reflect.has(target(), key),',
            '  ownKeys: () => Reflect.ownKeys(target()),',
            '  getOwnPropertyDescriptor: (_, key) => {',
            '    const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);',
            '    return descriptor && { ...descriptor, configurable: true };',
            '  },',
            '});',
          );
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/**
 * Builds dist/cli/ into a temporary folder and then swaps it in, so that a CLI starting meanwhile
 * finds the old bundle or none, never half of one. Returns the manifest.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const workers = workerEntries();
  const workerNames = new Set(workers.map((worker) => basename(worker)));
  if (workerNames.size < workers.length)
    throw new Error('two worker files share a name, and the bundle puts them in one folder');
  const started = Date.now();
  const staging = `${OUT_DIR}.${process.pid}.tmp`;
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    outdir: staging,
    external: EXTERNAL,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  };
  rmSync(staging, { recursive: true, force: true });
  try {
    const [result, ...lazy] = await Promise.all([
      build({
        ...common,
        entryPoints: [join(SRC, 'cli', 'main.ts'), ...workers],
        entryNames: '[name]',
        outExtension: { '.js': '.mjs' },
        format: 'esm',
        metafile: true,
        banner: { js: BANNER },
        plugins: [lazyPackages(), sourceSemantics(workerNames)],
      }),
      ...Object.keys(LAZY).map((name) =>
        build({
          ...common,
          // Through an import, so that packages published as ESM and CommonJS give their ESM build.
          stdin: { contents: `import * as all from '${name}';\nexport default all;`, resolveDir: ROOT },
          outfile: join(staging, lazyFile(name)),
          outdir: undefined,
          format: 'cjs',
          metafile: true,
        }),
      ),
    ]);
    const inputs = Object.keys(result.metafile.inputs).filter(
      (input) => !input.includes(':') && !input.split('/').includes('node_modules'),
    );
    for (const { metafile } of lazy)
      if (Object.keys(metafile.inputs).some((input) => input.startsWith('src/')))
        throw new Error('a lazy package bundle took in source files');
    const finished = Date.now();
    const files = [...new Set([...inputs, ...ALSO_WATCHED])].sort().map((file) => {
      const mtimeMs = statSync(join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs ?? null;
      // Saved while esbuild was reading: recorded as stale, so that the next build reads it again.
      const racing = mtimeMs !== null && mtimeMs >= started && mtimeMs <= finished;
      return [posix(file), racing ? -1 : mtimeMs];
    });
    const manifest = { builtAt: new Date().toISOString(), files };
    // One file a line, for whoever reads it.
    const lines = manifest.files.map((entry) => JSON.stringify(entry)).join(',\n  ');
    writeFileSync(
      join(staging, 'manifest.json'),
      `{"builtAt": ${JSON.stringify(manifest.builtAt)}, "files": [\n  ${lines}\n]}\n`,
    );
    const old = `${OUT_DIR}.${process.pid}.old`;
    try {
      renameSync(OUT_DIR, old);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    renameSync(staging, OUT_DIR);
    rmSync(old, { recursive: true, force: true });
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  try {
    const manifest = await buildCli();
    process.stderr.write(
      `citegraph: built dist/cli/ in ${Math.round(performance.now() - started)} ms (${manifest.files.length} files watched for changes)\n`,
    );
  } catch (error) {
    // esbuild has printed its errors above; this line names the first.
    const first = error?.errors?.[0];
    const message = first
      ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}`
      : error instanceof Error
        ? error.message.split('\n')[0]
        : String(error);
    if (!process.argv.includes('--prepare')) {
      process.stderr.write(`citegraph: the CLI build failed: ${message}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `citegraph: could not build dist/cli/ (${message}); the CLI will run from the TypeScript sources, slower to start, until \`npm run build\` succeeds\n`,
    );
  }
}
