/**
 * The few statistics the report uses: medians (never means: one GC pause or scheduler hiccup must not move a
 * figure), spreads and ratios, and their formatting.
 *
 * @since 0.1.0
 */

/**
 * The median of the samples (`NaN` for none).
 *
 * @category statistics
 * @since 0.1.0
 */
export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * The smallest and largest sample.
 *
 * @category statistics
 * @since 0.1.0
 */
export const range = (samples: ReadonlyArray<number>): readonly [number, number] =>
  samples.length === 0 ? [Number.NaN, Number.NaN] : [Math.min(...samples), Math.max(...samples)]

/**
 * `value / reference`, `NaN` when either is missing.
 *
 * @category statistics
 * @since 0.1.0
 */
export const ratio = (value: number | undefined, reference: number | undefined): number =>
  value === undefined || reference === undefined || reference === 0 ? Number.NaN : value / reference

/**
 * Items in the order of round `round`: a rotation, so every client runs at every position of a round as often as
 * the others (no client always runs first, on a cold cache, or right after the heaviest one).
 *
 * @category ordering
 * @since 0.1.0
 */
export const rotate = <A>(items: ReadonlyArray<A>, round: number): ReadonlyArray<A> => {
  if (items.length === 0) return items
  const shift = round % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}

/**
 * A number with a fixed count of decimals and thousands separators; `–` for `NaN`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const fixed = (value: number, decimals = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    : "–"

/**
 * A ratio as `1.23×`; `–` for `NaN`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const times = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) + "×" : "–")
