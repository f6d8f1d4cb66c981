import { Emulator } from "@effect-voiceid/emulator"
import { beforeEach, describe, expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { main } from "../stream-jobs.js"
import { captureConsole, nonZero, seedDomain, useEmulatorEnvironment } from "./support.js"

beforeEach(useEmulatorEnvironment)

describe("stream-jobs", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("counts every job of the domain it is given, per status", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 250, statuses: { COMPLETED: 3, FAILED: 1, SUBMITTED: 1 } })
        const output = captureConsole()
        const result = yield* main(["--endpoint", url, "--domain-id", seeded.domainId, "--page-size", "40"])
        expect(result.total).toBe(250)
        expect(result.byStatus).toEqual(nonZero(seeded.statuses))
        expect(output.out[0]).toBe(`250 speaker enrollment jobs in domain ${seeded.domainId}`)
        const printed = output.out.slice(1).map((line) => line.trim().split(/\s+/))
        expect(Object.fromEntries(printed.map(([status, count]) => [status, Number(count)]))).toEqual(result.byStatus)
        // It used the endpoint it was given and started nothing.
        expect(output.err).toEqual([])
      })
    )

    it.effect("needs a domain when it is given an endpoint, and checks its numbers", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const missing = yield* Effect.flip(main(["--endpoint", url]))
        expect(missing).toMatchObject({ _tag: "UsageError", message: "--domain-id is required when an endpoint is given" })
        const badSize = yield* Effect.flip(main(["--endpoint", url, "--domain-id", "x", "--page-size", "0"]))
        expect(badSize).toMatchObject({ _tag: "UsageError" })
        const unknown = yield* Effect.flip(main(["--bogus"]))
        expect(unknown).toMatchObject({ _tag: "UsageError" })
      })
    )

    it.effect("fails with the typed error of a domain that does not exist", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const error = yield* Effect.flip(main(["--endpoint", url, "--domain-id", "0000000000000000000000"]))
        expect(error).toMatchObject({ _tag: "ResourceNotFoundException", ResourceType: "DOMAIN" })
      })
    )
  })

  it.live("starts and seeds its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      const output = captureConsole()
      const result = yield* main([])
      expect(result.total).toBe(1234)
      expect(output.err[0]).toMatch(/^Started a Voice ID emulator at http:\/\/127\.0\.0\.1:\d+ /)
      expect(output.out[0]).toMatch(/^1234 speaker enrollment jobs in domain \w{22}$/)
    })
  )
})
