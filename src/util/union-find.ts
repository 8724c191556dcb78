/** Disjoint sets over 0..n-1 with path compression; the smallest index of a set is its root. */
export class UnionFind {
  // A typed array: millions of sets stay one flat block, not a JS array of numbers.
  private readonly parent: Int32Array;
  private constructor(count: number) {
    this.parent = new Int32Array(Math.max(count, 1));
  }
  find(index: number): number {
    const parent = this.parent;
    let root = index;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[index] !== root) {
      const next = parent[index]!;
      parent[index] = root;
      index = next;
    }
    return root;
  }
  /** `count` singleton sets. */
  static of(count: number): UnionFind {
    const sets = new UnionFind(count);
    for (let index = 0; index < count; index++) sets.parent[index] = index;
    return sets;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    // The smaller index stays root so the first-seen record leads its group (determinism).
    if (rootA < rootB) this.parent[rootB] = rootA;
    else if (rootB < rootA) this.parent[rootA] = rootB;
  }
}
