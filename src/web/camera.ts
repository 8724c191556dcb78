/**
 * The camera follows the user: it fits what is visible after each filter, legend or view change, and
 * zooms to a selection. Moves are animated unless the user turned animation off or asks for reduced
 * motion; any new move replaces the one in progress.
 */
import { getCameraStateToFitViewportToNodes } from '@sigma/utils';
import type Sigma from 'sigma';
import type { AnalysedSigma } from './graph-index.ts';

/** Duration of an animated camera move. */
const MOVE_MS = 350;
/** Room left around the fitted nodes, as a share of the view, so the largest discs stay whole. */
const FIT_MARGIN = 1.12;
/** Zoom ratio of a view centred on one node. */
const FOCUS_RATIO = 0.35;

export class CameraControl {
  animate = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  constructor(private readonly sigma: () => AnalysedSigma) {}

  private move(state: { x: number; y: number; ratio: number; angle?: number }): Promise<void> {
    const camera = this.sigma().getCamera();
    if (!this.animate) {
      camera.setState({ ...state, angle: 0 });
      return Promise.resolve();
    }
    return camera.animate({ ...state, angle: 0 }, { duration: MOVE_MS });
  }

  /** Fits the camera to these nodes (all of sigma's graph when none are given). */
  fit(nodes?: readonly string[]): Promise<void> {
    const sigma = this.sigma();
    const keys = nodes ?? sigma.getGraph().nodes();
    const shown = keys.filter((k) => {
      const d = sigma.getNodeDisplayData(k);
      return d !== undefined && !d.hidden;
    });
    if (shown.length === 0) return this.reset();
    if (shown.length === 1) return this.focus(shown[0]!);
    const target = getCameraStateToFitViewportToNodes(sigma as unknown as Sigma, shown);
    return this.move({ x: target.x, y: target.y, ratio: target.ratio * FIT_MARGIN });
  }

  /** Ends a move in progress where it is (the user took over, or pressed Escape). */
  skip(): void {
    const camera = this.sigma().getCamera();
    if (camera.isAnimated()) void camera.animate(camera.getState(), { duration: 1 });
  }

  /** Back to the whole graph as sigma frames it. */
  reset(): Promise<void> {
    return this.move({ x: 0.5, y: 0.5, ratio: 1 });
  }

  /** Centres on one node, zoomed in. */
  focus(key: string): Promise<void> {
    const d = this.sigma().getNodeDisplayData(key);
    if (!d) return Promise.resolve();
    return this.move({ x: d.x, y: d.y, ratio: FOCUS_RATIO });
  }
}
