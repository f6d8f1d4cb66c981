/**
 * The `VoiceId` service: one method per operation of the Voice ID model (29, camelCase), a `<op>Pages` and a
 * `<op>Stream` per paginated operation, and the job waiters. A thin object over the core `VoiceIdClient`.
 *
 * ```ts
 * const program = Effect.gen(function* () {
 *   const voiceId = yield* VoiceId
 *   const page = yield* voiceId.listSpeakerEnrollmentJobs({ DomainId, JobStatus: "COMPLETED" })
 *   const jobs = voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 100 })
 *   const job = yield* voiceId.awaitSpeakerEnrollmentJob({ DomainId, JobId })
 * })
 * ```
 *
 * @since 0.1.0
 */

import type * as HttpClient from "@effect/platform/HttpClient"
import {
  DescribeFraudsterRegistrationJob,
  DescribeSpeakerEnrollmentJob,
  type OperationName,
  operations,
  type PaginatedOperationName,
  paginatedOperations
} from "@effect-voiceid/protocol"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import type { Credentials } from "./Credentials.js"
import * as Pagination from "./Pagination.js"
import type { Signer } from "./Signer.js"
import * as VoiceIdClient from "./VoiceIdClient.js"
import type * as VoiceIdConfig from "./VoiceIdConfig.js"
import * as Waiters from "./Waiters.js"

/**
 * Builds the service over a core client.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromClient = (client: VoiceIdClient.Service): VoiceId.Service => {
  const service: Record<string, unknown> = { client }
  for (const operation of Object.values(operations) as ReadonlyArray<VoiceIdClient.Operation>) {
    service[operation.method] = (input: object | undefined, options?: VoiceIdClient.CallOptions) =>
      client.execute(operation, (input ?? {}) as never, options)
  }
  for (const name of paginatedOperations) {
    const operation = operations[name] as Pagination.PaginatedOperation
    service[`${operation.method}Pages`] = (input: object | undefined, options?: Pagination.PageOptions) =>
      Pagination.pagesWith(client, operation, (input ?? {}) as never, options)
    service[`${operation.method}Stream`] = (input: object | undefined, options?: Pagination.PageOptions) =>
      Pagination.itemsWith(client, operation, (input ?? {}) as never, options)
  }
  const waiters: VoiceId.WaiterMethods = {
    awaitSpeakerEnrollmentJob: (job, options) => Waiters.awaitWith(client, DescribeSpeakerEnrollmentJob, job, options),
    awaitFraudsterRegistrationJob: (job, options) =>
      Waiters.awaitWith(client, DescribeFraudsterRegistrationJob, job, options),
    watchSpeakerEnrollmentJob: (job, options) => Waiters.watchWith(client, DescribeSpeakerEnrollmentJob, job, options),
    watchFraudsterRegistrationJob: (job, options) =>
      Waiters.watchWith(client, DescribeFraudsterRegistrationJob, job, options)
  }
  return Object.assign(service, waiters) as unknown as VoiceId.Service
}

/**
 * The service over the core client in context.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make: Effect.Effect<VoiceId.Service, never, VoiceIdClient.VoiceIdClient> = /* @__PURE__ */ Effect.map(
  VoiceIdClient.VoiceIdClient,
  fromClient
)

/**
 * The service (and the core client under it) from explicit options.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (
  options: VoiceIdConfig.Options
): Layer.Layer<VoiceId | VoiceIdClient.VoiceIdClient, ConfigError.ConfigError, VoiceId.Requirements> =>
  Layer.provideMerge(Layer.effect(VoiceId, make), VoiceIdClient.layer(options))

/**
 * The service (and the core client under it) from the usual AWS environment (`AWS_REGION`,
 * `AWS_ENDPOINT_URL_VOICE_ID`, `AWS_MAX_ATTEMPTS`, ...) read through `Config`; `overrides` win.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: Partial<VoiceIdConfig.Options>
): Layer.Layer<VoiceId | VoiceIdClient.VoiceIdClient, ConfigError.ConfigError, VoiceId.Requirements> =>
  Layer.provideMerge(Layer.effect(VoiceId, make), VoiceIdClient.layerConfig(overrides))

/**
 * The Amazon Connect Voice ID service. `yield* VoiceId` gives the {@link VoiceId.Service}; `VoiceId.layer(options)` and
 * `VoiceId.layerConfig()` build it.
 *
 * @category services
 * @since 0.1.0
 */
export class VoiceId extends Context.Tag("@effect-voiceid/client/VoiceId")<VoiceId, VoiceId.Service>() {
  /** {@link layer}. */
  static readonly layer = layer
  /** {@link layerConfig}. */
  static readonly layerConfig = layerConfig
  /** {@link make}. */
  static readonly make = make
  /** {@link fromClient}. */
  static readonly fromClient = fromClient
}

/**
 * Types of the `VoiceId` service, under the tag's name: `VoiceId.Service`, `VoiceId.Requirements`, and the
 * method types the service is made of.
 *
 * @since 0.1.0
 */
