/**
 * GEXF 1.3 export (Gephi) through graphology-gexf's writer, for graphs that fit in one string.
 * Big graphs: gexf-stream.ts writes the same data chunk by chunk.
 *
 * graphology-gexf covers the body; four things it does not do are patched on its output, each
 * by a pattern that can only match a start tag (any '<' inside values is escaped):
 * - it adds xsi:schemaLocation, which the official RELAX NG schema rejects;
 * - it infers attribute types from the values, so a metric that is whole everywhere would be
 *   declared integer: declarations are set to the schema's types (attributes.ts);
 * - it has no dynamic mode: mode/timeformat on <graph>, start/end on nodes and edges;
 * - it declares defaultedgetype="directed" for a graph with both directions, and Gephi then drops
 *   every undirected edge: such a graph gets no default and a type on every edge (gexf-format.ts).
 */
import { write as writeGexfDocument } from 'graphology-gexf';
import type { LayerGraph } from '../graph/readable.ts';
import type { AttributeModel } from './attributes.ts';
import {
  type GexfEdgeRecord,
  GexfFormatter,
  type GexfNodeRecord,
  type GexfOptions,
  gexfDefaultEdgeType,
} from './gexf-format.ts';
import { LAYER_SPECS, projectLayer } from './layers.ts';

export type { GexfOptions } from './gexf-format.ts';
export { GEXF_DEFAULTS } from './gexf-format.ts';

interface VizRecord {
  color?: string;
  size?: number;
  x?: number;
  y?: number;
}

const SCHEMA_LOCATION =
  / xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance"| xsi:schemaLocation="[^"]*"/g;

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#[0-9]+);/gi, (entity, name: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    const lower = name.toLowerCase();
    if (lower in named) return named[lower] ?? entity;
    const code = lower.startsWith('#x')
      ? Number.parseInt(lower.slice(2), 16)
      : Number.parseInt(lower.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

function spanAttributes(span: { start?: number; end?: number } | undefined): string {
  if (!span) return '';
  return `${span.start !== undefined ? ` start="${span.start}"` : ''}${span.end !== undefined ? ` end="${span.end}"` : ''}`;
}

function fixDeclaredTypes(xml: string, nodeModel: AttributeModel, edgeModel: AttributeModel): string {
  return xml.replace(
    /<attributes class="(node|edge)">[\s\S]*?<\/attributes>/g,
    (block, modelClass: string) => {
      const model = modelClass === 'node' ? nodeModel : edgeModel;
      return block.replace(
        /<attribute id="([^"]*)" title="([^"]*)" type="[^"]*"/g,
        (tag, id: string, title: string) => {
          const type = model.types.get(unescapeXml(id));
          return type ? `<attribute id="${id}" title="${title}" type="${type}"` : tag;
        },
      );
    },
  );
}

/** The graph of one layer as a GEXF 1.3 document (valid against the official RELAX NG schema). */
export function writeGexf(graph: LayerGraph, options: GexfOptions = {}): string {
  const formatter = new GexfFormatter(graph, options);
  const projected = projectLayer(graph, formatter.options.layer);
  projected.replaceAttributes({
    creator: formatter.options.creator,
    description: formatter.options.description,
  });

  const nodes = new Map<string, GexfNodeRecord>();
  const edges = new Map<string, GexfEdgeRecord>();
  let xml = writeGexfDocument(projected, {
    version: '1.3',
    // Pedantic keeps meta to creator/description/keywords, the only children the schema allows.
    pedantic: true,
    formatNode: (key, attributes) => {
      const record = formatter.node(key, attributes);
      nodes.set(key, record);
      const viz: VizRecord = {};
      if (record.color) viz.color = `rgb(${record.color.r},${record.color.g},${record.color.b})`;
      if (record.size !== undefined) viz.size = record.size;
      if (record.position) Object.assign(viz, record.position);
      return { label: record.label, attributes: record.attributes, viz };
    },
    formatEdge: (key, attributes) => {
      const [source, target] = projected.extremities(key);
      const record = formatter.edge(key, attributes, source, target, projected.isUndirected(key));
      edges.set(key, record);
      return { attributes: record.attributes, weight: record.weight, kind: record.kind };
    },
  });

  xml = xml.replace(SCHEMA_LOCATION, '');
  const layerType = LAYER_SPECS[formatter.options.layer].type;
  if (!gexfDefaultEdgeType(layerType, projected.directedSize, projected.undirectedSize)) {
    // graphology-gexf wrote defaultedgetype="directed" and typed only the undirected edges.
    xml = xml.replace(/<graph([^>]*?) defaultedgetype="[^"]*"/, '<graph$1');
    xml = xml.replace(/<edge id="([^"]*)" source="/g, '<edge id="$1" type="directed" source="');
  }
  xml = fixDeclaredTypes(xml, formatter.nodeModel, formatter.edgeModel);
  if (formatter.options.dynamic) {
    xml = xml.replace(/<graph(?=[ >])/, '<graph mode="dynamic" timeformat="double"');
    xml = xml.replace(
      /<(node|edge) id="([^"]*)"/g,
      (tag, element: string, id: string) =>
        tag + spanAttributes((element === 'node' ? nodes : edges).get(unescapeXml(id))),
    );
  }
  return xml;
}
