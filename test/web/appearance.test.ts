import { describe, expect, it } from 'vitest';
import { colorScale, sizeRange, sizeScale } from '../../src/web/appearance.ts';
import { attributeCatalogue, numericValues } from '../../src/web/attributes.ts';
import { Choices } from '../../src/web/choices.ts';
import { buildIndex } from '../../src/web/graph-index.ts';
import { defaultState } from '../../src/web/state.ts';
import { viewsOf } from '../../src/web/views.ts';
import { buildLayerIndex } from '../../src/web/visibility.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';

const graph = sampleAnalysedGraph();
const index = buildIndex(graph);
const views = viewsOf(graph);
const nodesOf = (view: string) => buildLayerIndex(graph, index, views.get(view)!).nodes;

describe('appearance by attribute', () => {
  it('derives an author’s average year from the papers they wrote when the graph lacks it', () => {
    const years = numericValues(graph, nodesOf('coauthor'), 'avgYear');
    // Ada wrote p1 (2022) and p2 (2023); Grace only p1; Alan only p3 (2023).
    expect(years.get('author:ada-lovelace')).toBe(2022.5);
    expect(years.get('author:grace-ohopper')).toBe(2022);
    expect(years.get('author:alan-turing')).toBe(2023);
    // A node's own avgYear wins.
    const g = sampleAnalysedGraph();
    g.mergeNodeAttributes('author:ada-lovelace', { avgYear: 1843 } as never);
    expect(numericValues(g, ['author:ada-lovelace'], 'avgYear').get('author:ada-lovelace')).toBe(1843);
  });

  it('offers the overlay scores first, numbers as numbers and group ids as categories', () => {
    const catalogue = attributeCatalogue(graph, nodesOf('coauthor'));
    expect(catalogue[0]).toEqual({ name: 'avgYear', label: 'Average year', type: 'numeric' });
    expect(catalogue.find((a) => a.name === 'paperCount')?.type).toBe('numeric');
    expect(catalogue.find((a) => a.name === 'community')?.type).toBe('categorical');
    expect(catalogue.some((a) => a.name === 'name' || a.name === 'x')).toBe(false);
  });

  it('colours numbers on viridis from low to high and counts nodes without a value', () => {
    const scale = colorScale(graph, index, nodesOf('citations'), 'year', true, 'citations');
    expect(scale.domain).toEqual([2018, 2023]);
    // The reference (2018) is the low end: viridis starts at #440154.
    expect(scale.colorOf('ref:wu-2018')).toBe('#440154');
    expect(scale.colorOf('paper:p3')).toBe('#fde725');
    expect(scale.missing).toBe(0);
  });

  it('shrinks the size range for large views', () => {
    expect(sizeRange(100)).toEqual({ min: 16 / 7, max: 16 });
    expect(sizeRange(1600).max).toBe(8);
    const sizes = sizeScale(graph, nodesOf('coauthor'), 'paperCount');
    // Ada and Charles wrote 2 papers, Grace and Alan 1: radius by the square root of the share.
    expect(sizes.get('author:ada-lovelace')).toBe(16);
    expect(sizes.get('author:grace-ohopper')).toBeCloseTo(16 / 7 + (16 - 16 / 7) * Math.sqrt(0.5), 6);
  });

  it('overlay picks the average year; a view change keeps a colouring the new view’s nodes have', () => {
    const choices = new Choices(views, (v) => attributeCatalogue(graph, nodesOf(v)));
    const state = { ...defaultState(), view: 'coauthor', colorBy: 'collaboration' };
    expect(choices.displayChange(state, 'overlay')).toMatchObject({ display: 'overlay', colorBy: 'avgYear' });
    expect(choices.viewChange({ ...state, colorBy: 'avgYear' }, 'citations').colorBy).toBe('avgYear');
    expect(choices.viewChange(state, 'citations').colorBy).toBe('theme');
  });
});
