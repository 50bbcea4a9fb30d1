/** Minimal binary min-heap on a numeric key (due time of a customer's repeat contact). */
export class MinHeap<T> {
  private items: { key: number; seq: number; value: T }[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(key: number, value: T): void {
    const a = this.items;
    a.push({ key, seq: this.seq++, value });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  peekKey(): number | null {
    return this.items.length ? this.items[0].key : null;
  }

  pop(): T | null {
    const a = this.items;
    if (a.length === 0) return null;
    const top = a[0];
    const last = a.pop() as (typeof a)[number];
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(l, m)) m = l;
        if (r < a.length && this.less(r, m)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top.value;
  }

  // Ties break on insertion order so the output never depends on heap internals.
  private less(i: number, j: number): boolean {
    const a = this.items[i];
    const b = this.items[j];
    return a.key < b.key || (a.key === b.key && a.seq < b.seq);
  }
}
