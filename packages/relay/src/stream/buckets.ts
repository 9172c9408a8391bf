/**
 * Lists of values under keys, dropping a key when its list empties: the building block of the
 * subscription indexes. Lists rather than sets, because most keys hold one or a few values and an
 * index holds many keys: arrays take a fraction of the memory, so lookups stay in cache. Deleting is
 * linear in the values of one key, which only unsubscribing pays.
 *
 * @example
 * const byRegion = new Buckets<string, number>();
 * byRegion.add('PT', 1);
 * byRegion.each('PT', (sub) => console.log(sub)); // 1
 */
export class Buckets<K, V> {
  readonly #map = new Map<K, V[]>();

  /** Adds `value` under `key`. Callers add a value at most once under each key. */
  add(key: K, value: V): void {
    const list = this.#map.get(key);
    if (list === undefined) this.#map.set(key, [value]);
    else list.push(value);
  }

  delete(key: K, value: V): void {
    const list = this.#map.get(key);
    if (list === undefined) return;
    const at = list.indexOf(value);
    if (at === -1) return;
    list[at] = list[list.length - 1]!;
    list.pop();
    if (list.length === 0) this.#map.delete(key);
  }

  /** Calls `visit` with each value under `key`. `visit` must not add or delete values of this key. */
  each(key: K, visit: (value: V) => void): void {
    const list = this.#map.get(key);
    if (list !== undefined) for (const value of list) visit(value);
  }

  /** The values under `key`, a copy. */
  get(key: K): V[] {
    return [...(this.#map.get(key) ?? [])];
  }

  get keyCount(): number {
    return this.#map.size;
  }
}
