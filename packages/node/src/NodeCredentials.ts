/**
 * Credentials on Node, found where the AWS SDKs look for them, in their order:
 *
 * 1. explicit credentials (given to the layer: see `VoiceIdNode.layer`);
 * 2. the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (skipped when a profile is
 *    named, by the `profile` option or `AWS_PROFILE`, as the AWS SDK for JavaScript v3 skips it);
 * 3. the shared files: the profile's static keys in `~/.aws/credentials` and `~/.aws/config`
 *    (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`, `AWS_PROFILE`).
 *
 * Everything else the AWS SDKs can do (IAM Identity Center/SSO, `credential_process`, assumed roles, web identity,
 * ECS and EC2 metadata) is left to the AWS SDK itself, through {@link fromAwsSdk}: pass any AWS SDK v3 credential
 * provider, such as `fromNodeProviderChain()` from `@aws-sdk/credential-providers`. This package does not depend
 * on `@aws-sdk/*`: the bridge is typed by shape.
 *
 * Every source fails with the client's `CredentialsError`, whose `source` names the source and whose `reason`
 * says why, with file paths and key names but never a key's value.
 *
 * @since 0.1.0
 */
import type * as FileSystem from "@effect/platform/FileSystem"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Credentials, Errors } from "@effect-voiceid/client"
import * as Config from "effect/Config"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as SharedConfig from "./internal/sharedConfig.js"

/**
 * What an AWS SDK v3 credential provider resolves to (`AwsCredentialIdentity` of `@aws-sdk/types`), by shape.
 *
 * @category models
 * @since 0.1.0
 */
export interface AwsSdkCredentialIdentity {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string | undefined
  readonly expiration?: Date | undefined
}

/**
 * An AWS SDK v3 credential provider (`AwsCredentialIdentityProvider`): `fromNodeProviderChain()`, `fromIni()`,
 * `fromSSO()`, `fromTemporaryCredentials()`, `fromContainerMetadata()`, `fromInstanceMetadata()`, ... or any
 * function of that shape.
 *
 * @category models
 * @since 0.1.0
 */
export type AwsSdkCredentialProvider = () => PromiseLike<AwsSdkCredentialIdentity>

/**
 * Where the shared files are and which profile to use. Absent members come from `AWS_PROFILE`,
 * `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE` (read through `Config`), else `default`,
 * `~/.aws/credentials` and `~/.aws/config`.
 *
 * @category models
 * @since 0.1.0
 */
export interface ProfileOptions {
  readonly profile?: string | undefined
  readonly credentialsFile?: string | undefined
  readonly configFile?: string | undefined
}

const bridgeHint =
  "pass an AWS SDK provider instead, e.g. credentials: fromNodeProviderChain() from @aws-sdk/credential-providers"

// The class and message of a thrown value: AWS SDK errors name the provider and the problem, never a secret.
const describe = (cause: unknown): string => {
  if (cause instanceof Error) return cause.message === "" ? cause.name : `${cause.name}: ${cause.message}`
  return "the provider failed with a non-Error value"
}

/**
 * Calls an AWS SDK v3 credential provider once and checks what it returns. Failures (a rejected promise, a result
 * without keys, an invalid expiration) are `CredentialsError`s with `source: "AWS SDK provider"`. Wrap it in
 * `Credentials.cached` (as {@link layerAwsSdk} does) to call it only when needed.
 *
 * @category sources
 * @since 0.1.0
 */
export const fromAwsSdk = (
  provider: AwsSdkCredentialProvider
): Effect.Effect<Credentials.AwsCredentials, Errors.CredentialsError> =>
  Effect.tryPromise({
    try: async () => provider(),
    catch: (cause) => new Errors.CredentialsError({ source: "AWS SDK provider", reason: describe(cause) })
  }).pipe(
    Effect.flatMap((identity) => {
      const invalid = (reason: string) =>
        Effect.fail(new Errors.CredentialsError({ source: "AWS SDK provider", reason }))
      if (typeof identity !== "object" || identity === null) return invalid("the provider returned no credentials")
      if (typeof identity.accessKeyId !== "string" || identity.accessKeyId === "") {
        return invalid("the provider returned no accessKeyId")
      }
      if (typeof identity.secretAccessKey !== "string" || identity.secretAccessKey === "") {
        return invalid("the provider returned no secretAccessKey")
      }
      const expiration = identity.expiration
      if (expiration !== undefined && !(expiration instanceof Date && Number.isFinite(expiration.getTime()))) {
        return invalid("the provider returned an expiration that is not a valid Date")
      }
      return Effect.succeed(
        Credentials.make({
          accessKeyId: identity.accessKeyId,
          secretAccessKey: identity.secretAccessKey,
          sessionToken: typeof identity.sessionToken === "string" ? identity.sessionToken : undefined,
          expiration
        })
      )
    })
  )

