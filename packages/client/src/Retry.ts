/**
 * The retry policy, modeled on the AWS SDKs' standard retry mode: which failures are worth another attempt, how
 * long to wait before it (exponential backoff with full jitter, a longer base for throttling, the service's
 * `Retry-After` hint), and a retry quota that stops a failing endpoint from being hammered.
 *
 * The delay is an Effect `Schedule` ({@link standard} by default), so any schedule can replace it; it sees only
 * failures that {@link classify} deems retryable, as a {@link RetryInput}. The count of attempts is capped by the
 * client's `maxAttempts` whatever the schedule says.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleInterval from "effect/ScheduleInterval"

/**
 * Why a failure may be retried: the service asked the client to slow down (`throttling`), the request got no
 * usable answer (`transient`: transport errors and attempt timeouts), or the service failed (`server-error`).
 *
 * @category models
 * @since 0.1.0
 */
export type RetryKind = "throttling" | "transient" | "server-error"

/**
 * What a retry schedule is given for each retryable failure.
 *
 * @category models
 * @since 0.1.0
 */
export interface RetryInput {
  /** The failure of the attempt that just ended. */
  readonly error: unknown
  readonly kind: RetryKind
  /** The number of that attempt, from 1. */
  readonly attempt: number
  /** The wait the service asked for (`x-amz-retry-after`, `Retry-After`), if any. */
  readonly retryAfter: Duration.Duration | undefined
}

/**
 * A retry schedule: any `Schedule` whose input is a {@link RetryInput} (a schedule that ignores its input, such
 * as `Schedule.exponential("50 millis")`, fits too).
 *
 * @category models
 * @since 0.1.0
 */
export type RetrySchedule = Schedule.Schedule<unknown, RetryInput>

/**
 * The AWS SDKs' standard numbers.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaults = {
  /** Attempts in all, the first included. */
  maxAttempts: 3,
  /** Backoff base for most failures. */
  baseDelayMillis: 100,
  /** Backoff base for throttling. */
  throttlingBaseDelayMillis: 500,
  /** No delay exceeds this, a `Retry-After` hint included. */
  maxDelayMillis: 20_000,
  /** Tokens in a full retry quota. */
  quotaCapacity: 500,
  /** Tokens a retry costs. */
  retryCost: 5,
  /** Tokens a retry after a transport error or an attempt timeout costs. */
  transientRetryCost: 10,
  /** Tokens a call that succeeds at its first attempt gives back. */
  noRetryIncrement: 1
} as const

// Codes the AWS SDKs treat as throttling, whatever the HTTP status (the model gives ThrottlingException none, so
// it may arrive as a 400).
const throttlingCodes: ReadonlySet<string> = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException"
])

const transientCodes: ReadonlySet<string> = new Set(["RequestTimeout", "RequestTimeoutException", "TimeoutError"])

const byStatus = (status: number | undefined): RetryKind | undefined =>
  status === undefined ? undefined : status === 429 ? "throttling" : status >= 500 ? "server-error" : undefined

/**
 * Classifies a failure of a call: `undefined` when it must not be retried (validation, access, missing resource,
 * conflict, quota, a rejected signature, a body that breaks the protocol on a 2xx, a call timeout).
 *
 * @category classification
 * @since 0.1.0
 */
export const classify = (error: unknown): RetryKind | undefined => {
  if (typeof error !== "object" || error === null || !("_tag" in error)) return undefined
  const e = error as {
    readonly _tag: string
    readonly code?: unknown
    readonly scope?: unknown
    readonly $metadata?: { readonly httpStatusCode?: number }
  }
  switch (e._tag) {
    case "ThrottlingException":
      return "throttling"
    case "InternalServerException":
      return "server-error"
    case "TransportError":
      return "transient"
    case "TimeoutError":
      return e.scope === "attempt" ? "transient" : undefined
    case "UnknownServiceError": {
      const code = typeof e.code === "string" ? e.code : ""
      if (throttlingCodes.has(code)) return "throttling"
      if (transientCodes.has(code)) return "transient"
      return byStatus(e.$metadata?.httpStatusCode)
    }
    case "ResponseDecodeError":
      return byStatus(e.$metadata?.httpStatusCode)
    default:
      // The other modeled errors (validation, access, missing resource, conflict, quota) describe the request, not
      // the moment, whatever status they come with; so do the client's own request and credentials errors.
      return undefined
  }
}

