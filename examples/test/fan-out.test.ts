import { Emulator } from "@effect-voiceid/emulator"
import { beforeEach, describe, expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { main } from "../fan-out.js"
import { captureConsole, seedDomain, useEmulatorEnvironment } from "./support.js"

beforeEach(useEmulatorEnvironment)

describe("fan-out", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("reads the domains it is given, a bounded number at a time, in their order", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* Effect.forEach([120, 80, 200, 40, 160], (count, i) =>
          seedDomain({ count, domainName: `fan-out-test-${i}` })
        )
        captureConsole()
        const ids = seeded.flatMap((domain) => ["--domain-id", domain.domainId])
        const result = yield* main(["--endpoint", url, ...ids, "--concurrency", "2"])
        expect(result.domains).toEqual(
          seeded.map((domain, i) => ({
            domainId: domain.domainId,
            name: `fan-out-test-${i}`,
            jobs: domain.count,
            failed: domain.statuses.FAILED
          }))
        )
        expect(result.peakConcurrency).toBeGreaterThanOrEqual(1)
        expect(result.peakConcurrency).toBeLessThanOrEqual(2)

        // Without --domain-id: every domain of the account.
        const all = yield* main(["--endpoint", url, "--concurrency", "1"])
        expect(all.domains.map((domain) => domain.domainId).sort()).toEqual(seeded.map((d) => d.domainId).sort())
        expect(all.peakConcurrency).toBe(1)
      })
    )
  })

  it.live("reads six seeded domains on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      const output = captureConsole()
      const result = yield* main([])
      expect(result.domains.map((domain) => domain.jobs)).toEqual([900, 750, 600, 450, 300, 150])
      expect(result.peakConcurrency).toBeLessThanOrEqual(3)
      expect(output.out.at(-1)).toBe(`6 domains, at most ${result.peakConcurrency} read at the same time`)
    })
  )
})
