import { describe, expect, it } from "@effect/vitest"
import { Credentials, Retry, VoiceId } from "@effect-voiceid/client"
import { Emulator } from "@effect-voiceid/emulator"
import { NodeSigner, VoiceIdNode } from "@effect-voiceid/node"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { count, record } from "../src/Figures.js"
import { probe } from "../src/Http.js"
import { sizes } from "../src/Profile.js"
import { until } from "../src/Waiting.js"

// The standard schedule's longest wait (whole milliseconds) before retry n (from 0) after throttling: a draw in
// [0, 500 ms × 2ⁿ), capped at 20 s.
const bound = (n: number) =>
  Math.min(Retry.defaults.maxDelayMillis, Retry.defaults.throttlingBaseDelayMillis * 2 ** n - 1)

describe("total throttling", () => {
  it.scoped(
    "a call fails with a typed ThrottlingException after the configured attempts, each wait within the schedule",
    () =>
      Effect.gen(function* () {
        // The client signs with the test clock: start it at the real time, so the emulator accepts the signatures.
        yield* TestClock.setTime(Date.now())
        const emulator = yield* Emulator.make({ seed: 3 })
        const { domainId } = yield* emulator.seedJobs({ count: 0 })
        yield* emulator.setFaults({ operations: { DescribeDomain: { throttle: 1 } } })
        let requests = 0
        const client = yield* Layer.build(
          VoiceId.layer({ region: emulator.region, endpoint: emulator.url, maxAttempts: 3 }).pipe(
            Layer.provide([
              probe(() => requests++).pipe(Layer.provide(VoiceIdNode.layerHttpClient)),
              NodeSigner.layer,
              Credentials.layer({ accessKeyId: "test", secretAccessKey: "test" })
            ])
          )
        )
        const voiceId = Context.get(client, VoiceId)

        let calls = 0
        let waits = 0
        let highestWait = 0
        let highestShareOfBound = 0
        for (let maxAttempts = 1; maxAttempts <= sizes.throttledCalls; maxAttempts++) {
          const before = requests
          const started = yield* Clock.currentTimeMillis
          const fiber = yield* Effect.fork(voiceId.describeDomain({ DomainId: domainId }, { maxAttempts }))
          const delays: Array<number> = []
          for (;;) {
            // Wait (in real time) until the call ends or sleeps before its next attempt.
            yield* until(
              Effect.zipWith(
                Fiber.poll(fiber),
                TestClock.sleeps(),
                (done, sleeps) => Option.isSome(done) || Chunk.isNonEmpty(sleeps)
              ),
              "the call to end or to wait for a retry"
            )
            // Full jitter may draw a wait of 0 ms, which sleeps on no clock: a request sent with no sleep observed
            // before it followed such a wait.
            while (delays.length + 1 < requests - before) delays.push(0)
            const sleeps = yield* TestClock.sleeps()
            if (Chunk.isEmpty(sleeps)) break
            const now = yield* Clock.currentTimeMillis
            const delay = Chunk.unsafeHead(sleeps) - now
            // Retry n waits no longer than its bound, and only after attempt n + 1 was sent.
            expect(requests - before).toBe(delays.length + 1)
            expect(delay).toBeGreaterThanOrEqual(0)
            expect(delay).toBeLessThanOrEqual(bound(delays.length))
            highestShareOfBound = Math.max(highestShareOfBound, delay / bound(delays.length))
            delays.push(delay)
            yield* TestClock.adjust(delay)
          }
          const exit = yield* Fiber.await(fiber)
          // A typed failure (never a defect), with the attempts and the waits in its metadata.
          const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
          expect(error?._tag).toBe("ThrottlingException")
          if (error?._tag !== "ThrottlingException") return
          expect(error.$metadata.httpStatusCode).toBe(429)
          expect(error.$metadata.attempts).toBe(maxAttempts)
          expect(error.$metadata.totalRetryDelay).toBe(delays.reduce((a, b) => a + b, 0))
          calls++
          waits += delays.length
          highestWait = Math.max(highestWait, ...delays)
          expect(requests - before).toBe(maxAttempts)
          expect(delays).toHaveLength(maxAttempts - 1)
          expect((yield* Clock.currentTimeMillis) - started).toBe(delays.reduce((a, b) => a + b, 0))
        }
        const stats = (yield* emulator.faultStats).DescribeDomain!
        expect(stats.throttled).toBe(requests)
        const bounds = Array.from({ length: sizes.throttledCalls - 1 }, (_, n) => bound(n))
        record({
          id: "throttling",
          order: 20,
          title: "Total throttling",
          claim:
            "The emulator throttles every DescribeDomain. Calls configured with 1, 2, … attempts run on a TestClock: " +
            "each fails with a typed ThrottlingException (HTTP 429) after exactly its attempts, and each wait before a " +
            "retry is read off the clock and checked against the standard schedule's bound for that retry.",
          rows: [
            ["calls", calls],
            ["attempts configured", `1 to ${sizes.throttledCalls}`],
            ["requests made (= throttled by the emulator)", count(requests)],
            ["waits checked", waits],
            ["longest wait allowed before retry n (ms)", bounds.join(", ")],
            ["longest wait (ms)", highestWait],
            ["largest wait as a share of its allowed longest", highestShareOfBound.toFixed(3)],
            ["calls with another outcome, or another number of attempts", 0]
          ],
          totals: { requests, faults: requests, faultsByKind: { "throttled (429)": requests } },
          headline: [
            [
              "total throttling: calls failing with ThrottlingException after exactly their attempts",
              `${calls} of ${calls}`
            ]
          ]
        })
      }),
    120_000
  )
})
