/**
 * The state changes the toolbar asks for, put in terms of the graph: which colouring a view starts
 * with, what the overlay colours by, which choices survive a change of view.
 */
import type { AttributeInfo } from './attributes.ts';
import { type Display, SIZE_METRICS, type ViewState } from './state.ts';
import type { ViewDefinition } from './views.ts';

export class Choices {
  constructor(
    private readonly views: Map<string, ViewDefinition>,
    /** The attributes of a view's nodes. */
    private readonly catalogueOf: (view: string) => AttributeInfo[],
  ) {}

  isNumeric(view: string, name: string): boolean {
    return this.catalogueOf(view).some((a) => a.name === name && a.type === 'numeric');
  }

  /** A community layer, or an attribute the view's nodes have. */
  validColor(view: string, name: string): boolean {
    return (
      name === 'collaboration' || name === 'theme' || this.catalogueOf(view).some((a) => a.name === name)
    );
  }

  /** The view's own colouring when the graph has it, else the community layer of its node kinds. */
  defaultColor(view: string): string {
    const definition = this.views.get(view)!;
    if (this.validColor(view, definition.colorBy)) return definition.colorBy;
    return definition.nodeKinds.has('author') ? 'collaboration' : 'theme';
  }

  /** What the overlay colours by: the average year when the nodes have one, else the first number. */
  overlayColor(view: string): string {
    const numeric = this.catalogueOf(view).filter((a) => a.type === 'numeric');
    return (numeric.find((a) => a.name === 'avgYear') ?? numeric[0])?.name ?? this.defaultColor(view);
  }

  /** Puts a state in terms of this graph: a colouring and display its view's nodes have. */
  normalise(s: ViewState): void {
    if (!this.validColor(s.view, s.colorBy)) s.colorBy = this.defaultColor(s.view);
    if (s.display === 'overlay' && !this.isNumeric(s.view, s.colorBy)) s.colorBy = this.overlayColor(s.view);
    if (s.display !== 'density') s.display = this.isNumeric(s.view, s.colorBy) ? 'overlay' : 'network';
  }

  viewChange(state: ViewState, id: string): Partial<ViewState> {
    if (!this.views.has(id)) return {};
    // Edge weights mean different things in each layer: the weight floor starts again.
    const change: Partial<ViewState> = {
      view: id,
      hiddenCommunities: new Set(),
      community: null,
      range: null,
      minWeight: 0,
    };
    // Keep an overlay or attribute colouring the new view's nodes also have.
    const keep = state.colorBy !== 'collaboration' && state.colorBy !== 'theme';
    change.colorBy = keep && this.validColor(id, state.colorBy) ? state.colorBy : this.defaultColor(id);
    if (!SIZE_METRICS.includes(state.sizeBy) && !this.isNumeric(id, state.sizeBy)) change.sizeBy = 'degree';
    if (state.labelBy !== 'label' && !this.validColor(id, state.labelBy)) change.labelBy = 'label';
    return change;
  }

  displayChange(state: ViewState, display: Display): Partial<ViewState> {
    const view = state.view;
    if (display === 'overlay') {
      const colorBy = this.isNumeric(view, state.colorBy) ? state.colorBy : this.overlayColor(view);
      return {
        display: this.isNumeric(view, colorBy) ? 'overlay' : 'network',
        colorBy,
        hiddenCommunities: new Set(),
        community: null,
      };
    }
    if (display === 'network') {
      const colorBy = this.isNumeric(view, state.colorBy) ? this.defaultColor(view) : state.colorBy;
      return { display, colorBy };
    }
    return { display };
  }

  colorChange(state: ViewState, colorBy: string): Partial<ViewState> {
    const change: Partial<ViewState> = { colorBy, hiddenCommunities: new Set(), community: null };
    if (state.display !== 'density')
      change.display = this.isNumeric(state.view, colorBy) ? 'overlay' : 'network';
    return change;
  }
}
