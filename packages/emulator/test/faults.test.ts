import { ListDomainsCommand, ThrottlingException } from "@aws-sdk/client-voice-id"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { decide, FaultInjector } from "../src/Faults.js"
import { failure, sdk, signedRequest } from "./support.js"

const outcomes = (seed: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    decide(
      { throttle: 0.2, internalError: 0.05, drop: 0.02, latencyMs: [0, 40] },
      seed,
      "ListSpeakerEnrollmentJobs",
      i + 1
    )
  )

describe("fault injection", () => {
  it("is a pure function of seed, operation and request number", () => {
    expect(outcomes(42, 500)).toEqual(outcomes(42, 500))
    expect(outcomes(43, 500)).not.toEqual(outcomes(42, 500))
    const many = outcomes(7, 20_000)
    const share = (fault: string) => many.filter((d) => d.fault === fault).length / many.length
    expect(share("throttle")).toBeGreaterThan(0.18)
    expect(share("throttle")).toBeLessThan(0.22)
    expect(share("internalError")).toBeGreaterThan(0.04)
    expect(share("internalError")).toBeLessThan(0.06)
    expect(share("drop")).toBeGreaterThan(0.012)
    expect(share("drop")).toBeLessThan(0.028)
    expect(many.every((d) => d.latencyMs >= 0 && d.latencyMs <= 40)).toBe(true)
    expect(new Set(many.map((d) => d.latencyMs)).size).toBe(41)
  })

  it("counts per operation, so interleaving other operations changes nothing", () => {
    const config = { seed: 9, operations: { ListDomains: { throttle: 0.5 } } }
    const alone = new FaultInjector(config, 1)
    const mixed = new FaultInjector(config, 1)
    const a = Array.from({ length: 50 }, () => alone.next("ListDomains").fault)
    const b = Array.from({ length: 50 }, () => {
      mixed.next("DescribeDomain")
      return mixed.next("ListDomains").fault
    })
    expect(a).toEqual(b)
    expect(mixed.stats().DescribeDomain).toEqual({
      requests: 50,
      throttled: 0,
      internalErrors: 0,
      dropped: 0,
      delayed: 0
    })
  })

  it.scopedLive("answers throttling, internal errors and dropped connections, the same way for the same seed", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ seed: 5 })
      const run = Effect.forEach(
        Array.from({ length: 60 }),
        () =>
          signedRequest(emulator, "VoiceID.ListDomains", "{}").pipe(
            Effect.map((a) => (a.status === 200 ? "ok" : String(a.json?.__type).split("#")[1]!)),
            Effect.catchAllDefect(() => Effect.succeed("dropped"))
          ),
        { concurrency: 1 }
      )
      const faults = { operations: { ListDomains: { throttle: 0.3, internalError: 0.1, drop: 0.1 } } }
      yield* emulator.setFaults(faults)
      const first = yield* run
      yield* emulator.setFaults(faults)
      const second = yield* run
      expect(second).toEqual(first)
      expect(new Set(first)).toEqual(new Set(["ok", "ThrottlingException", "InternalServerException", "dropped"]))
      const stats = (yield* emulator.faultStats).ListDomains!
      expect(stats.throttled).toBe(first.filter((o) => o === "ThrottlingException").length * 2)
      expect(stats.dropped).toBe(first.filter((o) => o === "dropped").length * 2)

      // Other operations are untouched, and the emulator keeps serving.
      const other = yield* signedRequest(
        emulator,
        "VoiceID.DescribeDomain",
        JSON.stringify({ DomainId: "a".repeat(22) })
      )
      expect(other.status).toBe(404)

      yield* emulator.setFaults({ all: { throttle: 1 } })
      const throttled = yield* failure(() => sdk(emulator).send(new ListDomainsCommand({})))
      expect(throttled).toBeInstanceOf(ThrottlingException)
      expect(throttled.$metadata).toMatchObject({ httpStatusCode: 429 })
      yield* emulator.setFaults({ all: { latencyMs: 5 } })
      expect((yield* signedRequest(emulator, "VoiceID.ListDomains", "{}")).status).toBe(200)
      expect((yield* emulator.faultStats).ListDomains?.delayed).toBe(1)
    })
  )

  it.scopedLive("refuses a configuration naming an unknown operation or a rate above 1", () =>
    Effect.gen(function* () {
      const atStart = yield* Effect.flip(Emulator.make({ faults: { operations: { Nope: { throttle: 0.1 } } } }))
      expect(atStart.reason).toBe("Options")
      const emulator = yield* Emulator.make()
      const atRunTime = yield* Effect.flip(emulator.setFaults({ all: { throttle: 2 } }))
      expect(atRunTime.reason).toBe("Control")
    })
  )

  it.scopedLive("can be set at start", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ faults: { all: { internalError: 1 } } })
      const answer = yield* signedRequest(emulator, "VoiceID.ListDomains", "{}")
      expect([answer.status, answer.json?.__type]).toEqual([500, "com.amazonaws.voiceid#InternalServerException"])
    })
  )
})
