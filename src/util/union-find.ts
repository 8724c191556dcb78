/** Disjoint sets over 0..n-1 with path compression; the smallest index of a set is its root. */
export class UnionFind {
  private readonly parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[index] !== root) {
      const next = this.parent[index]!;
      this.parent[index] = root;
      index = next;
    }
    return root;
  }
  /** Adds `count` singleton sets at once. */
  static of(count: number): UnionFind {
    const sets = new UnionFind();
    for (let index = 0; index < count; index++) sets.add();
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