/**
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`, read through `Config` (the
 * client's `Credentials.config`). Fails with `source: "environment"` naming the missing variable.
 *
 * @category sources
 * @since 0.1.0
 */
export const fromEnvironment: Effect.Effect<Credentials.AwsCredentials, Errors.CredentialsError> =
  /* @__PURE__ */ Effect.mapError(
    Credentials.config,
    (error) => new Errors.CredentialsError({ source: "environment", reason: error.message })
  )

/** Reasons a profile cannot be used by this reader, in the order the AWS SDK checks them. */
const needsSdk = (values: Readonly<Record<string, string>>): string | undefined => {
  if (
    values.role_arn !== undefined &&
    (values.source_profile !== undefined || values.credential_source !== undefined)
  ) {
    return "assumes a role (role_arn)"
  }
  if (values.aws_access_key_id !== undefined && values.aws_secret_access_key !== undefined) return undefined
  if (values.web_identity_token_file !== undefined && values.role_arn !== undefined) {
    return "uses web identity (web_identity_token_file)"
  }
  if (values.credential_process !== undefined) return "runs a credential process (credential_process)"
  const sso = ["sso_session", "sso_start_url", "sso_account_id", "sso_region", "sso_role_name"].find(
    (key) => values[key] !== undefined
  )
  if (sso !== undefined) return `signs in with IAM Identity Center (${sso})`
  if (values.login_session !== undefined) return "signs in with a console login session (login_session)"
  return undefined
}

const profileSource = (location: SharedConfig.Location) => `profile "${location.profile}"`

/** The static keys of the located profile, or why there are none. */
const fromProfiles = (
  profiles: SharedConfig.Profiles
): Effect.Effect<Credentials.AwsCredentials, Errors.CredentialsError> => {
  const { location } = profiles
  const fail = (reason: string) => Effect.fail(new Errors.CredentialsError({ source: profileSource(location), reason }))
  const values = profiles.profiles.get(location.profile)
  if (values === undefined) return fail(SharedConfig.describeSearch(profiles))
  const sdkOnly = needsSdk(values)
  if (sdkOnly !== undefined) return fail(`the profile ${sdkOnly}, which this reader does not do: ${bridgeHint}`)
  const accessKeyId = values.aws_access_key_id
  const secretAccessKey = values.aws_secret_access_key
  if (accessKeyId === undefined && secretAccessKey === undefined) {
    return fail(
      `the profile has no aws_access_key_id and aws_secret_access_key (in ${location.credentialsFile} or ${location.configFile})`
    )
  }
  if (accessKeyId === undefined) return fail("the profile has aws_secret_access_key but no aws_access_key_id")
  if (secretAccessKey === undefined) return fail("the profile has aws_access_key_id but no aws_secret_access_key")
  return Effect.succeed(Credentials.make({ accessKeyId, secretAccessKey, sessionToken: values.aws_session_token }))
}

const located = (options: ProfileOptions | undefined) =>
  Effect.mapError(
    SharedConfig.locate(options),
    (error) => new Errors.CredentialsError({ source: "shared config files", reason: error.message })
  )

const loaded = (location: SharedConfig.Location) =>
  Effect.mapError(
    SharedConfig.load(location),
    (failure) => new Errors.CredentialsError({ source: profileSource(location), reason: failure.reason })
  )

/**
 * The static keys (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`) of a profile of the shared
 * files, merged as the AWS SDKs merge them (the credentials file's keys win). A missing profile, a profile without
 * keys, an unreadable or malformed file, or a profile that needs the AWS SDK (SSO, `credential_process`,
 * `role_arn`, web identity) fails with `source: 'profile "<name>"'` and the reason.
 *
 * @category sources
 * @since 0.1.0
 */
export const fromProfile = (
  options?: ProfileOptions
): Effect.Effect<Credentials.AwsCredentials, Errors.CredentialsError, FileSystem.FileSystem> =>
  Effect.flatMap(located(options), (location) => Effect.flatMap(loaded(location), fromProfiles))

