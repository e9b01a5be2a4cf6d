/**
 * Binary heap of entry indices by priority (path length bound f). Ties go to the deeper partial
 * path, then the newest: with an exact heuristic every partial path on a shortest route ties, and
 * breadth-first tie-breaking would expand all of them (exponentially many in layered graphs)
 * before completing one; depth-first completes a path in `length` pops.
 */
interface QueueItem {
  id: number;
  priority: number;
  depth: number;
  seq: number;
}

export class PathQueue {
  private readonly items: QueueItem[] = [];
  private seq = 0;
  get size(): number {
    return this.items.length;
  }
  push(id: number, priority: number, depth: number): void {
    const items = this.items;
    items.push({ id, priority, depth, seq: this.seq++ });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      [items[i], items[p]] = [items[p], items[i]];
      i = p;
    }
  }
  pop(): number {
    const items = this.items;
    const top = items[0].id;
    const last = items.pop() as QueueItem;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top;
  }
  private less(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (x.priority !== y.priority) return x.priority < y.priority;
    if (x.depth !== y.depth) return x.depth > y.depth;
    return x.seq > y.seq;
  }
}
