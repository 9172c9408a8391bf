import { Buckets } from './buckets.js';
import { type Circle, type Cover, coverCircle, forEachLevel, MAX_LEVEL } from './geo-grid.js';

/**
 * Values indexed by a circle, found by any circle that may overlap it. A value is stored under the cells
 * of its cover (`exact`) and under every coarser ancestor of them (`within`). A query circle then looks
 * at its own cells in both maps (values at its level or finer) and at the ancestors of its cells in
 * `exact` (values at coarser levels). The work per query is bounded by the number of levels and cells,
 * never by the number of values stored; the candidates may include circles that do not overlap, which
 * the caller's exact check removes.
 *
 * @example
 * const index = new GeoIndex<string>();
 * index.add('lisbon', { lat: 38.72, lon: -9.14, radiusKm: 25 });
 * index.candidates({ lat: 38.7, lon: -9.2, radiusKm: 5 }); // Set { 'lisbon' }
 */
export class GeoIndex<V> {
  readonly #exact: Buckets<number, V>[] = [];
  readonly #within: Buckets<number, V>[] = [];
  readonly #covers = new Map<V, Cover>();
  /** How many values are indexed at each level, so queries skip the empty ones. */
  readonly #perLevel: number[] = new Array(MAX_LEVEL + 1).fill(0);

  constructor() {
    for (let level = 0; level <= MAX_LEVEL; level++) {
      this.#exact.push(new Buckets());
      this.#within.push(new Buckets());
    }
  }

  add(value: V, circle: Circle): void {
    this.delete(value);
    const cover = coverCircle(circle);
    this.#covers.set(value, cover);
    this.#perLevel[cover.level]!++;
    this.#visit(cover, (buckets, cell) => buckets.add(cell, value));
  }

  delete(value: V): void {
    const cover = this.#covers.get(value);
    if (cover === undefined) return;
    this.#covers.delete(value);
    this.#perLevel[cover.level]!--;
    this.#visit(cover, (buckets, cell) => buckets.delete(cell, value));
  }

  /** Calls `visit` with every stored value whose circle may overlap `circle`, some of them more than once. */
  each(circle: Circle, visit: (value: V) => void): void {
    if (this.#covers.size === 0) return;
    const cover = coverCircle(circle);
    const within = this.#within[cover.level]!;
    if (within.keyCount > 0) for (const cell of cover.cells) within.each(cell, visit);
    const coarsest = this.#perLevel.findIndex((count) => count > 0);
    if (coarsest > cover.level) return;
    forEachLevel(
      cover,
      (level, cells) => {
        if (this.#perLevel[level] === 0) return;
        const exact = this.#exact[level]!;
        for (const cell of cells) exact.each(cell, visit);
      },
      coarsest,
    );
  }

  /** The stored values whose circle may overlap `circle`. */
  candidates(circle: Circle): Set<V> {
    const into = new Set<V>();
    this.each(circle, (value) => into.add(value));
    return into;
  }

  get size(): number {
    return this.#covers.size;
  }

  #visit(cover: Cover, apply: (buckets: Buckets<number, V>, cell: number) => void): void {
    forEachLevel(cover, (level, cells) => {
      const buckets = level === cover.level ? this.#exact[level]! : this.#within[level]!;
      for (const cell of cells) apply(buckets, cell);
    });
  }
}