/**
 * Reads the service's hint of how long to wait: `x-amz-retry-after` (milliseconds), else `Retry-After` (seconds
 * or an HTTP date). Header names in lower case, as the HTTP client gives them.
 *
 * @category classification
 * @since 0.1.0
 */
export const retryAfterMillis = (
  headers: Readonly<Record<string, string | undefined>>,
  nowMillis: number
): number | undefined => {
  const amz = headers["x-amz-retry-after"]
  if (amz !== undefined) {
    const millis = Number(amz)
    if (Number.isFinite(millis) && millis >= 0) return millis
  }
  const standard = headers["retry-after"]
  if (standard === undefined || standard === "") return undefined
  const seconds = Number(standard)
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined
  const date = Date.parse(standard)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMillis)
}

/**
 * Options of {@link standard}.
 *
 * @category models
 * @since 0.1.0
 */
export interface StandardOptions {
  /** Attempts in all (default 3). */
  readonly maxAttempts?: number | undefined
  /** Backoff base (default 100 ms). */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** Backoff base after throttling (default 500 ms). */
  readonly throttlingBaseDelay?: Duration.DurationInput | undefined
  /** Longest wait, a `Retry-After` hint included (default 20 s). */
  readonly maxDelay?: Duration.DurationInput | undefined
}

/**
 * The AWS SDKs' standard backoff as a `Schedule`: before retry `n` (from 0) wait a random time in
 * `[0, min(maxDelay, base × 2ⁿ))` (full jitter; base 500 ms after throttling, else 100 ms), or the service's
 * `Retry-After` hint when it is longer (bounded by `maxDelay`); stop after `maxAttempts` attempts. The jitter
 * comes from Effect's `Random` service, so tests can fix it.
 *
 * @category schedules
 * @since 0.1.0
 */
export const standard = (options?: StandardOptions): Schedule.Schedule<Duration.Duration, RetryInput> => {
  const maxAttempts = options?.maxAttempts ?? defaults.maxAttempts
  const base = toMillis(options?.baseDelay, defaults.baseDelayMillis)
  const throttlingBase = toMillis(options?.throttlingBaseDelay, defaults.throttlingBaseDelayMillis)
  const maxDelay = toMillis(options?.maxDelay, defaults.maxDelayMillis)
  return Schedule.makeWithState(0, (now, input: RetryInput, retries: number) => {
    if (retries + 1 >= maxAttempts) return Effect.succeed([retries, Duration.zero, ScheduleDecision.done] as const)
    return Effect.map(Random.next, (random) => {
      const delayBase = input.kind === "throttling" ? throttlingBase : base
      let delay = Math.floor(Math.min(maxDelay, random * 2 ** retries * delayBase))
      if (input.retryAfter !== undefined) {
        delay = Math.max(delay, Math.min(maxDelay, Duration.toMillis(input.retryAfter)))
      }
      return [
        retries + 1,
        Duration.millis(delay),
        ScheduleDecision.continueWith(ScheduleInterval.after(now + delay))
      ] as const
    })
  })
}

const toMillis = (input: Duration.DurationInput | undefined, fallback: number): number =>
  input === undefined ? fallback : Duration.toMillis(Duration.decode(input))

/**
 * The retry quota: a token bucket shared by every call of one client. A retry takes
 * {@link defaults}`.retryCost` tokens (`transientRetryCost` after a transport error or a timeout); when the bucket
 * cannot pay, the call fails with its last error instead of retrying. A call that succeeds gives back what its
 * last retry took, or one token when it needed none, up to the capacity.
 *
 * @category quota
 * @since 0.1.0
 */
export interface RetryQuota {
  readonly capacity: number
  /** Tokens left. */
  readonly available: number
  /** Takes the cost of a retry of this kind; `undefined` (nothing taken) when the bucket cannot pay. */
  readonly acquire: (kind: RetryKind) => number | undefined
  /** Records a success: gives back what its last retry took (`undefined`: it needed none). */
  readonly release: (lastRetryCost: number | undefined) => void
}

/**
 * A full retry quota.
 *
 * @category quota
 * @since 0.1.0
 */
export const makeQuota = (capacity: number = defaults.quotaCapacity): RetryQuota => {
  let available = capacity
  return {
    capacity,
    get available() {
      return available
    },
    acquire: (kind) => {
      const cost = kind === "transient" ? defaults.transientRetryCost : defaults.retryCost
      if (cost > available) return undefined
      available -= cost
      return cost
    },
    release: (lastRetryCost) => {
      available = Math.min(capacity, available + (lastRetryCost ?? defaults.noRetryIncrement))
    }
  }
}
