/**
 * The core of the client: one `execute(operation, input, options?)` that validates, fills the idempotency token,
 * encodes, signs, sends, decodes and retries, in a span `VoiceID.<Operation>`. The `VoiceId` service, the
 * pagination streams, the waiters and the standalone operation functions are thin layers over it, so a program
 * that calls one operation carries only that operation's description.
 *
 * @since 0.1.0
 */

import * as HttpClient from "@effect/platform/HttpClient"
import type { Codec } from "@effect-voiceid/protocol"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Credentials } from "./Credentials.js"
import type { VoiceIdClientError } from "./Errors.js"
import { makeExecute } from "./internal/execute.js"
import * as Retry from "./Retry.js"
import { Signer } from "./Signer.js"
import * as VoiceIdConfig from "./VoiceIdConfig.js"

/**
 * An operation's description from the protocol package's operation table (`operations.ListDomains`, ...).
 *
 * @category models
 * @since 0.1.0
 */
export type Operation = Codec.Operation

/**
 * The input of an operation.
 *
 * @category models
 * @since 0.1.0
 */
export type InputOf<O extends Operation> = Codec.Input<O["name"]>

/**
 * The output of an operation, with `$metadata` (HTTP status, request id, attempts, total retry delay).
 *
 * @category models
 * @since 0.1.0
 */
export type OutputOf<O extends Operation> = Codec.Output<O["name"]>

/**
 * What a call of an operation can fail with: exactly its modeled errors and the client's own.
 *
 * @category models
 * @since 0.1.0
 */
export type ErrorOf<O extends Operation> = Codec.OperationError<O["name"]> | VoiceIdClientError

/**
 * Per-call settings; each replaces the client's for this call only.
 *
 * @category models
 * @since 0.1.0
 */
export interface CallOptions {
  /** Attempts in all (1 disables retries; values below 1 count as 1). */
  readonly maxAttempts?: number | undefined
  /** The delay between attempts. */
  readonly retrySchedule?: Retry.RetrySchedule | undefined
  /** Longest wait for one attempt's response. */
  readonly attemptTimeout?: Duration.DurationInput | undefined
  /** Longest time for the whole call, retries included. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Check the input against the model before sending it. */
  readonly validate?: boolean | undefined
}

/**
 * A read-only view of a client's retry quota, for a gauge or a test: the bucket's size and the tokens left now.
 *
 * @category models
 * @since 0.1.0
 */
export interface RetryQuotaState {
  readonly capacity: number
  readonly available: number
}

/**
 * The core client.
 *
 * @category models
 * @since 0.1.0
 */
export interface Service {
  /** The region requests are signed for. */
  readonly region: string
  /** The endpoint requests are sent to. */
  readonly endpoint: string
  /** The retry quota shared by this client's calls, read-only; `undefined` when it is off (`retryQuota: false`). */
  readonly retryQuota?: RetryQuotaState | undefined
  /** Calls one operation. */
  readonly execute: <O extends Operation>(
    operation: O,
    input: InputOf<O>,
    options?: CallOptions
  ) => Effect.Effect<OutputOf<O>, ErrorOf<O>>
}

/**
 * The core client as a service.
 *
 * @category services
 * @since 0.1.0
 */
export class VoiceIdClient extends Context.Tag("@effect-voiceid/client/VoiceIdClient")<VoiceIdClient, Service>() {}

/**
 * Builds a client from its options, over the `HttpClient`, `Signer` and `Credentials` in context. Invalid options
 * (a malformed endpoint, `maxAttempts: 0`, ...) fail with a `ConfigError` naming the option.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (
  options: VoiceIdConfig.Options
): Effect.Effect<Service, ConfigError.ConfigError, HttpClient.HttpClient | Signer | Credentials> =>
  Effect.gen(function* () {
    const config = yield* VoiceIdConfig.resolve(options)
    const http = yield* HttpClient.HttpClient
    const signer = yield* Signer
    const credentials = yield* Credentials
    const quota = config.retryQuota === false ? undefined : Retry.makeQuota(config.retryQuota)
    return {
      region: config.region,
      endpoint: config.endpoint.href,
      retryQuota:
        quota === undefined
          ? undefined
          : {
              get capacity() {
                return quota.capacity
              },
              get available() {
                return quota.available
              }
            },
      execute: makeExecute(config, http, signer, credentials, quota)
    }
  })

/**
 * The client as a layer, from explicit options.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (
  options: VoiceIdConfig.Options
): Layer.Layer<VoiceIdClient, ConfigError.ConfigError, HttpClient.HttpClient | Signer | Credentials> =>
  Layer.effect(VoiceIdClient, make(options))

/**
 * The client as a layer, from the environment ({@link VoiceIdConfig.config}); `overrides` win over what it reads.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: Partial<VoiceIdConfig.Options>
): Layer.Layer<VoiceIdClient, ConfigError.ConfigError, HttpClient.HttpClient | Signer | Credentials> =>
  Layer.effect(VoiceIdClient, Effect.flatMap(VoiceIdConfig.configWith(overrides), make))

/**
 * Calls one operation with the client in context.
 *
 * @category accessors
 * @since 0.1.0
 */
export const execute = <O extends Operation>(
  operation: O,
  input: InputOf<O>,
  options?: CallOptions
): Effect.Effect<OutputOf<O>, ErrorOf<O>, VoiceIdClient> =>
  Effect.flatMap(VoiceIdClient, (client) => client.execute(operation, input, options))