// Environment variables that point at sources only the AWS SDK reads; named in the chain's error as a hint.
const sdkOnlyVariables: ReadonlyArray<readonly [string, string]> = [
  ["AWS_WEB_IDENTITY_TOKEN_FILE", "web identity"],
  ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "ECS container credentials"],
  ["AWS_CONTAINER_CREDENTIALS_FULL_URI", "container credentials"]
]

const sdkOnlyHints: Effect.Effect<ReadonlyArray<string>> = Effect.map(
  Effect.orElseSucceed(
    Config.all(sdkOnlyVariables.map(([name]) => Config.option(Config.nonEmptyString(name)))),
    () => []
  ),
  (values) =>
    sdkOnlyVariables.flatMap(([name, what], index) =>
      values[index] !== undefined && Option.isSome(values[index]) ? [`${name} is set (${what})`] : []
    )
)

/**
 * The chain without explicit credentials: the environment (unless a profile is named), then the profile's static
 * keys. Once a profile is named, its failure is the chain's; otherwise a chain that finds nothing fails with
 * `source: "credential chain"` and a reason listing what each source lacked, with a hint towards
 * {@link fromAwsSdk} when the environment points at a source only the AWS SDK reads.
 *
 * Not cached: {@link layerChain} caches it.
 *
 * @category sources
 * @since 0.1.0
 */
export const chain = (
  options?: ProfileOptions
): Effect.Effect<Credentials.AwsCredentials, Errors.CredentialsError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const location = yield* located(options)
    let environment: Errors.CredentialsError | undefined
    if (!location.profileNamed) {
      const fromEnv = yield* Effect.either(fromEnvironment)
      if (fromEnv._tag === "Right") return fromEnv.right
      environment = fromEnv.left
    }
    const profiles = yield* loaded(location)
    if (location.profileNamed || profiles.profiles.has(location.profile)) return yield* fromProfiles(profiles)
    const hints = yield* sdkOnlyHints
    const tried = [
      `environment: ${environment?.reason ?? "skipped"}`,
      `shared files: ${SharedConfig.describeSearch(profiles)}`
    ]
    const hint =
      hints.length > 0
        ? `; ${hints.join(", ")}: ${bridgeHint}`
        : `; for IAM Identity Center, web identity, ECS or EC2 credentials, ${bridgeHint}`
    return yield* Effect.fail(
      new Errors.CredentialsError({
        source: "credential chain",
        reason: `no credentials found (${tried.join("; ")})${hint}`
      })
    )
  })

/**
 * Options of the cached layers.
 *
 * @category models
 * @since 0.1.0
 */
export interface CacheOptions {
  /** Fetch new credentials this long before the current ones expire (default 5 minutes). */
  readonly refreshBefore?: Duration.DurationInput | undefined
}

// The configuration is read where the layer is built, not in whichever fiber first makes a call.
const cachedWithProvider = <R>(
  fetch: Effect.Effect<Credentials.AwsCredentials, Errors.CredentialsError, R>,
  options: CacheOptions | undefined
): Layer.Layer<Credentials.Credentials, never, R> =>
  Layer.effect(
    Credentials.Credentials,
    Effect.flatMap(Effect.configProviderWith(Effect.succeed), (provider) =>
      Credentials.cached(Effect.withConfigProvider(fetch, provider), options)
    )
  )

/**
 * {@link chain}, cached: fetched at the first call, kept while valid, one fetch at a time.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerChain = (options?: ProfileOptions & CacheOptions): Layer.Layer<Credentials.Credentials> =>
  Layer.provide(cachedWithProvider(chain(options), options), NodeFileSystem.layer)

/**
 * {@link fromProfile}, cached.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerProfile = (options?: ProfileOptions & CacheOptions): Layer.Layer<Credentials.Credentials> =>
  Layer.provide(cachedWithProvider(fromProfile(options), options), NodeFileSystem.layer)

/**
 * Any AWS SDK v3 credential provider, cached: called at the first request, again ahead of expiry (5 minutes
 * before by default), once at a time however many fibers ask.
 *
 * ```ts
 * import { fromNodeProviderChain } from "@aws-sdk/credential-providers"
 * const CredentialsLive = NodeCredentials.layerAwsSdk(fromNodeProviderChain())
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerAwsSdk = (
  provider: AwsSdkCredentialProvider,
  options?: CacheOptions
): Layer.Layer<Credentials.Credentials> => Credentials.layerEffect(fromAwsSdk(provider), options)
