/**
 * The emulator clock: the machine's clock plus an offset that only grows (the control route advances it). It
 * never goes backwards, so creation times (the sort key of every list) only grow. `EmulatorState` builds its own.
 *
 * @category models
 * @since 0.1.0
 */
export class EmulatorClock {
  private last = 0

  constructor(
    private offset = 0,
    private readonly source: () => number = Date.now
  ) {}

  /** Emulator time, epoch milliseconds. */
  now(): number {
    const t = this.source() + this.offset
    if (t > this.last) this.last = t
    return this.last
  }

  /** How far ahead of the machine clock the emulator runs, in milliseconds. */
  get offsetMs(): number {
    return this.offset
  }

  /** Moves emulator time forward (negative amounts are ignored). */
  advance(ms: number): void {
    if (ms > 0 && Number.isFinite(ms)) this.offset += ms
  }

  /** Restores a persisted offset and the last time handed out, so time keeps its order across a restart. */
  restore(offsetMs: number, lastMs: number): void {
    this.offset = offsetMs
    this.last = Math.max(this.last, lastMs)
  }

  /** Back to the machine's clock: no offset, and the last time handed out forgotten. */
  reset(): void {
    this.offset = 0
    this.last = 0
  }
}

const pad = (n: number): string => (n < 10 ? "0" : "") + n
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

let cachedSecond = -1
let cachedDate = ""

/** The HTTP `Date` header value (IMF-fixdate) of an emulator time; computed once per second. */
export const httpDate = (ms: number): string => {
  const second = Math.floor(ms / 1000)
  if (second !== cachedSecond) {
    const d = new Date(second * 1000)
    cachedDate =
      `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`
    cachedSecond = second
  }
  return cachedDate
}
