/** What the database says about the communities written in one Author property. */
export interface CommunityAggregates {
  /** One row per community: its id in the database, size and first members (most connected first). */
  groups: { community: number; size: number; names: string[]; authorIds: string[] }[];
  papers: { community: number; papers: number }[];
  /** Co-authorship weight between two communities, both orientations (a = b: twice the inside weight). */
  links: { a: number; b: number; weight: number }[];
  /** Authorships from a community to the papers of a theme. */
  themes: { community: number; theme: number; weight: number }[];
}
