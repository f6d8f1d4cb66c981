/**
 * The `VoiceId` service on edge runtimes (Cloudflare Workers, Deno, Bun, browsers) in one layer: the client of
 * `@effect-voiceid/client` over `@effect/platform`'s `FetchHttpClient` and `aws4fetch`'s WebCrypto signer, with
 * credentials given or read through `Config`. Nothing here is Node-only.
 *
 * ```ts
 * export default {
 *   fetch: (request: Request, env: Env) =>
 *     handler(request).pipe(
 *       Effect.provide(VoiceIdEdge.layer({ region: env.AWS_REGION, credentials: {
 *         accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } })),
 *       Effect.runPromise
 *     )
 * }
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
// Module paths rather than the client's namespace re-exports: a bundler keeps only what is used.
import * as Credentials from "@effect-voiceid/client/Credentials"
import type * as Errors from "@effect-voiceid/client/Errors"
import type * as Signer from "@effect-voiceid/client/Signer"
import { VoiceId } from "@effect-voiceid/client/VoiceId"
import * as VoiceIdClient from "@effect-voiceid/client/VoiceIdClient"
import type * as VoiceIdConfig from "@effect-voiceid/client/VoiceIdConfig"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import * as Aws4fetchSigner from "./Aws4fetchSigner.js"

/**
 * What {@link layer} accepts: the client's options (`region` required) and the credentials.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options extends VoiceIdConfig.Options {
  /**
   * The credentials (plain strings or `Redacted`). When absent they are read through `Config` from
   * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
   */
  readonly credentials?: Credentials.CredentialsInput | undefined
}

/**
 * The HTTP client the layers use: `fetch`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer

const requirements = (
  credentials: Credentials.CredentialsInput | undefined
): Layer.Layer<HttpClient.HttpClient | Signer.Signer | Credentials.Credentials, Errors.CredentialsError> =>
  Layer.mergeAll(
    layerHttpClient,
    Aws4fetchSigner.layer,
    credentials === undefined ? Credentials.layerConfig() : Credentials.layer(credentials)
  )

const withoutCredentials = (options: Options): VoiceIdConfig.Options => {
  const { credentials: _, ...client } = options
  return client
}

/**
 * The core client alone (`VoiceIdClient`): what a Worker that calls a few operations through `Operations` needs.
 * The `VoiceId` object, which holds every operation, is not built, so a bundler can leave the other operations'
 * code out. Only the credentials, when not given, are read through `Config`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerClient = (
  options: Options
): Layer.Layer<VoiceIdClient.VoiceIdClient, ConfigError.ConfigError | Errors.CredentialsError> =>
  Layer.provide(VoiceIdClient.layer(withoutCredentials(options)), requirements(options.credentials))

/**
 * The `VoiceId` service (and the core client under it) from explicit options. Nothing else is read from the
 * environment (on Deno, no `--allow-env` is needed), except the credentials when they are not given.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (
  options: Options
): Layer.Layer<VoiceId | VoiceIdClient.VoiceIdClient, ConfigError.ConfigError | Errors.CredentialsError> =>
  Layer.provide(VoiceId.layer(withoutCredentials(options)), requirements(options.credentials))

/**
 * The `VoiceId` service with everything read through `Config`: `AWS_REGION` (else `AWS_DEFAULT_REGION`),
 * `AWS_ENDPOINT_URL_VOICE_ID` (else `AWS_ENDPOINT_URL`), `AWS_MAX_ATTEMPTS`, `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`. On a Worker, provide the bindings as the `ConfigProvider`:
 *
 * ```ts
 * Effect.provide(program, VoiceIdEdge.layerConfig.pipe(Layer.provide(Layer.setConfigProvider(ConfigProvider.fromJson(env)))))
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig: Layer.Layer<
  VoiceId | VoiceIdClient.VoiceIdClient,
  ConfigError.ConfigError | Errors.CredentialsError
> = /* @__PURE__ */ Layer.suspend(() => Layer.provide(VoiceId.layerConfig(), requirements(undefined)))
