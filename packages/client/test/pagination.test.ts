import { describe, expect, it } from "@effect/vitest"
import { ListSpeakerEnrollmentJobs } from "@effect-voiceid/protocol"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as Pagination from "../src/Pagination.js"
import { VoiceId } from "../src/VoiceId.js"
import { awsError, DomainId, type Handler, ok, type Reply, type Sent, testLayer } from "./utils.js"

const jobIdOf = (i: number) => `J${String(i).padStart(21, "0")}`

/** A paginating ListSpeakerEnrollmentJobs over `total` jobs: `NextToken` is `o<offset>`. */
const jobServer = (
  total: number,
  options?: {
    readonly ignoreMaxResults?: number
    readonly intercept?: (request: Sent, index: number) => Reply | undefined
  }
): Handler => {
  return (request, index) => {
    const intercepted = options?.intercept?.(request, index)
    if (intercepted !== undefined) return intercepted
    const body = JSON.parse(request.body) as { NextToken?: string; MaxResults?: number; DomainId: string }
    const offset = body.NextToken === undefined ? 0 : Number(body.NextToken.slice(1))
    const size = options?.ignoreMaxResults ?? body.MaxResults ?? 10
    const end = Math.min(total, offset + size)
    const JobSummaries = Array.from({ length: end - offset }, (_, k) => ({
      DomainId: body.DomainId,
      JobId: jobIdOf(offset + k),
      JobName: `job-${offset + k}`,
      JobStatus: "COMPLETED"
    }))
    return ok(end < total ? { JobSummaries, NextToken: `o${end}` } : { JobSummaries }, {
      "x-amzn-requestid": `page-${offset}`
    })
  }
}

const ids = (jobs: Chunk.Chunk<{ readonly JobId?: string | undefined }>) =>
  Chunk.toReadonlyArray(jobs).map((j) => j.JobId)
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => jobIdOf(from + i))

