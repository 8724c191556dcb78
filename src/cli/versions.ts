import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Versions of the libraries whose algorithms shape the results, for the report's provenance. */
export function libraryVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.versions.node };
  const own = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  versions.citegraph = own.version;
  for (const name of [
    'graphology',
    'graphology-communities-louvain',
    'graphology-metrics',
    'graphology-layout-forceatlas2',
    'graphology-components',
  ]) {
    try {
      const manifest = require(`${name}/package.json`) as { version: string };
      versions[name] = manifest.version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}
