/**
 * The client's configuration: region, endpoint, retry policy, timeouts, and how to read them from the usual AWS
 * environment through `Config`.
 *
 * @since 0.1.0
 */
import { service } from "@effect-voiceid/protocol"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Retry from "./Retry.js"

/**
 * What a client is configured with. Only `region` is required.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /** The AWS region (`us-east-1`): it names the default endpoint and scopes the signature. */
  readonly region: string
  /** Where to send requests; default `https://voiceid.<region>.amazonaws.com`. */
  readonly endpoint?: string | URL | undefined
  /** Attempts in all for one call, the first included (default 3; 1 disables retries). */
  readonly maxAttempts?: number | undefined
  /** The delay between attempts (default {@link Retry.standard}). */
  readonly retrySchedule?: Retry.RetrySchedule | undefined
  /** Tokens in the retry quota (default 500), or `false` for no quota. */
  readonly retryQuota?: number | false | undefined
  /** Longest wait for one attempt's response (default none); an attempt that times out is retried. */
  readonly attemptTimeout?: Duration.DurationInput | undefined
  /** Longest time for a whole call, retries included (default none). */
  readonly timeout?: Duration.DurationInput | undefined
  /** Check each input against the model before sending it (default `true`). */
  readonly validateRequests?: boolean | undefined
}

/**
 * A configuration with every default filled and every value checked.
 *
 * @category models
 * @since 0.1.0
 */
export interface Resolved {
  readonly region: string
  readonly endpoint: URL
  /** The signing name of the service (`voiceid`). */
  readonly signingName: string
  readonly maxAttempts: number
  /** The configured schedule; `undefined` for {@link Retry.standard} with `maxAttempts`. */
  readonly retrySchedule: Retry.RetrySchedule | undefined
  readonly retryQuota: number | false
  readonly attemptTimeout: Duration.Duration | undefined
  readonly timeout: Duration.Duration | undefined
  readonly validateRequests: boolean
}

const REGION = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/

/**
 * The default endpoint of a region.
 *
 * @category constructors
 * @since 0.1.0
 */
export const defaultEndpoint = (region: string): string => `https://${service.endpointPrefix}.${region}.amazonaws.com`

const duration = (
  input: Duration.DurationInput | undefined,
  name: string
): Either.Either<Duration.Duration | undefined, string> => {
  if (input === undefined) return Either.right(undefined)
  const decoded = Duration.decodeUnknown(input)
  if (Option.isNone(decoded) || !Duration.isFinite(decoded.value) || Duration.toMillis(decoded.value) <= 0) {
    return Either.left(`${name} must be a positive, finite duration`)
  }
  return Either.right(decoded.value)
}

/**
 * Fills the defaults and checks the values: a region that can name a host, an `http:`/`https:` endpoint URL
 * without query or credentials, a whole `maxAttempts` of at least 1, positive timeouts.
 *
 * @category constructors
 * @since 0.1.0
 */
export const resolve = (options: Options): Either.Either<Resolved, ConfigError.ConfigError> => {
  const invalid = (path: string, message: string) => Either.left(ConfigError.InvalidData([path], message))
  if (!REGION.test(options.region)) return invalid("region", `"${options.region}" is not an AWS region name`)
  let endpoint: URL
  try {
    endpoint = new URL(options.endpoint ?? defaultEndpoint(options.region))
  } catch {
    return invalid("endpoint", "the endpoint is not a URL")
  }
  if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:") {
    return invalid("endpoint", "the endpoint must be an http: or https: URL")
  }
  if (endpoint.search !== "" || endpoint.hash !== "" || endpoint.username !== "" || endpoint.password !== "") {
    return invalid("endpoint", "the endpoint must not carry a query, a fragment or credentials")
  }
  const maxAttempts = options.maxAttempts ?? Retry.defaults.maxAttempts
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    return invalid("maxAttempts", "maxAttempts must be a whole number of at least 1")
  }
  const quota = options.retryQuota ?? Retry.defaults.quotaCapacity
  if (quota !== false && (!Number.isSafeInteger(quota) || quota < 0)) {
    return invalid("retryQuota", "retryQuota must be a whole number of tokens, or false")
  }
  const attemptTimeout = duration(options.attemptTimeout, "attemptTimeout")
  if (Either.isLeft(attemptTimeout)) return invalid("attemptTimeout", attemptTimeout.left)
  const timeout = duration(options.timeout, "timeout")
  if (Either.isLeft(timeout)) return invalid("timeout", timeout.left)
  return Either.right({
    region: options.region,
    endpoint,
    signingName: service.signingName,
    maxAttempts,
    retrySchedule: options.retrySchedule,
    retryQuota: quota,
    attemptTimeout: attemptTimeout.right,
    timeout: timeout.right,
    validateRequests: options.validateRequests ?? true
  })
}

/**
 * Reads the usual AWS environment: the region from `AWS_REGION`, else `AWS_DEFAULT_REGION`; the endpoint from
 * `AWS_ENDPOINT_URL_VOICE_ID`, else `AWS_ENDPOINT_URL` (else the region's default); `AWS_MAX_ATTEMPTS`. Options
 * given in `overrides` win, and what they give is not read (so an explicit region needs no `AWS_REGION`).
 *
 * @category config
 * @since 0.1.0
 */
export const configWith = (overrides?: Partial<Options>): Config.Config<Options> => {
  const given: Record<string, unknown> = {}
  if (overrides !== undefined) {
    for (const [key, value] of Object.entries(overrides)) if (value !== undefined) given[key] = value
  }
  const region =
    typeof given.region === "string"
      ? Config.succeed(given.region)
      : Config.orElse(Config.nonEmptyString("AWS_REGION"), () => Config.nonEmptyString("AWS_DEFAULT_REGION"))
  const endpoint =
    given.endpoint !== undefined
      ? Config.succeed(Option.none<string>())
      : Config.option(
          Config.orElse(Config.nonEmptyString("AWS_ENDPOINT_URL_VOICE_ID"), () =>
            Config.nonEmptyString("AWS_ENDPOINT_URL")
          )
        )
  const maxAttempts =
    given.maxAttempts !== undefined
      ? Config.succeed(Option.none<number>())
      : Config.option(
          Config.validate(Config.integer("AWS_MAX_ATTEMPTS"), {
            message: "AWS_MAX_ATTEMPTS must be at least 1",
            validation: (n) => n >= 1
          })
        )
  return Config.map(Config.all({ region, endpoint, maxAttempts }), (read) => {
    const options: Record<string, unknown> = { region: read.region }
    if (Option.isSome(read.endpoint)) options.endpoint = read.endpoint.value
    if (Option.isSome(read.maxAttempts)) options.maxAttempts = read.maxAttempts.value
    return { ...options, ...given } as unknown as Options
  })
}

/**
 * {@link configWith} without overrides: everything from the environment.
 *
 * @category config
 * @since 0.1.0
 */
export const config: Config.Config<Options> = /* @__PURE__ */ configWith()
