import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The GEXF 1.3 RNG: the repo's copy first, then shared/ beside the clone, then /work/shared. */
export function gexfSchemaPath(): string {
  const candidates = [
    path.join(repoRoot, 'test/fixtures/gexf-1.3/gexf.rng'),
    path.resolve(repoRoot, '../shared/gexf-1.3/gexf.rng'),
    '/work/shared/gexf-1.3/gexf.rng',
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`GEXF schema not found; looked in ${candidates.join(', ')}`);
  return found;
}

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
/** Why schema tests are skipped (undefined: they run). On CI a missing xmllint is a failure, not a skip. */
export const xmllintSkipReason: string | undefined =
  hasXmllint || process.env.CI === 'true'
    ? undefined
    : 'xmllint not installed (apt-get install libxml2-utils)';

/** Runs xmllint on the text; `relaxng` validates against that schema, otherwise checks well-formedness. */
export function xmllint(text: string, relaxng?: string): { ok: boolean; output: string } {
  if (!hasXmllint) throw new Error('xmllint is required (CI=true): apt-get install -y libxml2-utils');
  const dir = mkdtempSync(path.join(tmpdir(), 'citegraph-xmllint-'));
  try {
    const file = path.join(dir, 'doc.xml');
    writeFileSync(file, text);
    const args = ['--noout', ...(relaxng ? ['--relaxng', relaxng] : []), file];
    const result = spawnSync('xmllint', args, { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function validateGexf(xml: string): { ok: boolean; output: string } {
  return xmllint(xml, gexfSchemaPath());
}
