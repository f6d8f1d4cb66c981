import { Emulator } from "@effect-voiceid/emulator"
import { beforeEach, describe, expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { faults, main } from "../custom-retry.js"
import { captureConsole, seedDomain, useEmulatorEnvironment } from "./support.js"

beforeEach(useEmulatorEnvironment)

describe("custom-retry", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("absorbs every injected fault with its own schedule, one retry per fault", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const { domainId } = yield* seedDomain({ count: 1000 })
        yield* emulator.setFaults(faults)
        const output = captureConsole()
        const result = yield* main(["--endpoint", emulator.url, "--domain-id", domainId])
        expect(result.total).toBe(1000)
        const stats = (yield* emulator.faultStats).ListSpeakerEnrollmentJobs
        expect(result.retries).toEqual({
          throttling: stats?.throttled,
          "server-error": stats?.internalErrors,
          transient: stats?.dropped
        })
        // The seeded faults hit all three kinds.
        expect(Math.min(...Object.values(result.retries))).toBeGreaterThan(0)
        const failures = output.out.filter((line) => line.includes(" failed with "))
        expect(failures).toHaveLength(result.retries.throttling + result.retries["server-error"] + result.retries.transient)
        // 1000 jobs, 25 per page: 40 pages answered, plus one request per fault.
        expect(stats?.requests).toBe(40 + failures.length)
      })
    )
  })

  it.live("reads through the faults of its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      const result = yield* main([])
      expect(result.total).toBe(1000)
      expect(result.retries.throttling).toBeGreaterThan(0)
    })
  )
})
