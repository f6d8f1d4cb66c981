/**
 * Replaces the retry policy with an Effect `Schedule`. The client gives the schedule a `Retry.RetryInput` for each
 * failure worth retrying (throttling, a server error, a lost connection or an attempt timeout: never a validation
 * error or a missing resource), and `maxAttempts` caps the count whatever the schedule says. Here the schedule
 * backs off from 20 ms to at most 1 s, retries throttling as long as `maxAttempts` allows but a server error or a
 * lost connection only within the first three attempts, and logs each failed attempt.
 *
 * The schedule is given per call here; `VoiceIdNode.layer({ retrySchedule, maxAttempts })` makes it the
 * client's default.
 *
 * ```sh
 * pnpm --filter @effect-voiceid/examples custom-retry   # an emulator that throttles, fails and drops requests
 * pnpm --filter @effect-voiceid/examples custom-retry --endpoint URL --domain-id ID
 * ```
 *
 * @since 0.1.0
 */
import { type Retry, VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import { Console, Effect, Predicate, Schedule, Stream } from "effect"
import * as Example from "./shared/Example.js"

/**
 * The policy: exponential backoff from 20 ms, never more than 1 s apart, jittered; throttling is retried while
 * `maxAttempts` allows, the other retryable failures (server errors, lost connections, attempt timeouts) only
 * within the first three attempts.
 *
 * @category schedules
 * @since 0.1.0
 */
export const retrySchedule: Retry.RetrySchedule = Schedule.exponential("20 millis").pipe(
  Schedule.either(Schedule.spaced("1 second")),
  Schedule.jittered,
  Schedule.whileInput((input: Retry.RetryInput) => input.kind === "throttling" || input.attempt < 4)
)

/**
 * Failed attempts seen by the schedule, per kind (each one retried, when the read succeeds).
 *
 * @category models
 * @since 0.1.0
 */
export type RetryCounts = Record<Retry.RetryKind, number>

/**
 * What the example found.
 *
 * @category models
 * @since 0.1.0
 */
export interface Summary {
  readonly total: number
  readonly retries: RetryCounts
}

const tagOf = (error: unknown): string =>
  Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" ? error._tag : "an error"

/**
 * The example: it needs only the `VoiceId` service.
 *
 * @category programs
 * @since 0.1.0
 */
export const countWithRetries = (DomainId: string) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    const retries: RetryCounts = { throttling: 0, "server-error": 0, transient: 0 }
    // The same schedule, with a look at each input on its way in.
    const logged = retrySchedule.pipe(
      Schedule.tapInput((input: Retry.RetryInput) => {
        retries[input.kind] += 1
        return Console.log(`  attempt ${input.attempt} failed with ${tagOf(input.error)} (${input.kind})`)
      })
    )
    const total = yield* Stream.runCount(
      voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 25, retrySchedule: logged, maxAttempts: 8 })
    )
    yield* Console.log(
      `${total} jobs read; retries: ${retries.throttling} after throttling, ${retries["server-error"]} after server errors, ${retries.transient} after lost connections`
    )
    return { total, retries } satisfies Summary
  })

/**
 * The faults the example's own emulator injects into `ListSpeakerEnrollmentJobs`.
 *
 * @category preparation
 * @since 0.1.0
 */
export const faults = {
  seed: 2,
  operations: { ListSpeakerEnrollmentJobs: { throttle: 0.2, internalError: 0.05, drop: 0.05 } }
}

/**
 * Runs the example with a command line (see the module description).
 *
 * @category main
 * @since 0.1.0
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const args = yield* Example.parse(argv, { "domain-id": { type: "string" } })
    const target = yield* Example.target(args)
    const domainId = yield* Example.orPrepare(args["domain-id"], "domain-id", target, (emulator) =>
      Effect.gen(function* () {
        const seeded = yield* emulator.seedJobs({ count: 1000, domainName: "custom-retry-example" })
        yield* emulator.setFaults(faults)
        return seeded.domainId
      })
    )
    return yield* countWithRetries(domainId).pipe(Effect.provide(VoiceIdNode.layer(target.client)))
  }).pipe(Effect.scoped)

Example.runMain(import.meta, "custom-retry [--endpoint URL] [--region R] [--domain-id ID]", main)
