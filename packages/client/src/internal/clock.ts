// Error codes with which AWS services reject a signature whose time stamp is too far from theirs.
const clockSkewCodes: ReadonlySet<string> = new Set([
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch"
])

/**
 * Whether a failure is the service rejecting the signature's time (these codes are not modeled, so they arrive as
 * `UnknownServiceError`).
 *
 * @internal
 */
export const isClockSkewError = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  (error as { readonly _tag?: unknown })._tag === "UnknownServiceError" &&
  clockSkewCodes.has((error as { readonly code: string }).code)

/**
 * The clock offset that the service's `Date` header implies, when it differs from the current corrected clock by
 * at least `threshold` milliseconds; `undefined` when there is no usable header or no real skew (a retry would
 * then fail the same way).
 *
 * @internal
 */
export const correctedOffset = (
  dateHeader: string | undefined,
  nowMillis: number,
  currentOffset: number,
  threshold: number
): number | undefined => {
  if (dateHeader === undefined) return undefined
  const serverTime = Date.parse(dateHeader)
  if (Number.isNaN(serverTime)) return undefined
  return Math.abs(serverTime - (nowMillis + currentOffset)) >= threshold ? serverTime - nowMillis : undefined
}
