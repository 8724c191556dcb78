/**
 * The CSV reader of `citegraph neo4j import`: blocks of whole records, each parsed by papaparse,
 * must give the rows of the whole file parsed at once, whatever falls on a block boundary.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../src/store/neo4j-import-load.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citegraph-import-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readRows(text: string, name = 'rows.csv'): Promise<{ rows: string[][]; bytes: number }> {
  const path = join(dir, name);
  await writeFile(path, text);
  const rows: string[][] = [];
  let bytes = 0;
  for await (const row of csvRows({ path, name, size: Buffer.byteLength(text) }, (n) => {
    bytes += n;
  }))
    rows.push(row);
  return { rows, bytes };
}

describe('csvRows', () => {
  it('reads quoted line breaks, doubled quotes and CRLF, also across the 64 KiB read blocks', async () => {
    // A field long enough to straddle the first block boundary, holding a line break and quotes.
    const long = `${'x'.repeat(70_000)}\n"quoted" , still one field`;
    const text =
      'id:ID(Paper),title,abstract\r\n' +
      'p1,"A, B","first line\r\nsecond line"\r\n' +
      `p2,plain,"${long.replaceAll('"', '""')}"\r\n` +
      'p3,"He said ""hi""",\r\n';
    const { rows, bytes } = await readRows(text);
    expect(rows).toEqual([
      ['id:ID(Paper)', 'title', 'abstract'],
      ['p1', 'A, B', 'first line\r\nsecond line'],
      ['p2', 'plain', long],
      ['p3', 'He said "hi"', ''],
    ]);
    expect(bytes).toBe(Buffer.byteLength(text));
  });

  it('reads a last row without a line break', async () => {
    expect((await readRows('a,b\n1,2')).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('gives back any table papaparse writes, block boundaries anywhere', async () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r\n', ' ', ';') }),
      // Long enough that some records straddle a 64 KiB read block.
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', '"', '\n') }),
          fc.nat(8_000),
        )
        .map(([part, times]) => part.repeat(times)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 }),
        async (table) => {
          // A row of empty fields is an empty line to papaparse (skipped); keep one non-empty field.
          const rows = table.map(([a, b]) => [`k${a}`, b!]);
          const text = Papa.unparse(rows, { newline: '\n' });
          expect((await readRows(text, 'property.csv')).rows).toEqual(rows);
        },
      ),
      { numRuns: 100 },
    );
  });
});
