/**
 * Job waiters: follow a speaker enrollment job or a fraudster registration job by polling its Describe operation
 * on a `Schedule` until it reaches a terminal status (`COMPLETED`, `COMPLETED_WITH_ERRORS`, `FAILED`).
 *
 * `watch` gives the job as a stream, one element each time its status or progress changes, ending with the
 * terminal job; `await` gives the terminal job. A `FAILED` job is a typed {@link JobFailedError} carrying its
 * `FailureDetails` (a watch emits the failed job first). A schedule that ends first is a
 * {@link WaiterTimeoutError}.
 *
 * @since 0.1.0
 */
import {
  DescribeFraudsterRegistrationJob,
  DescribeSpeakerEnrollmentJob,
  ResponseDecodeError
} from "@effect-voiceid/protocol"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { JobFailedError, WaiterTimeoutError } from "./Errors.js"
import {
  type CallOptions,
  type ErrorOf,
  type InputOf,
  type OutputOf,
  type Service,
  VoiceIdClient
} from "./VoiceIdClient.js"

/**
 * The Describe operations the waiters poll.
 *
 * @category models
 * @since 0.1.0
 */
export type JobOperation = typeof DescribeSpeakerEnrollmentJob | typeof DescribeFraudsterRegistrationJob

/**
 * The job a Describe operation returns.
 *
 * @category models
 * @since 0.1.0
 */
export type JobOf<O extends JobOperation> = NonNullable<OutputOf<O>["Job"]>

/**
 * A speaker enrollment job, as `DescribeSpeakerEnrollmentJob` returns it.
 *
 * @category models
 * @since 0.1.0
 */
export type SpeakerEnrollmentJob = JobOf<typeof DescribeSpeakerEnrollmentJob>

/**
 * A fraudster registration job, as `DescribeFraudsterRegistrationJob` returns it.
 *
 * @category models
 * @since 0.1.0
 */
export type FraudsterRegistrationJob = JobOf<typeof DescribeFraudsterRegistrationJob>

/**
 * Which job to follow.
 *
 * @category models
 * @since 0.1.0
 */
export interface JobRef {
  readonly DomainId: string
  readonly JobId: string
}

/**
 * Options of a waiter: the polling schedule (it receives the last job seen) and the per-call settings of each
 * Describe call.
 *
 * @category models
 * @since 0.1.0
 */
export interface WaitOptions<Job> extends CallOptions {
  /** When to poll again (default {@link defaultSchedule}). */
  readonly schedule?: Schedule.Schedule<unknown, Job> | undefined
}

/**
 * What a waiter can fail with.
 *
 * @category models
 * @since 0.1.0
 */
export type WaitError<O extends JobOperation> = ErrorOf<O> | JobFailedError | WaiterTimeoutError

/**
 * The default polling schedule: 1 s, doubling, at most 30 s apart, slightly jittered, giving up after an hour.
 *
 * @category schedules
 * @since 0.1.0
 */
export const defaultSchedule: Schedule.Schedule<unknown> = /* @__PURE__ */ Schedule.upTo(
  Schedule.jittered(Schedule.union(Schedule.exponential("1 second"), Schedule.spaced("30 seconds"))),
  "1 hour"
)

/**
 * The statuses after which a job does not change.
 *
 * @category statuses
 * @since 0.1.0
 */
export const terminalStatuses: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "FAILED"
])

const sameProgress = (
  a: {
    readonly JobStatus?: string | undefined
    readonly JobProgress?: { readonly PercentComplete?: number | undefined } | undefined
  },
  b: {
    readonly JobStatus?: string | undefined
    readonly JobProgress?: { readonly PercentComplete?: number | undefined } | undefined
  }
): boolean => a.JobStatus === b.JobStatus && a.JobProgress?.PercentComplete === b.JobProgress?.PercentComplete

/**
 * Follows a job over a given client (the `VoiceId` service binds its own). See the module description.
 *
 * @category streams
 * @since 0.1.0
 */
