import type { PartialAnalyzeOptions } from '../../src/analysis/options.ts';

/** An analysis without the slow parts a test of the maps does not read: layout, stability, themes, timeline. */
export const QUIET_ANALYSIS: PartialAnalyzeOptions = {
  layout: false,
  stabilitySeeds: 0,
  sweepResolutions: [1],
  themes: { enabled: false },
  timeline: false,
};
