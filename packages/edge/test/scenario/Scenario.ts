/**
 * The scenario every runtime runs against the emulator (Node with both adapters; workerd, Bun and Deno with the
 * edge adapter). It drives the emulator's control routes (`/__emulator/*`) with plain `fetch`, so it needs
 * nothing of the host but the emulator's URL, and it returns a JSON report that the host checks exactly:
 *
 * 1. seeds 45 speaker enrollment jobs (27 COMPLETED, 9 FAILED, 9 IN_PROGRESS) in a new domain;
 * 2. lists them all, 10 a page, then only the COMPLETED ones;
 * 3. describes a domain that does not exist (a typed `ResourceNotFoundException`);
 * 4. lists them all again while the emulator throttles half of the requests, through the retry schedule;
 * 5. starts a listing whose request the emulator holds for a minute, interrupts it once the request has
 *    arrived, and checks the fiber stops at once with its finalizer run.
 *
 * Imports nothing Node-only: it is bundled for workerd and Deno.
 */
import { Retry, VoiceId } from "@effect-voiceid/client"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import type * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"

/** What the host checks. */
export interface ScenarioReport {
  /** `navigator.userAgent` where there is one (workerd, Bun, Deno; Node from 21), else `node`. */
  readonly runtime: string
  readonly seeded: { readonly total: number; readonly completed: number }
  readonly all: { readonly items: number; readonly distinct: number; readonly pages: number }
  readonly completed: { readonly items: number; readonly pages: number; readonly onlyCompleted: boolean }
  readonly notFound: { readonly tag: string; readonly status: number; readonly requestId: boolean }
  readonly throttled: {
    readonly items: number
    readonly pages: number
    /** Attempts summed over the pages (`$metadata.attempts`). */
    readonly attempts: number
    /** What the emulator says it throttled. */
    readonly throttledByEmulator: number
    readonly requestsSeenByEmulator: number
  }
  readonly interrupted: {
    readonly interrupted: boolean
    readonly finalizerRan: boolean
    readonly requestArrived: boolean
  }
}