export const watchWith = <O extends JobOperation>(
  client: Service,
  operation: O,
  job: JobRef,
  options?: WaitOptions<JobOf<O>>
): Stream.Stream<JobOf<O>, WaitError<O>> =>
  Stream.unwrap(
    Effect.map(Schedule.driver(options?.schedule ?? defaultSchedule), (driver) => {
      const input = { DomainId: job.DomainId, JobId: job.JobId } as InputOf<O>
      let last: JobOf<O> | undefined
      let done = false
      let failure: JobFailedError | undefined
      const timedOut = () =>
        new WaiterTimeoutError({
          operation: operation.name,
          DomainId: job.DomainId,
          JobId: job.JobId,
          ...(last?.JobStatus === undefined ? {} : { JobStatus: last.JobStatus })
        })
      const describe = Effect.flatMap(client.execute(operation, input, options), (output) => {
        const current = output.Job as JobOf<O> | undefined
        if (current === undefined) {
          return Effect.fail(
            new ResponseDecodeError({
              operation: operation.name,
              reason: "the response has no Job",
              $metadata: output.$metadata
            })
          )
        }
        last = current
        const status = current.JobStatus
        if (status !== undefined && terminalStatuses.has(status)) {
          done = true
          if (status === "FAILED") {
            const details = current.FailureDetails
            failure = new JobFailedError({
              operation: operation.name,
              DomainId: job.DomainId,
              JobId: job.JobId,
              JobStatus: status,
              ...(details === undefined
                ? {}
                : {
                    FailureDetails: {
                      ...(details.Message === undefined ? {} : { Message: details.Message }),
                      ...(details.StatusCode === undefined ? {} : { StatusCode: details.StatusCode })
                    }
                  }),
              $metadata: output.$metadata
            })
          }
        }
        return Effect.succeed(current)
      })
      const poll: Effect.Effect<JobOf<O>, Option.Option<WaitError<O>>> = Effect.suspend(() => {
        if (failure !== undefined) return Effect.fail(Option.some(failure))
        if (done) return Effect.fail(Option.none())
        const next =
          last === undefined
            ? describe
            : Effect.zipRight(
                Effect.mapError(driver.next(last), () => timedOut()),
                describe
              )
        return Effect.mapError(next, Option.some)
      })
      return Stream.repeatEffectOption(poll).pipe(Stream.changesWith(sameProgress))
    })
  )

/**
 * Waits for a job over a given client: its terminal state, or a {@link JobFailedError}.
 *
 * @category waiters
 * @since 0.1.0
 */
export const awaitWith = <O extends JobOperation>(
  client: Service,
  operation: O,
  job: JobRef,
  options?: WaitOptions<JobOf<O>>
): Effect.Effect<JobOf<O>, WaitError<O>> =>
  Effect.flatMap(Stream.runLast(watchWith(client, operation, job, options)), (last) =>
    // The stream always emits at least the first Describe answer before it ends.
    Option.isSome(last) ? Effect.succeed(last.value) : Effect.dieMessage("the job watch ended without a job")
  ).pipe(Effect.withSpan(`VoiceID.await${operation.name.slice("Describe".length)}`, { captureStackTrace: false }))

/**
 * Follows a speaker enrollment job, with the client in context.
 *
 * @category streams
 * @since 0.1.0
 */
export const watchSpeakerEnrollmentJob = (
  job: JobRef,
  options?: WaitOptions<SpeakerEnrollmentJob>
): Stream.Stream<SpeakerEnrollmentJob, WaitError<typeof DescribeSpeakerEnrollmentJob>, VoiceIdClient> =>
  Stream.unwrap(Effect.map(VoiceIdClient, (client) => watchWith(client, DescribeSpeakerEnrollmentJob, job, options)))

/**
 * Follows a fraudster registration job, with the client in context.
 *
 * @category streams
 * @since 0.1.0
 */
export const watchFraudsterRegistrationJob = (
  job: JobRef,
  options?: WaitOptions<FraudsterRegistrationJob>
): Stream.Stream<FraudsterRegistrationJob, WaitError<typeof DescribeFraudsterRegistrationJob>, VoiceIdClient> =>
  Stream.unwrap(
    Effect.map(VoiceIdClient, (client) => watchWith(client, DescribeFraudsterRegistrationJob, job, options))
  )

/**
 * Waits for a speaker enrollment job to end, with the client in context.
 *
 * @category waiters
 * @since 0.1.0
 */
export const awaitSpeakerEnrollmentJob = (
  job: JobRef,
  options?: WaitOptions<SpeakerEnrollmentJob>
): Effect.Effect<SpeakerEnrollmentJob, WaitError<typeof DescribeSpeakerEnrollmentJob>, VoiceIdClient> =>
  Effect.flatMap(VoiceIdClient, (client) => awaitWith(client, DescribeSpeakerEnrollmentJob, job, options))

/**
 * Waits for a fraudster registration job to end, with the client in context.
 *
 * @category waiters
 * @since 0.1.0
 */
export const awaitFraudsterRegistrationJob = (
  job: JobRef,
  options?: WaitOptions<FraudsterRegistrationJob>
): Effect.Effect<FraudsterRegistrationJob, WaitError<typeof DescribeFraudsterRegistrationJob>, VoiceIdClient> =>
  Effect.flatMap(VoiceIdClient, (client) => awaitWith(client, DescribeFraudsterRegistrationJob, job, options))
