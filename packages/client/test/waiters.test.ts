import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { JobFailedError } from "../src/Errors.js"
import { VoiceId } from "../src/VoiceId.js"
import { DomainId, JobId, ok, type Reply, testLayer } from "./utils.js"

type Step = { readonly JobStatus: string; readonly PercentComplete?: number; readonly FailureDetails?: object }

/** Answers Describe*Job with the given states in order, repeating the last. */
const jobStates =
  (...steps: ReadonlyArray<Step>) =>
  (_: unknown, index: number): Reply => {
    const step = steps[Math.min(index, steps.length - 1)]!
    return ok({
      Job: {
        DomainId,
        JobId,
        JobName: "secret-job-name",
        JobStatus: step.JobStatus,
        ...(step.PercentComplete === undefined ? {} : { JobProgress: { PercentComplete: step.PercentComplete } }),
        ...(step.FailureDetails === undefined ? {} : { FailureDetails: step.FailureDetails })
      }
    })
  }

const run = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(Effect.either(effect))
    yield* TestClock.adjust("2 hours")
    return yield* Fiber.join(fiber)
  })

describe("job waiters", () => {
  it.effect("awaitSpeakerEnrollmentJob polls on the schedule until COMPLETED and returns the job", () => {
    const { sent, layer } = testLayer(
      jobStates(
        { JobStatus: "SUBMITTED" },
        { JobStatus: "IN_PROGRESS", PercentComplete: 10 },
        { JobStatus: "IN_PROGRESS", PercentComplete: 60 },
        { JobStatus: "COMPLETED", PercentComplete: 100 }
      )
    )
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const fiber = yield* Effect.fork(
        voiceId.awaitSpeakerEnrollmentJob({ DomainId, JobId }, { schedule: Schedule.spaced("5 seconds") })
      )
      yield* TestClock.adjust("4 seconds")
      expect(sent).toHaveLength(1)
      yield* TestClock.adjust("1 second")
      expect(sent).toHaveLength(2)
      yield* TestClock.adjust("10 seconds")
      const job = yield* Fiber.join(fiber)
      expect(job.JobStatus).toBe("COMPLETED")
      expect(job.JobProgress?.PercentComplete).toBe(100)
      expect(sent).toHaveLength(4)
      expect(sent.every((r) => r.headers["x-amz-target"] === "VoiceID.DescribeSpeakerEnrollmentJob")).toBe(true)
      expect(JSON.parse(sent[0]!.body)).toEqual({ DomainId, JobId })
    }).pipe(Effect.provide(layer))
  })

  it.effect("COMPLETED_WITH_ERRORS is terminal and returned", () => {
    const { layer } = testLayer(jobStates({ JobStatus: "IN_PROGRESS" }, { JobStatus: "COMPLETED_WITH_ERRORS" }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* run(voiceId.awaitFraudsterRegistrationJob({ DomainId, JobId }))
      expect(Either.isRight(result) && result.right.JobStatus).toBe("COMPLETED_WITH_ERRORS")
    }).pipe(Effect.provide(layer))
  })

  it.effect("FAILED is a typed JobFailedError carrying FailureDetails", () => {
    const { layer } = testLayer(
      jobStates(
        { JobStatus: "IN_PROGRESS" },
        { JobStatus: "FAILED", FailureDetails: { StatusCode: 400, Message: "manifest not found" } }
      )
    )
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const outcome = yield* run(
        voiceId
          .awaitFraudsterRegistrationJob({ DomainId, JobId })
          .pipe(Effect.catchTag("JobFailedError", (e) => Effect.succeed(e)))
      )
      const error = Either.getOrThrow(outcome)
      expect(error).toBeInstanceOf(JobFailedError)
      expect(error).toMatchObject({
        _tag: "JobFailedError",
        operation: "DescribeFraudsterRegistrationJob",
        DomainId,
        JobId,
        JobStatus: "FAILED",
        FailureDetails: { StatusCode: 400, Message: "manifest not found" }
      })
      if (typeof error === "object" && "message" in error) {
        expect(error.message).toBe(`Job ${JobId} ended FAILED: manifest not found (status 400)`)
        // The job's sensitive name is not part of the error.
        expect(JSON.stringify(error)).not.toContain("secret-job-name")
      }
    }).pipe(Effect.provide(layer))
  })

  it.effect("watch emits the job each time its progress changes, then ends", () => {
    const { layer } = testLayer(
      jobStates(
        { JobStatus: "SUBMITTED" },
        { JobStatus: "SUBMITTED" },
        { JobStatus: "IN_PROGRESS", PercentComplete: 20 },
        { JobStatus: "IN_PROGRESS", PercentComplete: 20 },
        { JobStatus: "IN_PROGRESS", PercentComplete: 70 },
        { JobStatus: "COMPLETED", PercentComplete: 100 }
      )
    )
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* run(
        Stream.runCollect(
          voiceId.watchSpeakerEnrollmentJob({ DomainId, JobId }, { schedule: Schedule.spaced("1 second") })
        )
      )
      const states = Chunk.toReadonlyArray(Either.getOrThrow(result)).map(
        (j) => `${j.JobStatus}:${j.JobProgress?.PercentComplete ?? "-"}`
      )
      expect(states).toEqual(["SUBMITTED:-", "IN_PROGRESS:20", "IN_PROGRESS:70", "COMPLETED:100"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("watch emits a FAILED job and then fails with JobFailedError", () => {
    const { layer } = testLayer(jobStates({ JobStatus: "IN_PROGRESS" }, { JobStatus: "FAILED" }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const seen: Array<string | undefined> = []
      const result = yield* run(
        Stream.runForEach(voiceId.watchFraudsterRegistrationJob({ DomainId, JobId }), (job) =>
          Effect.sync(() => seen.push(job.JobStatus))
        )
      )
      expect(seen).toEqual(["IN_PROGRESS", "FAILED"])
      expect(Either.isLeft(result) && result.left._tag).toBe("JobFailedError")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a schedule that ends first is a WaiterTimeoutError with the last status", () => {
    const { sent, layer } = testLayer(jobStates({ JobStatus: "IN_PROGRESS" }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* run(
        voiceId.awaitSpeakerEnrollmentJob({ DomainId, JobId }, { schedule: Schedule.recurs(2) })
      )
      expect(Either.isLeft(result) && result.left).toMatchObject({
        _tag: "WaiterTimeoutError",
        JobId,
        JobStatus: "IN_PROGRESS"
      })
      expect(sent).toHaveLength(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("the default schedule gives up after an hour", () => {
    const { sent, layer } = testLayer(jobStates({ JobStatus: "IN_PROGRESS" }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* run(voiceId.awaitSpeakerEnrollmentJob({ DomainId, JobId }))
      expect(Either.isLeft(result) && result.left._tag).toBe("WaiterTimeoutError")
      // 1, 2, 4, 8, 16 s, then every 30 s (±jitter) for the rest of the hour.
      expect(sent.length).toBeGreaterThan(100)
      expect(sent.length).toBeLessThan(200)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a Describe error ends the wait with that error", () => {
    const { layer } = testLayer(() => ({
      status: 404,
      body: JSON.stringify({ __type: "ResourceNotFoundException", Message: "no job", ResourceType: "DOMAIN" })
    }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* run(voiceId.awaitSpeakerEnrollmentJob({ DomainId, JobId }))
      expect(Either.isLeft(result) && result.left._tag).toBe("ResourceNotFoundException")
    }).pipe(Effect.provide(layer))
  })
})