/** A failure of the scenario itself (the emulator's control routes), as text for the report. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError"
}

const Operation = "ListSpeakerEnrollmentJobs"

const control = (emulatorUrl: string) => {
  const call = (method: "GET" | "POST" | "PUT", route: string, body?: unknown) =>
    Effect.tryPromise({
      try: async () => {
        const response = await fetch(`${emulatorUrl}/__emulator/${route}`, {
          method,
          headers: { "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) })
        })
        const text = await response.text()
        if (!response.ok) throw new ScenarioError(`${method} ${route}: ${response.status} ${text}`)
        return JSON.parse(text) as unknown
      },
      catch: (cause) =>
        cause instanceof ScenarioError ? cause : new ScenarioError(`${method} ${route}: ${String(cause)}`)
    })
  const requestsOf = (faults: unknown): { requests: number; throttled: number } => {
    const stats = (faults as { stats?: Record<string, { requests: number; throttled: number }> }).stats?.[Operation]
    return { requests: stats?.requests ?? 0, throttled: stats?.throttled ?? 0 }
  }
  return {
    seed: (body: unknown) =>
      Effect.map(
        call("POST", "seed", body),
        (result) => result as { domainId: string; count: number; statuses: Record<string, number> }
      ),
    setFaults: (config: unknown) => call("PUT", "faults", config),
    stats: Effect.map(call("GET", "faults"), requestsOf)
  }
}

/** Runs the scenario with the `VoiceId` in context against the emulator at `emulatorUrl`. */
export const scenario = (emulatorUrl: string): Effect.Effect<ScenarioReport, unknown, VoiceId> =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    const emulator = control(emulatorUrl)
    yield* emulator.setFaults({})

    // 1. Seed
    const seed = yield* emulator.seed({
      count: 45,
      statuses: { COMPLETED: 3, FAILED: 1, IN_PROGRESS: 1 },
      namePrefix: "scenario"
    })
    const DomainId = seed.domainId

    // 2. Every job, then the completed ones, 10 a page
    const allPages = yield* Stream.runCollect(voiceId.listSpeakerEnrollmentJobsPages({ DomainId }, { pageSize: 10 }))
    const allIds = Array.from(allPages).flatMap((page) => page.items.map((job) => job.JobId))
    const completedPages = yield* Stream.runCollect(
      voiceId.listSpeakerEnrollmentJobsPages({ DomainId, JobStatus: "COMPLETED" }, { pageSize: 10 })
    )
    const completedJobs = Array.from(completedPages).flatMap((page) => page.items)

    // 3. A domain that does not exist
    const notFound = yield* voiceId.describeDomain({ DomainId: "0000000000000000000000" }).pipe(
      Effect.flatMap(() => Effect.fail(new ScenarioError("DescribeDomain found a domain that does not exist"))),
      Effect.catchTag("ResourceNotFoundException", (error) =>
        Effect.succeed({
          tag: error._tag,
          status: error.$metadata.httpStatusCode,
          requestId: typeof error.$metadata.requestId === "string" && error.$metadata.requestId !== ""
        })
      )
    )

    // 4. Half of the requests throttled: the retry schedule absorbs them (short delays, more attempts)
    // The emulator's counts are cumulative: each step reads them before and after.
    const beforeThrottling = yield* emulator.stats
    yield* emulator.setFaults({ seed: 7, operations: { [Operation]: { throttle: 0.5 } } })
    const throttledPages = yield* Stream.runCollect(
      voiceId.listSpeakerEnrollmentJobsPages(
        { DomainId },
        {
          pageSize: 10,
          maxAttempts: 12,
          retrySchedule: Retry.standard({ maxAttempts: 12, baseDelay: "1 millis", throttlingBaseDelay: "2 millis" })
        }
      )
    )
    const afterThrottling = yield* emulator.stats
    yield* emulator.setFaults({})

    // 5. Interrupted while a request is held by the emulator
    const beforeInterruption = yield* emulator.stats
    yield* emulator.setFaults({ operations: { [Operation]: { latencyMs: 60_000 } } })
    const finalized = yield* Ref.make(false)
    const fiber = yield* voiceId
      .listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 10 })
      .pipe(Stream.ensuring(Ref.set(finalized, true)), Stream.runDrain, Effect.fork)
    // Wait until the emulator has the request: from then on only aborting it lets the fiber stop before a minute.
    const arrived = yield* emulator.stats.pipe(
      Effect.filterOrFail(
        (stats) => stats.requests > beforeInterruption.requests,
        () => "not yet" as const
      ),
      Effect.retry({ schedule: Schedule.spaced("20 millis"), times: 500, while: (error) => error === "not yet" }),
      Effect.as(true),
      Effect.catchIf(
        (error) => error === "not yet",
        () => Effect.succeed(false)
      )
    )
    const exit = yield* Fiber.interrupt(fiber)
    yield* emulator.setFaults({})

    return {
      runtime: typeof navigator === "object" && typeof navigator.userAgent === "string" ? navigator.userAgent : "node",
      seeded: { total: seed.count, completed: seed.statuses.COMPLETED ?? 0 },
      all: { items: allIds.length, distinct: new Set(allIds).size, pages: allPages.length },
      completed: {
        items: completedJobs.length,
        pages: completedPages.length,
        onlyCompleted: completedJobs.every((job) => job.JobStatus === "COMPLETED")
      },
      notFound,
      throttled: {
        items: Array.from(throttledPages).reduce((n, page) => n + page.items.length, 0),
        pages: throttledPages.length,
        attempts: Array.from(throttledPages).reduce((n, page) => n + (page.output.$metadata.attempts ?? 0), 0),
        throttledByEmulator: afterThrottling.throttled - beforeThrottling.throttled,
        requestsSeenByEmulator: afterThrottling.requests - beforeThrottling.requests
      },
      interrupted: {
        interrupted: Exit.isInterrupted(exit),
        finalizerRan: yield* Ref.get(finalized),
        requestArrived: arrived
      }
    } satisfies ScenarioReport
  })

/**
 * Runs the scenario over `layer` and renders its outcome as JSON: `{ report }`, or `{ error }` with the cause
 * (a layer that fails to build included).
 */
export const runToJson = <E>(
  emulatorUrl: string,
  layer: Layer.Layer<VoiceId, E>
): Effect.Effect<{ readonly ok: boolean; readonly json: string }> =>
  scenario(emulatorUrl).pipe(
    Effect.provide(layer),
    Effect.map((report) => ({ ok: true, json: JSON.stringify({ report }) })),
    Effect.catchAllCause((cause) => Effect.succeed({ ok: false, json: JSON.stringify({ error: Cause.pretty(cause) }) }))
  )
