/** The `analyze` options of the bibliometric maps (src/analysis/maps/), parsed into analysis options. */
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type ClusteringMethod,
  DEFAULT_ANALYZE_OPTIONS,
  type KeywordSource,
  MAP_NAMES,
  type MapCounting,
  type MapName,
  type MapNormalization,
  type PartialMapsOptions,
} from '../../analysis/options.ts';
import { parseKeywordThesaurus } from '../../ingest/keyword-thesaurus.ts';
import type { Diagnostic } from '../../model/types.ts';

export interface MapCommandOptions {
  maps: MapName[];
  clustering?: ClusteringMethod;
  counting: MapCounting;
  normalization: MapNormalization;
  keywords: KeywordSource;
  keywordThesaurus?: string;
  mapItems?: number;
  minOccurrences?: number;
}

function mapList(value: string): MapName[] {
  if (value === 'none') return [];
  const names = value.split(',').map((name) => name.trim());
  for (const name of names)
    if (!(MAP_NAMES as readonly string[]).includes(name))
      throw new InvalidArgumentError(`expected 'none' or some of ${MAP_NAMES.join(', ')}, got '${name}'`);
  return names as MapName[];
}

function count(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got '${value}'`);
  return parsed;
}

/** Adds the maps' options to the analyze command. */
export function addMapOptions(command: Command): Command {
  const defaults = DEFAULT_ANALYZE_OPTIONS.maps;
  return command
    .option(
      `--maps <names>`,
      `bibliometric maps to build: 'none' or some of ${MAP_NAMES.join(', ')}`,
      mapList,
      [...MAP_NAMES],
    )
    .addOption(
      new Option(
        '--clustering <method>',
        'clusters of the maps and of collaborator groups (default: leiden for co-citation, coupling and keywords, louvain for co-authorship)',
      ).choices(['louvain', 'leiden']),
    )
    .addOption(
      new Option('--counting <method>', "maps' link weights: 'full' or VOSviewer's 'fractional' counting")
        .choices(['full', 'fractional'])
        .default(defaults.counting),
    )
    .addOption(
      new Option(
        '--normalization <method>',
        "maps' `weight`: association strength (VOSviewer), cosine, Jaccard, inclusion or none",
      )
        .choices(['association', 'cosine', 'jaccard', 'inclusion', 'none'])
        .default(defaults.normalization),
    )
    .addOption(
      new Option(
        '--keywords <source>',
        'keywords of the co-occurrence map: author keywords, index keywords, or title/abstract terms',
      )
        .choices(['author', 'index', 'terms'])
        .default(defaults.keywords),
    )
    .option(
      '--keyword-thesaurus <file>',
      "keyword rules, VOSviewer layout: 'label<TAB>replace by' (empty: drop it)",
    )
    .option(
      '--map-items <n>',
      `most items per map, those with the most occurrences (default: ${defaults.cocitation.maxItems}; ${defaults.countries.maxItems} for countries and institutions)`,
      count,
    )
    .option(
      '--min-occurrences <n>',
      'least occurrences (citations, documents) of a map item (default: chosen from the corpus size)',
      count,
    );
}

/** The maps' analysis options, with the keyword thesaurus read (its diagnostics returned). */
export async function mapOptionsFrom(
  options: MapCommandOptions,
): Promise<{ maps: PartialMapsOptions; diagnostics: Diagnostic[] }> {
  const maps: PartialMapsOptions = {
    counting: options.counting,
    normalization: options.normalization,
    keywords: options.keywords,
  };
  for (const name of MAP_NAMES) {
    maps[name] = {
      enabled: options.maps.includes(name),
      ...(options.clustering ? { clustering: options.clustering } : {}),
      ...(options.mapItems !== undefined ? { maxItems: options.mapItems } : {}),
      ...(options.minOccurrences !== undefined ? { minOccurrences: options.minOccurrences } : {}),
    };
  }
  if (!options.keywordThesaurus) return { maps, diagnostics: [] };
  const { rules, diagnostics } = parseKeywordThesaurus(
    await readFile(options.keywordThesaurus, 'utf8'),
    options.keywordThesaurus,
  );
  maps.thesaurus = rules;
  return { maps, diagnostics };
}
