// Small LRU maps for the CDS hot path. An EHR calls on every chart opening and order; most calls
// carry a record the service has seen. Assessments are immutable, so a stored one can be served from
// memory; the patient's current version is remembered per content hash and forgotten on any write
// through this process (`forget`).

export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
