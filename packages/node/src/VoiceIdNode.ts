/**
 * The `VoiceId` service on Node in one layer: the client of `@effect-voiceid/client` over a `node:http` client
 * (connections kept alive), the `node:crypto` signer, and credentials from the options, the
 * environment, the shared profile files or any AWS SDK v3 credential provider.
 *
 * ```ts
 * const VoiceIdLive = VoiceIdNode.layer({ region: "us-east-1", endpoint: "http://127.0.0.1:4599",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" } })  // every option may be omitted
 * const VoiceIdFromEnv = VoiceIdNode.layerConfig                       // region, endpoint, credentials from env/profile
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Credentials, VoiceId, VoiceIdClient, VoiceIdConfig } from "@effect-voiceid/client"
import * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as NodeHttp from "./internal/httpClient.js"
import * as SharedConfig from "./internal/sharedConfig.js"
import * as NodeCredentials from "./NodeCredentials.js"
import * as NodeSigner from "./NodeSigner.js"

/**
 * What the layers accept: the client's options (all optional here) and where credentials come from.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options
  extends Partial<VoiceIdConfig.Options>,
    NodeCredentials.ProfileOptions,
    NodeCredentials.CacheOptions {
  /**
   * Static credentials, or an AWS SDK v3 credential provider (`fromNodeProviderChain()`, `fromSSO()`, ...). When
   * absent: the environment, then the profile of the shared files (see `NodeCredentials.chain`).
   */
  readonly credentials?: Credentials.CredentialsInput | NodeCredentials.AwsSdkCredentialProvider | undefined
}

/**
 * The HTTP client the layers use: `node:http`/`node:https` with keep-alive agents (`NodeHttpClient.layer` sends
 * `connection: close` and opens a connection per request), behind `@effect/platform`'s `HttpClient.make` like the
 * platform's own clients (same tracing and interruption), with a lighter response object. Nothing to load at
 * start-up beyond Node itself; the agents are destroyed with the layer.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = NodeHttp.layer

/**
 * The credentials the layers use for `options`: static ones as given, an AWS SDK provider cached, or the chain
 * (environment, then profile) cached.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerCredentials = (options: Options = {}): Layer.Layer<Credentials.Credentials> => {
  const credentials = options.credentials
  if (typeof credentials === "function") return NodeCredentials.layerAwsSdk(credentials, options)
  if (credentials !== undefined) return Credentials.layer(credentials)
  return NodeCredentials.layerChain(options)
}

/**
 * The client's options for `options`: what is given wins; the rest is read as `VoiceIdConfig.configWith` reads it
 * (`AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_VOICE_ID`, `AWS_ENDPOINT_URL`, `AWS_MAX_ATTEMPTS`), and a
 * region still missing is taken from the profile's `region` in the shared config files, as the AWS SDKs do.
 *
 * @category config
 * @since 0.1.0
 */
export const resolveOptions = (
  options: Options = {}
): Effect.Effect<VoiceIdConfig.Options, ConfigError.ConfigError> => {
  const {
    credentials: _credentials,
    profile: _p,
    credentialsFile: _c,
    configFile: _f,
    refreshBefore: _r,
    ...client
  } = options
  const fromConfig = VoiceIdConfig.configWith(client)
  if (client.region !== undefined) return fromConfig
  return Effect.catchAll(fromConfig, (error) =>
    Effect.gen(function* () {
      const location = yield* SharedConfig.locate(options)
      const profiles = yield* SharedConfig.load(location).pipe(
        Effect.mapError((failure) => ConfigError.InvalidData(["region"], failure.reason)),
        Effect.provide(NodeFileSystem.layer)
      )
      const region = profiles.profiles.get(location.profile)?.region
      if (region === undefined || region === "") {
        return yield* Effect.fail(
          ConfigError.Or(
            error,
            ConfigError.MissingData(
              ["region"],
              `No region: pass one, set AWS_REGION, or add region to profile "${location.profile}" in ${location.configFile}`
            )
          )
        )
      }
      return yield* VoiceIdConfig.configWith({ ...client, region })
    })
  )
}

/**
 * The core client alone (`VoiceIdClient`), for programs that call a few operations through `Operations` and want
 * nothing of the others.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerClient = (options: Options = {}): Layer.Layer<VoiceIdClient.VoiceIdClient, ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(resolveOptions(options), VoiceIdClient.layer)).pipe(
    Layer.provide([layerHttpClient, NodeSigner.layer, layerCredentials(options)])
  )

/**
 * The `VoiceId` service (and the core client under it). Every option may be omitted: region and endpoint then come
 * from the environment or the profile, credentials from the chain (environment, then profile).
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (
  options: Options = {}
): Layer.Layer<VoiceId | VoiceIdClient.VoiceIdClient, ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(resolveOptions(options), VoiceId.layer)).pipe(
    Layer.provide([layerHttpClient, NodeSigner.layer, layerCredentials(options)])
  )

/**
 * {@link layer} with every option from the environment and the shared files: region (`AWS_REGION`, else the
 * profile's), endpoint (`AWS_ENDPOINT_URL_VOICE_ID`, `AWS_ENDPOINT_URL`), `AWS_MAX_ATTEMPTS`, credentials from the
 * chain.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig: Layer.Layer<VoiceId | VoiceIdClient.VoiceIdClient, ConfigError.ConfigError> =
  /* @__PURE__ */ layer()
