/**
 * Buffers for list pages, reused once the answer they held is written. A page is tens of KiB: a fresh buffer per
 * answer is a new backing store each time, and filling it touched fresh memory; together they cost more than
 * assembling the page. The HTTP layer gives a buffer back when Node reports the answer handed to the system
 * (`finish`), never before, and a buffer of an answer that was not sent is simply left to the collector.
 */

/** Pages up to this size are pooled; larger ones get a buffer of their own. */
const SLOT_BYTES = 64 * 1024
/** Free buffers kept at most (the pool holds no more than this many times `SLOT_BYTES`). */
const MAX_FREE = 64

const free: Array<Buffer> = []

/**
 * Bytes to fill (`bytes`, exactly `length` long) and the buffer to give back with {@link recycle} once they are
 * written (`undefined`: nothing to give back).
 */
export interface Taken {
  readonly bytes: Buffer
  readonly slot: Buffer | undefined
}

/** `length` uninitialized bytes, from the pool when they fit in a slot. */
export const take = (length: number): Taken => {
  if (length > SLOT_BYTES) return { bytes: Buffer.allocUnsafe(length), slot: undefined }
  const slot = free.pop() ?? Buffer.allocUnsafeSlow(SLOT_BYTES)
  return { bytes: slot.subarray(0, length), slot }
}

/** Gives a slot back, once nothing will read the bytes taken from it any more. */
export const recycle = (slot: Buffer): void => {
  if (free.length < MAX_FREE) free.push(slot)
}
