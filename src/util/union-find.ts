/** Disjoint sets over 0..n-1 with path compression; the smallest index of a set is its root. */
export class UnionFind {
  // A typed array, grown by doubling: millions of sets stay one flat block, not a JS array of numbers.
  private parent: Int32Array;
  private count = 0;
  constructor(capacity = 16) {
    this.parent = new Int32Array(Math.max(capacity, 1));
  }
  get size(): number {
    return this.count;
  }
  add(): number {
    if (this.count === this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.count] = this.count;
    return this.count++;
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
  /** Adds `count` singleton sets at once. */
  static of(count: number): UnionFind {
    const sets = new UnionFind(count);
    for (let index = 0; index < count; index++) sets.parent[index] = index;
    sets.count = count;
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
