/**
 * AWS credentials and where the client gets them: the `Credentials` service, a static provider, a provider from
 * `Config` (the `AWS_ACCESS_KEY_ID` family), and a caching wrapper that refreshes ahead of expiry with one refresh
 * at a time, however many fibers ask.
 *
 * Runtime-specific sources (shared profile files, the AWS SDK's provider chain) live in the adapters; they only
 * have to produce an `Effect<AwsCredentials, CredentialsError>`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CredentialsError } from "./Errors.js"

/**
 * A set of AWS credentials. The secret key and the session token are `Redacted`: printing, logging or
 * serializing the object shows `<redacted>`.
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
  readonly sessionToken?: Redacted.Redacted<string> | undefined
  /** When temporary credentials stop working; absent for long-term keys. */
  readonly expiration?: Date | undefined
}

/**
 * What {@link make} accepts: plain strings or `Redacted` values.
 *
 * @category models
 * @since 0.1.0
 */
export interface CredentialsInput {
  readonly accessKeyId: string
  readonly secretAccessKey: string | Redacted.Redacted<string>
  readonly sessionToken?: string | Redacted.Redacted<string> | undefined
  readonly expiration?: Date | undefined
}

const redacted = (value: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  typeof value === "string" ? Redacted.make(value) : value

/**
 * Builds credentials, wrapping the secrets in `Redacted`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (input: CredentialsInput): AwsCredentials => {
  const credentials: {
    accessKeyId: string
    secretAccessKey: Redacted.Redacted<string>
    sessionToken?: Redacted.Redacted<string>
    expiration?: Date
  } = { accessKeyId: input.accessKeyId, secretAccessKey: redacted(input.secretAccessKey) }
  if (input.sessionToken !== undefined && input.sessionToken !== "") {
    credentials.sessionToken = redacted(input.sessionToken)
  }
  if (input.expiration !== undefined) credentials.expiration = input.expiration
  return credentials
}

/**
 * A source of credentials. `get` is called before every attempt, so it must be cheap once warm: wrap slow sources
 * in {@link cached}.
 *
 * @category models
 * @since 0.1.0
 */
export interface CredentialsProvider {
  readonly get: Effect.Effect<AwsCredentials, CredentialsError>
}

/**
 * The credentials the client signs with.
 *
 * @category services
 * @since 0.1.0
 */
export class Credentials extends Context.Tag("@effect-voiceid/client/Credentials")<
  Credentials,
  CredentialsProvider
>() {}

/**
 * A provider that always gives the same credentials.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromCredentials = (credentials: AwsCredentials | CredentialsInput): CredentialsProvider => {
  const value = make(credentials)
  return { get: Effect.succeed(value) }
}

/**
 * Options of {@link cached}.
 *
 * @category models
 * @since 0.1.0
 */
export interface CachedOptions {
  /** Fetch new credentials this long before the current ones expire (default 5 minutes). */
  readonly refreshBefore?: Duration.DurationInput | undefined
}

const defaultRefreshBefore = Duration.minutes(5)

/**
 * Wraps a slow source of credentials: the first `get` fetches, later ones reuse the result until it comes within
 * `refreshBefore` of its expiration, then one fetch replaces it while every other caller waits for that fetch. A
 * failed refresh keeps serving the current credentials while they have not actually expired; failures are not
 * cached, so the next call tries again.
 *
 * @category constructors
 * @since 0.1.0
 */
export const cached = <R>(
  fetch: Effect.Effect<AwsCredentials, CredentialsError, R>,
  options?: CachedOptions
): Effect.Effect<CredentialsProvider, never, R> =>
  Effect.map(Effect.context<R>(), (context) => {
    const window = Duration.toMillis(options?.refreshBefore ?? defaultRefreshBefore)
    const semaphore = Effect.unsafeMakeSemaphore(1)
    let current: AwsCredentials | undefined
    // When to fetch again; `Infinity` for credentials without an expiration.
    let refreshAt = 0

    const remember = (credentials: AwsCredentials, now: number): AwsCredentials => {
      current = credentials
      const expires = credentials.expiration?.getTime()
      // Credentials that arrive already inside the window are used until halfway to their expiry, so that a
      // source handing out short-lived credentials is not asked again on every call.
      refreshAt = expires === undefined ? Number.POSITIVE_INFINITY : Math.max(expires - window, (now + expires) / 2)
      return credentials
    }

    const refresh = semaphore.withPermits(1)(
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        // Another fiber may have refreshed while this one waited for the permit.
        if (current !== undefined && now < refreshAt) return Effect.succeed(current)
        return fetch.pipe(
          Effect.provide(context),
          Effect.map((credentials) => remember(credentials, now)),
          Effect.catchAll((error) => {
            const stillValid =
              current !== undefined && (current.expiration === undefined || now < current.expiration.getTime())
            return stillValid ? Effect.succeed(current!) : Effect.fail(error)
          })
        )
      })
    )

    return {
      get: Effect.flatMap(Clock.currentTimeMillis, (now) =>
        current !== undefined && now < refreshAt ? Effect.succeed(current) : refresh
      )
    }
  })

/**
 * Static credentials as a layer.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (credentials: AwsCredentials | CredentialsInput): Layer.Layer<Credentials> =>
  Layer.succeed(Credentials, fromCredentials(credentials))

/**
 * Credentials from a slow source (a token service, a metadata endpoint, the AWS SDK's provider chain), cached and
 * refreshed as {@link cached} describes.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerEffect = <R>(
  fetch: Effect.Effect<AwsCredentials, CredentialsError, R>,
  options?: CachedOptions
): Layer.Layer<Credentials, never, R> => Layer.effect(Credentials, cached(fetch, options))

/**
 * Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN` through `Config`, so it
 * works with any `ConfigProvider` (the environment on Node, Bun and Deno; a Worker's bindings given as
 * `ConfigProvider.fromJson(env)`).
 *
 * @category config
 * @since 0.1.0
 */
export const config: Config.Config<AwsCredentials> = /* @__PURE__ */ Config.map(
  Config.all({
    accessKeyId: Config.nonEmptyString("AWS_ACCESS_KEY_ID"),
    secretAccessKey: Config.redacted("AWS_SECRET_ACCESS_KEY"),
    sessionToken: Config.option(Config.redacted("AWS_SESSION_TOKEN"))
  }),
  ({ accessKeyId, secretAccessKey, sessionToken }) =>
    make({ accessKeyId, secretAccessKey, sessionToken: Option.getOrUndefined(sessionToken) })
)

/**
 * Credentials read once from {@link config}. A missing or empty variable is a {@link CredentialsError} naming the
 * source, never showing a value.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  source: Config.Config<AwsCredentials> = config
): Layer.Layer<Credentials, CredentialsError> =>
  Layer.effect(
    Credentials,
    Effect.map(
      Effect.mapError(source, (error) => new CredentialsError({ source: "config", reason: configErrorReason(error) })),
      fromCredentials
    )
  )

// A ConfigError's message names the variable and the problem; it never includes the value.
const configErrorReason = (error: { readonly message?: string } | unknown): string =>
  typeof error === "object" && error !== null && "message" in error && typeof error.message === "string"
    ? error.message
    : "invalid configuration"