export declare namespace VoiceId {
  /**
   * The method of an operation. Operations whose input has no required member may be called without one.
   *
   * @category models
   * @since 0.1.0
   */
  export type Method<O extends VoiceIdClient.Operation> =
    {} extends VoiceIdClient.InputOf<O>
      ? (
          input?: VoiceIdClient.InputOf<O>,
          options?: VoiceIdClient.CallOptions
        ) => Effect.Effect<VoiceIdClient.OutputOf<O>, VoiceIdClient.ErrorOf<O>>
      : (
          input: VoiceIdClient.InputOf<O>,
          options?: VoiceIdClient.CallOptions
        ) => Effect.Effect<VoiceIdClient.OutputOf<O>, VoiceIdClient.ErrorOf<O>>

  /**
   * One method per operation, named as the operation in camelCase.
   *
   * @category models
   * @since 0.1.0
   */
  export type OperationMethods = {
    readonly [Op in OperationName as (typeof operations)[Op]["method"]]: Method<(typeof operations)[Op]>
  }

  /**
   * The pages of a paginated operation.
   *
   * @category models
   * @since 0.1.0
   */
  export type PagesMethod<O extends Pagination.PaginatedOperation> =
    {} extends Pagination.PageInput<O>
      ? (
          input?: Pagination.PageInput<O>,
          options?: Pagination.PageOptions
        ) => Stream.Stream<Pagination.Page<O>, Pagination.PageError<O>>
      : (
          input: Pagination.PageInput<O>,
          options?: Pagination.PageOptions
        ) => Stream.Stream<Pagination.Page<O>, Pagination.PageError<O>>

  /**
   * The items of a paginated operation.
   *
   * @category models
   * @since 0.1.0
   */
  export type StreamMethod<O extends Pagination.PaginatedOperation> =
    {} extends Pagination.PageInput<O>
      ? (
          input?: Pagination.PageInput<O>,
          options?: Pagination.PageOptions
        ) => Stream.Stream<Pagination.ItemOf<O>, Pagination.PageError<O>>
      : (
          input: Pagination.PageInput<O>,
          options?: Pagination.PageOptions
        ) => Stream.Stream<Pagination.ItemOf<O>, Pagination.PageError<O>>

  /**
   * `<op>Pages` and `<op>Stream` for each paginated operation.
   *
   * @category models
   * @since 0.1.0
   */
  export type PaginationMethods = {
    readonly [Op in PaginatedOperationName as `${(typeof operations)[Op]["method"]}Pages`]: PagesMethod<
      (typeof operations)[Op]
    >
  } & {
    readonly [Op in PaginatedOperationName as `${(typeof operations)[Op]["method"]}Stream`]: StreamMethod<
      (typeof operations)[Op]
    >
  }

  /**
   * The job waiters.
   *
   * @category models
   * @since 0.1.0
   */
  export interface WaiterMethods {
    /** Polls until the speaker enrollment job ends; a `FAILED` job is a `JobFailedError`. */
    readonly awaitSpeakerEnrollmentJob: (
      job: Waiters.JobRef,
      options?: Waiters.WaitOptions<Waiters.SpeakerEnrollmentJob>
    ) => Effect.Effect<Waiters.SpeakerEnrollmentJob, Waiters.WaitError<typeof DescribeSpeakerEnrollmentJob>>
    /** Polls until the fraudster registration job ends; a `FAILED` job is a `JobFailedError`. */
    readonly awaitFraudsterRegistrationJob: (
      job: Waiters.JobRef,
      options?: Waiters.WaitOptions<Waiters.FraudsterRegistrationJob>
    ) => Effect.Effect<Waiters.FraudsterRegistrationJob, Waiters.WaitError<typeof DescribeFraudsterRegistrationJob>>
    /** The speaker enrollment job each time its status or progress changes, until it ends. */
    readonly watchSpeakerEnrollmentJob: (
      job: Waiters.JobRef,
      options?: Waiters.WaitOptions<Waiters.SpeakerEnrollmentJob>
    ) => Stream.Stream<Waiters.SpeakerEnrollmentJob, Waiters.WaitError<typeof DescribeSpeakerEnrollmentJob>>
    /** The fraudster registration job each time its status or progress changes, until it ends. */
    readonly watchFraudsterRegistrationJob: (
      job: Waiters.JobRef,
      options?: Waiters.WaitOptions<Waiters.FraudsterRegistrationJob>
    ) => Stream.Stream<Waiters.FraudsterRegistrationJob, Waiters.WaitError<typeof DescribeFraudsterRegistrationJob>>
  }

  /**
   * The `VoiceId` service: what `yield* VoiceId` gives.
   *
   * @category models
   * @since 0.1.0
   */
  export interface Service extends OperationMethods, PaginationMethods, WaiterMethods {
    /** The core client the methods call. */
    readonly client: VoiceIdClient.Service
  }

  /**
   * What the layers need: an HTTP client, a signer and credentials.
   *
   * @category models
   * @since 0.1.0
   */
  export type Requirements = HttpClient.HttpClient | Signer | Credentials
}
