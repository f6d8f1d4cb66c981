import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import * as Retry from "../src/Retry.js"
import { VoiceId } from "../src/VoiceId.js"
import { awsError, DomainId, type Handler, ok, type Reply, testLayer } from "./utils.js"

const failureOf = <A, E>(result: Either.Either<A, E>): E => {
  if (Either.isRight(result)) throw new Error("expected a failure")
  return result.left
}

/** Runs an effect in a fiber, moving the test clock far enough for every backoff, and returns its outcome. */
const withTime = <A, E, R>(effect: Effect.Effect<A, E, R>, time: Duration.DurationInput = "10 minutes") =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(Effect.either(effect))
    yield* TestClock.adjust(time)
    return yield* Fiber.join(fiber)
  })

/** Fails with the given replies in order, then succeeds. */
const sequence =
  (...replies: ReadonlyArray<Reply>): Handler =>
  (_, index) =>
    replies[index] ?? ok({ Domain: { DomainId } })

describe("retry policy", () => {
  it.effect("ThrottlingException is retried even when it arrives as a 400; three attempts in all", () => {
    const { sent, layer } = testLayer(() => awsError("ThrottlingException", 400))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* withTime(voiceId.describeDomain({ DomainId })))
      expect(error._tag).toBe("ThrottlingException")
      expect(sent).toHaveLength(3)
      expect(sent.map((r) => r.headers["amz-sdk-request"])).toEqual([
        "attempt=1; max=3",
        "attempt=2; max=3",
        "attempt=3; max=3"
      ])
      expect(new Set(sent.map((r) => r.headers["amz-sdk-invocation-id"])).size).toBe(1)
      if (error._tag === "ThrottlingException") expect(error.$metadata.attempts).toBe(3)
    }).pipe(Effect.provide(layer))
  })

  for (const [name, reply] of [
    ["InternalServerException", awsError("InternalServerException", 500)],
    ["an unmodeled 503", awsError("ServiceUnavailableException", 503)],
    ["a 502 HTML page", { status: 502, body: "<html>bad gateway</html>" }],
    ["a 429 without a code", { status: 429, body: "" }],
    ["an unmodeled throttling code", awsError("TooManyRequestsException", 400)],
    ["a transport error", "transport-error"]
  ] as const) {
    it.effect(`${name} is retried, and a later success is returned`, () => {
      const { sent, layer } = testLayer(sequence(reply, reply))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const result = yield* withTime(voiceId.describeDomain({ DomainId }))
        expect(Either.isRight(result)).toBe(true)
        if (Either.isRight(result)) expect(result.right.$metadata.attempts).toBe(3)
        expect(sent).toHaveLength(3)
      }).pipe(Effect.provide(layer))
    })
  }

  for (const [code, status] of [
    ["ValidationException", 400],
    ["AccessDeniedException", 403],
    ["ResourceNotFoundException", 404],
    ["ConflictException", 409],
    ["ServiceQuotaExceededException", 402],
    // A modeled non-retryable error stays final even with a 5xx status.
    ["ConflictException", 503]
  ] as const) {
    it.effect(`${code} (${status}) is never retried`, () => {
      const { sent, layer } = testLayer(() => awsError(code, status))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const error = failureOf(yield* withTime(voiceId.createWatchlist({ DomainId, Name: "w" })))
        expect(error._tag).toBe(code)
        expect(sent).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("the idempotency token is chosen once and repeated on every retry", () => {
    const { sent, layer } = testLayer(sequence(awsError("InternalServerException", 500), "transport-error"))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      yield* withTime(voiceId.createWatchlist({ DomainId, Name: "w" }))
      expect(sent).toHaveLength(3)
      const tokens = sent.map((r) => (JSON.parse(r.body) as { ClientToken: string }).ClientToken)
      expect(new Set(tokens).size).toBe(1)
      expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/)
      // Same request each time: the bodies are byte for byte equal.
      expect(new Set(sent.map((r) => r.body)).size).toBe(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("maxAttempts: 1 disables retries, per layer or per call", () => {
    const perLayer = testLayer(() => awsError("ThrottlingException", 429), { maxAttempts: 1 })
    const perCall = testLayer(() => awsError("ThrottlingException", 429))
    return Effect.gen(function* () {
      yield* withTime(Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId }))).pipe(
        Effect.provide(perLayer.layer)
      )
      yield* withTime(Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId }, { maxAttempts: 1 }))).pipe(
        Effect.provide(perCall.layer)
      )
      expect(perLayer.sent).toHaveLength(1)
      expect(perCall.sent).toHaveLength(1)
      expect(perCall.sent[0]!.headers["amz-sdk-request"]).toBe("attempt=1; max=1")
    })
  })

  it.effect("standard backoff: full jitter over 100 ms × 2ⁿ, 500 ms × 2ⁿ after throttling", () => {
    const run = (reply: Reply) => {
      const { sent, layer } = testLayer(() => reply)
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const fiber = yield* Effect.fork(Effect.either(voiceId.describeDomain({ DomainId })))
        const counts: Array<number> = []
        // With the jitter fixed at 0.5: waits of 50 then 100 ms (server errors), 250 then 500 ms (throttling).
        for (const step of [49, 1, 99, 1]) {
          yield* TestClock.adjust(Duration.millis(step))
          counts.push(sent.length)
        }
        const error = failureOf(yield* Fiber.join(fiber)) as { $metadata: { totalRetryDelay: number } }
        return { counts, totalRetryDelay: error.$metadata.totalRetryDelay }
      }).pipe(Effect.provide(layer), Effect.withRandom(Random.fixed([0.5])))
    }
    return Effect.gen(function* () {
      expect(yield* run(awsError("InternalServerException", 500))).toEqual({
        counts: [1, 2, 2, 3],
        totalRetryDelay: 150
      })
      const throttled = testLayer(() => awsError("ThrottlingException", 400))
      const fiber = yield* Effect.fork(
        Effect.either(Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId }))).pipe(
          Effect.provide(throttled.layer),
          Effect.withRandom(Random.fixed([0.5]))
        )
      )
      yield* TestClock.adjust("249 millis")
      expect(throttled.sent).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      expect(throttled.sent).toHaveLength(2)
      yield* TestClock.adjust("499 millis")
      expect(throttled.sent).toHaveLength(2)
      yield* TestClock.adjust("1 millis")
      expect(throttled.sent).toHaveLength(3)
      yield* Fiber.join(fiber)
    })
  })

  it.effect("x-amz-retry-after is honoured", () => {
    const { sent, layer } = testLayer(
      sequence(awsError("ThrottlingException", 429, {}, { "x-amz-retry-after": "5000" }))
    )
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const fiber = yield* Effect.fork(voiceId.describeDomain({ DomainId }))
      yield* TestClock.adjust("4999 millis")
      expect(sent).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      expect(sent).toHaveLength(2)
      const output = yield* Fiber.join(fiber)
      expect(output.$metadata.totalRetryDelay).toBe(5000)
    }).pipe(Effect.provide(layer))
  })

  it.effect("Retry-After (seconds) is honoured but bounded by 20 s", () => {
    const { sent, layer } = testLayer(sequence(awsError("ThrottlingException", 429, {}, { "retry-after": "3600" })))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const fiber = yield* Effect.fork(voiceId.describeDomain({ DomainId }))
      yield* TestClock.adjust("19999 millis")
      expect(sent).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      expect(sent).toHaveLength(2)
      yield* Fiber.join(fiber)
    }).pipe(Effect.provide(layer))
  })

  it.effect("any Schedule replaces the default, per layer and per call; maxAttempts still caps it", () => {
    const perLayer = testLayer(() => awsError("InternalServerException", 500), {
      retrySchedule: Schedule.spaced("1 second"),
      maxAttempts: 5
    })
    const perCall = testLayer(() => awsError("InternalServerException", 500))
    return Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        Effect.either(Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId }))).pipe(
          Effect.provide(perLayer.layer)
        )
      )
      for (const expected of [1, 2, 3, 4, 5]) {
        yield* TestClock.adjust("999 millis")
        expect(perLayer.sent).toHaveLength(expected)
        yield* TestClock.adjust("1 millis")
      }
      yield* Fiber.join(fiber)
      expect(perLayer.sent).toHaveLength(5)

      // A schedule that allows one retry only.
      yield* withTime(
        Effect.flatMap(VoiceId, (v) =>
          v.describeDomain({ DomainId }, { retrySchedule: Schedule.recurs(1), maxAttempts: 10 })
        ).pipe(Effect.provide(perCall.layer))
      )
      expect(perCall.sent).toHaveLength(2)
      expect(perCall.sent[1]!.headers["amz-sdk-request"]).toBe("attempt=2; max=10")
    })
  })

  it.effect("the schedule sees the failure, its kind and the attempt", () => {
    const seen: Array<Retry.RetryInput> = []
    const schedule = Schedule.recurs(5).pipe(
      Schedule.tapInput((input: Retry.RetryInput) => Effect.sync(() => seen.push(input)))
    )
    const { layer } = testLayer(sequence(awsError("ThrottlingException", 400), "transport-error"), {
      retrySchedule: schedule
    })
    return Effect.gen(function* () {
      yield* withTime(Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId })))
      expect(seen.map((i) => [i.kind, i.attempt, (i.error as { _tag: string })._tag])).toEqual([
        ["throttling", 1, "ThrottlingException"],
        ["transient", 2, "TransportError"]
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("the retry quota stops retries when empty and successes refill it", () => {
    let failing = true
    // 12 tokens: one call with two throttling retries (5 each) leaves 2, too few for another retry.
    const { sent, layer } = testLayer(() => (failing ? awsError("ThrottlingException", 400) : ok({})), {
      retryQuota: 12
    })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      // The client shows its quota, read-only.
      const quota = voiceId.client.retryQuota!
      expect([quota.capacity, quota.available]).toEqual([12, 12])
      yield* withTime(voiceId.describeDomain({ DomainId }))
      expect(sent).toHaveLength(3)
      expect(quota.available).toBe(2)
      const second = failureOf(yield* withTime(voiceId.describeDomain({ DomainId })))
      // The last error is returned as it is when the quota cannot pay for a retry.
      expect(second._tag).toBe("ThrottlingException")
      expect(sent).toHaveLength(4)
      expect(quota.available).toBe(2)
      // Three first-attempt successes give back one token each: 2 + 3 = 5, enough for one retry.
      failing = false
      for (let i = 0; i < 3; i++) yield* voiceId.describeDomain({ DomainId })
      expect(quota.available).toBe(5)
      failing = true
      yield* withTime(voiceId.describeDomain({ DomainId }))
      expect(sent).toHaveLength(7 + 2)
    }).pipe(Effect.provide(layer))
  })

  it("the quota's arithmetic follows the AWS SDKs", () => {
    const quota = Retry.makeQuota()
    expect(quota.available).toBe(500)
    expect(quota.acquire("throttling")).toBe(5)
    expect(quota.acquire("transient")).toBe(10)
    expect(quota.acquire("server-error")).toBe(5)
    expect(quota.available).toBe(480)
    quota.release(10)
    expect(quota.available).toBe(490)
    quota.release(undefined)
    expect(quota.available).toBe(491)
    for (let i = 0; i < 20; i++) quota.release(undefined)
    expect(quota.available).toBe(500)
    const small = Retry.makeQuota(9)
    expect(small.acquire("transient")).toBeUndefined()
    expect(small.acquire("throttling")).toBe(5)
    expect(small.acquire("throttling")).toBeUndefined()
    expect(small.available).toBe(4)
  })

  it.effect("an attempt timeout aborts the request and is retried; a call timeout is final", () => {
    const hung = testLayer(() => Effect.never, { attemptTimeout: "2 seconds" })
    return Effect.gen(function* () {
      const error = failureOf(yield* withTime(Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId }))))
      expect(error).toMatchObject({ _tag: "TimeoutError", scope: "attempt", timeoutMillis: 2000 })
      expect(hung.sent).toHaveLength(3)
      expect(hung.sent.every((r) => r.signal.aborted)).toBe(true)

      const total = testLayer(() => Effect.never)
      const callError = failureOf(
        yield* withTime(
          Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId }, { timeout: "5 seconds" })).pipe(
            Effect.provide(total.layer)
          )
        )
      )
      expect(callError).toMatchObject({ _tag: "TimeoutError", scope: "call", timeoutMillis: 5000 })
      expect(total.sent).toHaveLength(1)
      expect(total.sent[0]!.signal.aborted).toBe(true)
    }).pipe(Effect.provide(hung.layer))
  })

  it.effect("a clock-skew rejection corrects the clock from the Date header and retries once", () => {
    const serverTime = new Date(Date.UTC(1970, 0, 1, 2, 0, 0))
    const skewed = awsError(
      "InvalidSignatureException",
      400,
      { Message: "Signature expired" },
      { date: serverTime.toUTCString() }
    )
    const { sent, layer } = testLayer(sequence(skewed), { maxAttempts: 2 })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const output = yield* voiceId.describeDomain({ DomainId })
      expect(output.$metadata.attempts).toBe(2)
      expect(sent.map((r) => r.headers["x-amz-date"])).toEqual(["19700101T000000Z", "19700101T020000Z"])
      // The offset stays for later calls.
      yield* voiceId.describeDomain({ DomainId })
      expect(sent[2]!.headers["x-amz-date"]).toBe("19700101T020000Z")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a clock-skew rejection is retried once only, and not without a real skew", () => {
    const date = { date: new Date(Date.UTC(1970, 0, 1, 2, 0, 0)).toUTCString() }
    const always = testLayer(() => awsError("RequestExpired", 400, {}, date))
    const noSkew = testLayer(() => awsError("InvalidSignatureException", 400, {}, { date: new Date(0).toUTCString() }))
    return Effect.gen(function* () {
      // The test clock is at the epoch, as the server's Date says: no skew, no retry.
      yield* Effect.flatMap(VoiceId, (v) => Effect.either(v.describeDomain({ DomainId }))).pipe(
        Effect.provide(noSkew.layer)
      )
      expect(noSkew.sent).toHaveLength(1)
      const first = failureOf(
        yield* withTime(
          Effect.flatMap(VoiceId, (v) => v.describeDomain({ DomainId })).pipe(Effect.provide(always.layer))
        )
      )
      expect(first).toMatchObject({ _tag: "UnknownServiceError", code: "RequestExpired" })
      expect(always.sent).toHaveLength(2)
    })
  })

  it("classifies by error code first, then by status", () => {
    const meta = (status: number) => ({ $metadata: { httpStatusCode: status } })
    expect(Retry.classify({ _tag: "ThrottlingException", ...meta(400) })).toBe("throttling")
    expect(Retry.classify({ _tag: "InternalServerException", ...meta(500) })).toBe("server-error")
    expect(Retry.classify({ _tag: "ValidationException", ...meta(500) })).toBeUndefined()
    expect(Retry.classify({ _tag: "UnknownServiceError", code: "SlowDown", ...meta(400) })).toBe("throttling")
    expect(Retry.classify({ _tag: "UnknownServiceError", code: "RequestTimeout", ...meta(400) })).toBe("transient")
    expect(Retry.classify({ _tag: "UnknownServiceError", code: "Whatever", ...meta(504) })).toBe("server-error")
    expect(Retry.classify({ _tag: "UnknownServiceError", code: "Whatever", ...meta(400) })).toBeUndefined()
    expect(Retry.classify({ _tag: "ResponseDecodeError", ...meta(429) })).toBe("throttling")
    expect(Retry.classify({ _tag: "ResponseDecodeError", ...meta(200) })).toBeUndefined()
    expect(Retry.classify({ _tag: "TimeoutError", scope: "attempt" })).toBe("transient")
    expect(Retry.classify({ _tag: "TimeoutError", scope: "call" })).toBeUndefined()
    expect(Retry.classify({ _tag: "RequestValidationError" })).toBeUndefined()
    expect(Retry.classify({ _tag: "CredentialsError" })).toBeUndefined()
    expect(Retry.classify("boom")).toBeUndefined()
  })

  it("reads Retry-After hints", () => {
    expect(Retry.retryAfterMillis({ "x-amz-retry-after": "1500" }, 0)).toBe(1500)
    expect(Retry.retryAfterMillis({ "retry-after": "2" }, 0)).toBe(2000)
    expect(Retry.retryAfterMillis({ "retry-after": new Date(10_000).toUTCString() }, 4_000)).toBe(6000)
    expect(Retry.retryAfterMillis({ "retry-after": "soon" }, 0)).toBeUndefined()
    expect(Retry.retryAfterMillis({}, 0)).toBeUndefined()
  })
})
