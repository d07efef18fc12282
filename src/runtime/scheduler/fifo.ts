/**
 * A growable ring-buffer FIFO: O(1) amortised push and shift without `Array#shift`'s O(n) copy.
 * The scheduler keeps one per priority, so ordering within a priority is arrival order for free.
 */
export class Fifo<T> {
  private items: Array<T | undefined>;
  private head = 0;
  private count = 0;
  private mask: number;

  constructor(initialCapacity = 16) {
    // Power-of-two capacity lets the index wrap with a mask instead of a modulo.
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.items = new Array<T | undefined>(cap);
    this.mask = cap - 1;
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & this.mask] = item;
    this.count++;
  }

  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined; // drop the reference so the task can be collected
    this.head = (this.head + 1) & this.mask;
    this.count--;
    return item;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const old = this.items;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & this.mask];
    this.items = next;
    this.head = 0;
    this.mask = next.length - 1;
  }
}
