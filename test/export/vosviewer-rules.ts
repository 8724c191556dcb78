/**
 * The rules a VOSviewer JSON file must meet, field by field, as VOSviewer Online's reader applies
 * them (src/workers/worker.js and src/utils/errors.js of VOSviewer Online: each item's weights
 * become `weight<Key>` fields and its scores `score<Key>` fields; a field one item has and another
 * lacks is filled with null; then the checks run in this order) and as its JSON format page
 * describes clusters and cluster colours), plus what citegraph promises on top: every cluster in
 * use has a label and a colour. Returns what breaks them; an empty list means the file loads. The
 * test with the real reader (programs.test.ts) runs the reader itself.
 */

type Json = Record<string, unknown>;

const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const clusterNumber = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1000;

export function vosviewerRuleViolations(file: unknown): string[] {
  const problems: string[] = [];
  const network = isObject(file) && isObject(file.network) ? file.network : undefined;
  const items = network && Array.isArray(network.items) ? (network.items as unknown[]) : undefined;
  const links = network && Array.isArray(network.links) ? (network.links as unknown[]) : undefined;
  if (!network || (!items && !links)) return ['invalid JSON data format: no network.items or network.links'];

  // Items, as the reader flattens them.
  const rows = (items ?? []).map((item) => {
    const row: Json = {};
    if (!isObject(item)) return row;
    for (const [key, value] of Object.entries(item)) {
      if (key === 'weights' && isObject(value))
        for (const [name, weight] of Object.entries(value)) row[`weight<${name}>`] = weight;
      else if (key === 'scores' && isObject(value))
        for (const [name, score] of Object.entries(value)) row[`score<${name}>`] = score;
      else if (key !== 'weights' && key !== 'scores') row[key] = value;
    }
    return row;
  });
  const fields = new Set(rows.flatMap((row) => Object.keys(row)));
  const filled = rows.map((row) =>
    Object.fromEntries([...fields].map((field) => [field, row[field] ?? null])),
  );
  if (rows.length > 0) {
    if (rows.length < 3) problems.push(`fewer than 3 items (${rows.length})`);
    if (!fields.has('id') && !fields.has('label')) problems.push('items have neither id nor label');
    if ((links?.length ?? 0) > 0 && !fields.has('id')) problems.push('links but no item ids');
    if ((links?.length ?? 0) === 0 && (!fields.has('x') || !fields.has('y')))
      problems.push('no links and no x/y coordinates');
    const ids = filled.map((row) => row.id);
    ids.forEach((id, i) => {
      if (id === null || id === '') problems.push(`item ${i + 1}: empty id`);
      else if (!(Number.isInteger(id) && (id as number) > 0) && typeof id !== 'string')
        problems.push(`item ${i + 1}: id ${JSON.stringify(id)} is neither a positive integer nor a string`);
      if (ids.indexOf(id) !== i) problems.push(`item ${i + 1}: id ${JSON.stringify(id)} not unique`);
    });
    filled.forEach((row, i) => {
      if (typeof row.label !== 'string' && row.label !== null)
        problems.push(`item ${i + 1}: label not a string`);
      if ((fields.has('x') || fields.has('y')) && (!isNumber(row.x) || !isNumber(row.y)))
        problems.push(`item ${i + 1}: x/y not numbers (${JSON.stringify([row.x, row.y])})`);
      for (const field of fields) {
        const value = row[field];
        if (field.startsWith('weight<') && !(isNumber(value) && value >= 0))
          problems.push(`item ${i + 1}: ${field} is ${JSON.stringify(value)}, not a non-negative number`);
        if (field.startsWith('score<') && value !== null && !isNumber(value))
          problems.push(`item ${i + 1}: ${field} is ${JSON.stringify(value)}, not a number`);
      }
      if (row.cluster !== null && !clusterNumber(row.cluster))
        problems.push(`item ${i + 1}: cluster ${JSON.stringify(row.cluster)} not an integer in 1..1000`);
    });
    if (fields.has('x') && fields.has('y') && filled.length > 0) {
      const [first] = filled;
      if (filled.every((row) => row.x === first?.x && row.y === first?.y))
        problems.push('all items at one point');
    }
  }

  // Links.
  const itemIds = new Set(filled.map((row) => row.id));
  (links ?? []).forEach((link, i) => {
    if (!isObject(link) || !('source_id' in link) || !('target_id' in link)) {
      problems.push(`link ${i + 1}: no source_id/target_id`);
      return;
    }
    if (!link.source_id || !link.target_id) problems.push(`link ${i + 1}: empty source_id or target_id`);
    else if (rows.length > 0 && (!itemIds.has(link.source_id) || !itemIds.has(link.target_id)))
      problems.push(`link ${i + 1}: ${link.source_id}-${link.target_id} names an item that does not exist`);
    if (!(isNumber(link.strength) && link.strength >= 0))
      problems.push(`link ${i + 1}: strength ${JSON.stringify(link.strength)} not a non-negative number`);
  });

  // Clusters and their colours (the format page: integers 1..1000, labels, hex colours).
  const used = new Set(filled.map((row) => row.cluster).filter((cluster) => cluster !== null));
  const labelled = new Set<unknown>();
  for (const cluster of Array.isArray(network.clusters) ? network.clusters : []) {
    if (
      !isObject(cluster) ||
      !clusterNumber(cluster.cluster) ||
      typeof cluster.label !== 'string' ||
      !cluster.label
    )
      problems.push(`network.clusters: ${JSON.stringify(cluster)} is not {cluster: 1..1000, label}`);
    else labelled.add(cluster.cluster);
  }
  for (const cluster of used) if (!labelled.has(cluster)) problems.push(`cluster ${cluster} has no label`);
  const config = isObject(file) && isObject(file.config) ? file.config : {};
  const schemes = isObject(config.color_schemes) ? config.color_schemes : {};
  const colored = new Set<unknown>();
  for (const entry of Array.isArray(schemes.cluster_colors) ? schemes.cluster_colors : []) {
    if (!isObject(entry) || !clusterNumber(entry.cluster) || !/^#[0-9a-f]{6}$/i.test(String(entry.color)))
      problems.push(`cluster_colors: ${JSON.stringify(entry)} is not {cluster: 1..1000, color: #rrggbb}`);
    else colored.add(entry.cluster);
  }
  for (const cluster of used) if (!colored.has(cluster)) problems.push(`cluster ${cluster} has no colour`);
  return problems;
}