describe("pagination streams", () => {
  it.effect("streams every item exactly once, in order, one request per page", () => {
    const { sent, layer } = testLayer(jobServer(50))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const jobs = yield* Stream.runCollect(
        voiceId.listSpeakerEnrollmentJobsStream({ DomainId, JobStatus: "COMPLETED" }, { pageSize: 7 })
      )
      expect(ids(jobs)).toEqual(range(0, 50))
      expect(sent).toHaveLength(8)
      const bodies = sent.map((r) => JSON.parse(r.body) as Record<string, unknown>)
      expect(bodies[0]).toEqual({ DomainId, JobStatus: "COMPLETED", MaxResults: 7 })
      expect(bodies[1]).toEqual({ DomainId, JobStatus: "COMPLETED", NextToken: "o7", MaxResults: 7 })
    }).pipe(Effect.provide(layer))
  })

  it.effect("pages carry their output, items and resume token", () => {
    const { layer } = testLayer(jobServer(25))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const pages = Chunk.toReadonlyArray(
        yield* Stream.runCollect(voiceId.listSpeakerEnrollmentJobsPages({ DomainId }, { pageSize: 10 }))
      )
      expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5])
      expect(pages.map((p) => p.resumeToken)).toEqual(["o10", "o20", undefined])
      expect(pages.map((p) => p.output.$metadata.requestId)).toEqual(["page-0", "page-10", "page-20"])
      // No copy when the whole page is emitted.
      expect(pages[0]!.items).toBe(pages[0]!.output.JobSummaries)
    }).pipe(Effect.provide(layer))
  })

  it.effect("resumes from a checkpointed token exactly where it stopped", () => {
    const { layer } = testLayer(jobServer(40))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const firstTwo = Chunk.toReadonlyArray(
        yield* Stream.runCollect(
          voiceId.listSpeakerEnrollmentJobsPages({ DomainId }, { pageSize: 6 }).pipe(Stream.take(2))
        )
      )
      const checkpoint = firstTwo[1]!.resumeToken
      const rest = yield* Stream.runCollect(
        voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 6, startingToken: checkpoint })
      )
      expect([...firstTwo.flatMap((p) => p.items.map((j) => j.JobId)), ...ids(rest)]).toEqual(range(0, 40))
    }).pipe(Effect.provide(layer))
  })

  it.effect("maxItems stops the read, asks for no more than it needs, and its token resumes after it", () => {
    const { sent, layer } = testLayer(jobServer(30))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const pages = Chunk.toReadonlyArray(
        yield* Stream.runCollect(voiceId.listSpeakerEnrollmentJobsPages({ DomainId }, { pageSize: 5, maxItems: 12 }))
      )
      expect(pages.flatMap((p) => p.items.map((j) => j.JobId))).toEqual(range(0, 12))
      expect(sent.map((r) => (JSON.parse(r.body) as { MaxResults: number }).MaxResults)).toEqual([5, 5, 2])
      const rest = yield* Stream.runCollect(
        voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 5, startingToken: pages[2]!.resumeToken })
      )
      expect(ids(rest)).toEqual(range(12, 30))
    }).pipe(Effect.provide(layer))
  })

  it.effect("maxItems inside a page that the service made larger: a resume token skips what was emitted", () => {
    const { layer } = testLayer(jobServer(30, { ignoreMaxResults: 10 }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const pages = Chunk.toReadonlyArray(
        yield* Stream.runCollect(voiceId.listSpeakerEnrollmentJobsPages({ DomainId }, { maxItems: 15 }))
      )
      expect(pages.flatMap((p) => p.items.map((j) => j.JobId))).toEqual(range(0, 15))
      const token = pages.at(-1)!.resumeToken
      expect(token).toBeDefined()
      const rest = yield* Stream.runCollect(
        voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { startingToken: token })
      )
      expect(ids(rest)).toEqual(range(15, 30))
    }).pipe(Effect.provide(layer))
  })

  it.effect("a NextToken repeated by the service stops the stream with a PaginationError", () => {
    const { sent, layer } = testLayer(() => ok({ JobSummaries: [{ JobId: jobIdOf(0) }], NextToken: "same" }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* Effect.either(Stream.runCollect(voiceId.listSpeakerEnrollmentJobsStream({ DomainId })))
      expect(Either.isLeft(result) && result.left).toMatchObject({ _tag: "PaginationError", reason: "RepeatedToken" })
      expect(sent).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  describe("a NextToken the service refuses (expired)", () => {
    // The service refuses the tokens it issued before `expiredBefore` requests were made.
    const expiring = (total: number, refuse: (token: string, index: number) => boolean) =>
      jobServer(total, {
        intercept: (request, index) => {
          const token = (JSON.parse(request.body) as { NextToken?: string }).NextToken
          return token !== undefined && refuse(token, index)
            ? awsError("ValidationException", 400, {
                Message: "The NextToken has expired; start the listing again without a NextToken."
              })
            : undefined
        }
      })

    it.effect("fails with NextTokenExpiredError, which says how far the read got and how to go on", () => {
      const { sent, layer } = testLayer(expiring(30, (token) => token === "o20"))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const seen: Array<string | undefined> = []
        const result = yield* Effect.either(
          Stream.runForEach(voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 10 }), (job) =>
            Effect.sync(() => seen.push(job.JobId))
          )
        )
        expect(seen).toEqual(range(0, 20))
        const error = Either.isLeft(result) ? result.left : undefined
        expect(error).toMatchObject({
          _tag: "NextTokenExpiredError",
          operation: "ListSpeakerEnrollmentJobs",
          pagesRead: 2,
          itemsRead: 20,
          $metadata: { httpStatusCode: 400, requestId: "req-ValidationException" }
        })
        expect(error?.message).toContain("start it again without startingToken")
        expect(error?.message).toContain('onExpiredToken: "restart"')
        // Not retried: a refused token stays refused.
        expect(sent).toHaveLength(3)
      }).pipe(Effect.provide(layer))
    })

    it.effect("a ValidationException on the first request (no token) is left as it is", () => {
      const { layer } = testLayer(() => awsError("ValidationException", 400))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const result = yield* Effect.either(
          Stream.runCollect(voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { onExpiredToken: "restart" }))
        )
        expect(Either.isLeft(result) && result.left._tag).toBe("ValidationException")
      }).pipe(Effect.provide(layer))
    })

    it.effect('onExpiredToken: "restart" starts over: every item arrives, those before the refusal twice', () => {
      const { sent, layer } = testLayer(expiring(30, (token, index) => token === "o20" && index === 2))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const jobs = yield* Stream.runCollect(
          voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 10, onExpiredToken: "restart" })
        )
        expect(ids(jobs)).toEqual([...range(0, 20), ...range(0, 30)])
        const tokens = sent.map((r) => (JSON.parse(r.body) as { NextToken?: string }).NextToken)
        expect(tokens).toEqual([undefined, "o10", "o20", undefined, "o10", "o20"])
      }).pipe(Effect.provide(layer))
    })

    it.effect("a restart drops the starting token too, and the stream gives up after maxRestarts", () => {
      const { sent, layer } = testLayer(expiring(30, () => true))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const result = yield* Effect.either(
          Stream.runCollect(
            voiceId.listSpeakerEnrollmentJobsStream(
              { DomainId },
              { pageSize: 10, startingToken: "o10", onExpiredToken: "restart" }
            )
          )
        )
        expect(Either.isLeft(result) && result.left).toMatchObject({ _tag: "NextTokenExpiredError", pagesRead: 3 })
        const tokens = sent.map((r) => (JSON.parse(r.body) as { NextToken?: string }).NextToken)
        // The starting token, then each restart reads the first page and is refused at the second.
        expect(tokens).toEqual([
          "o10",
          ...Array.from({ length: Pagination.maxRestarts }, () => [undefined, "o10"]).flat()
        ])
      }).pipe(Effect.provide(layer))
    })
  })

  it.effect("the input is validated as given: a NextToken or limit of the wrong type is not dropped or coerced", () => {
    const { sent, layer } = testLayer(jobServer(5))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      for (const [input, options, path] of [
        [{ DomainId, NextToken: 42 }, {}, "NextToken"],
        [{ DomainId, MaxResults: "5" }, { maxItems: 3 }, "MaxResults"],
        [{ DomainId, MaxResults: 0 }, { pageSize: 5 }, "MaxResults"]
      ] as const) {
        const error = yield* Effect.flip(
          Stream.runCollect(voiceId.listSpeakerEnrollmentJobsStream(input as never, options))
        )
        expect(error._tag === "RequestValidationError" && error.issues.map((i) => i.path)).toEqual([path])
      }
      expect(sent).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a damaged starting token is a PaginationError before any request", () => {
    const { sent, layer } = testLayer(jobServer(5))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const damaged = btoa(JSON.stringify({ NextToken: 5, boto_truncate_amount: "x" }))
      const result = yield* Effect.either(
        Stream.runCollect(voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { startingToken: damaged }))
      )
      expect(Either.isLeft(result) && result.left).toMatchObject({
        _tag: "PaginationError",
        reason: "InvalidStartingToken"
      })
      expect(sent).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("is lazy: no request until the first pull, and only the pages pulled", () => {
    const { sent, layer } = testLayer(jobServer(100))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const stream = voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 10 })
      yield* Effect.yieldNow()
      expect(sent).toHaveLength(0)
      const first = yield* Stream.runCollect(Stream.take(stream, 3))
      expect(ids(first)).toEqual(range(0, 3))
      expect(sent).toHaveLength(1)
      yield* Stream.runCollect(Stream.take(stream, 11))
      expect(sent).toHaveLength(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a failed page is retried and the stream goes on from that page", () => {
    let failures = 0
    const { sent, layer } = testLayer(
      jobServer(30, {
        intercept: (request) => {
          const body = JSON.parse(request.body) as { NextToken?: string }
          if (body.NextToken === "o10" && failures < 2) {
            failures++
            return failures === 1 ? awsError("ThrottlingException", 400) : "transport-error"
          }
          return undefined
        }
      })
    )
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const fiber = yield* Effect.fork(
        Stream.runCollect(voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 10 }))
      )
      yield* TestClock.adjust("1 minute")
      const jobs = yield* Fiber.join(fiber)
      expect(ids(jobs)).toEqual(range(0, 30))
      const tokens = sent.map((r) => (JSON.parse(r.body) as { NextToken?: string }).NextToken)
      expect(tokens).toEqual([undefined, "o10", "o10", "o10", "o20"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("interrupting the stream aborts the request in flight", () => {
    const { sent, layer } = testLayer(
      jobServer(30, { intercept: (_, index) => (index === 1 ? (Effect.never as never) : undefined) })
    )
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const fiber = yield* Effect.fork(
        Stream.runCollect(voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 10 }))
      )
      while (sent.length < 2) yield* TestClock.adjust("10 millis")
      expect(sent[1]!.signal.aborted).toBe(false)
      yield* Fiber.interrupt(fiber)
      expect(sent[1]!.signal.aborted).toBe(true)
      expect(sent).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("the standalone streams need only the core client", () => {
    const { layer } = testLayer(jobServer(12))
    return Effect.gen(function* () {
      const jobs = yield* Stream.runCollect(Pagination.items(ListSpeakerEnrollmentJobs, { DomainId }, { pageSize: 5 }))
      expect(ids(jobs)).toEqual(range(0, 12))
      const pages = yield* Stream.runCount(Pagination.pages(ListSpeakerEnrollmentJobs, { DomainId }, { pageSize: 5 }))
      expect(pages).toBe(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("every paginated operation has its Pages and Stream methods", () => {
    const { sent, layer } = testLayer(() => ok({}))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const counts = yield* Effect.all([
        Stream.runCount(voiceId.listDomainsStream()),
        Stream.runCount(voiceId.listFraudsterRegistrationJobsStream({ DomainId })),
        Stream.runCount(voiceId.listFraudstersStream({ DomainId })),
        Stream.runCount(voiceId.listSpeakerEnrollmentJobsStream({ DomainId })),
        Stream.runCount(voiceId.listSpeakersStream({ DomainId })),
        Stream.runCount(voiceId.listWatchlistsStream({ DomainId })),
        Stream.runCount(voiceId.listDomainsPages({}, { pageSize: 2 }))
      ])
      expect(counts).toEqual([0, 0, 0, 0, 0, 0, 1])
      expect(sent.map((r) => r.headers["x-amz-target"])).toEqual([
        "VoiceID.ListDomains",
        "VoiceID.ListFraudsterRegistrationJobs",
        "VoiceID.ListFraudsters",
        "VoiceID.ListSpeakerEnrollmentJobs",
        "VoiceID.ListSpeakers",
        "VoiceID.ListWatchlists",
        "VoiceID.ListDomains"
      ])
    }).pipe(Effect.provide(layer))
  })
})
