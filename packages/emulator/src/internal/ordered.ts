/**
 * Records kept in the order lists return them: by creation time, then by a sequence number the emulator assigns
 * once. Both never change for a record, so a cursor taken from one (a `NextToken`) stays valid whatever is
 * created or deleted while a client pages: nothing is skipped, nothing repeated.
 */

/**
 * The immutable sort key of a listed record: lists return records by creation time, then by sequence number.
 *
 * @category models
 * @since 0.1.0
 */
export interface Keyed {
  /** Creation time, emulator epoch milliseconds. */
  readonly createdAt: number
  /** Emulator-wide creation sequence number: breaks ties between records created in the same millisecond. */
  readonly seq: number
}

/** Orders two keys: negative when `a` lists before `b`. */
export const compareKeys = (a: Keyed, b: Keyed): number => a.createdAt - b.createdAt || a.seq - b.seq

/**
 * A sorted array of records with binary search: appending the newest record (the common case) is O(1), removal
 * and out-of-order insertion move the tail, and a page after a cursor is a binary search plus a slice.
 *
 * @category models
 * @since 0.1.0
 */
export class OrderedIndex<T extends Keyed> {
  private items: Array<T> = []

  get size(): number {
    return this.items.length
  }

  /** The records in list order. Do not mutate. */
  values(): ReadonlyArray<T> {
    return this.items
  }

  /** The index of the first record whose key is greater than `key`. */
  private upperBound(key: Keyed): number {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compareKeys(this.items[mid]!, key) <= 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Adds a record at its place in list order. */
  insert(item: T): void {
    const last = this.items[this.items.length - 1]
    if (last === undefined || compareKeys(last, item) < 0) {
      this.items.push(item)
      return
    }
    this.items.splice(this.upperBound(item), 0, item)
  }

  /** Adds many records at once (seeding): one sort instead of many insertions. */
  insertMany(items: ReadonlyArray<T>): void {
    for (const item of items) this.items.push(item)
    this.items.sort(compareKeys)
  }

  /** Removes a record (the same object); `false` when it was not there. */
  remove(item: T): boolean {
    const at = this.upperBound(item) - 1
    if (at >= 0 && this.items[at] === item) {
      this.items.splice(at, 1)
      return true
    }
    const index = this.items.indexOf(item)
    if (index === -1) return false
    this.items.splice(index, 1)
    return true
  }

  /** Removes every record. */
  clear(): void {
    this.items = []
  }

  /** Up to `limit` records listed after `cursor` (from the start without one), and whether more follow. */
  page(cursor: Keyed | undefined, limit: number): { readonly items: ReadonlyArray<T>; readonly hasMore: boolean } {
    const start = cursor === undefined ? 0 : this.upperBound(cursor)
    const end = Math.min(this.items.length, start + limit)
    return { items: this.items.slice(start, end), hasMore: end < this.items.length }
  }
}
