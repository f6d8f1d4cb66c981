import { Emulator } from "@effect-voiceid/emulator"
import { beforeEach, describe, expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { main } from "../checkpoint-resume.js"
import { captureConsole, seedDomain, useEmulatorEnvironment } from "./support.js"

beforeEach(useEmulatorEnvironment)

describe("checkpoint-resume", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("stops after --max-items, prints the checkpoint, and resumes exactly after it", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 200, statuses: { FAILED: 1, COMPLETED: 1 } })
        const failed = seeded.statuses.FAILED
        expect(failed).toBe(100)
        const common = ["--endpoint", url, "--domain-id", seeded.domainId, "--status", "FAILED", "--page-size", "8"]
        const output = captureConsole()

        // One process: both sittings, checked against an uninterrupted read.
        const both = yield* main([...common, "--max-items", "13"])
        expect(both).toMatchObject({ first: 13, rest: failed - 13, total: failed, repeated: 0, missed: 0 })
        expect(both.resumeToken).toBeTypeOf("string")
        expect(output.out).toContain(`checkpoint: ${both.resumeToken}`)
        expect(output.out).toContain(`13 + ${failed - 13} = ${failed} FAILED jobs; read twice: 0, missed: 0`)

        // Another process, given the printed token: the same rest.
        const later = yield* main([...common, "--starting-token", both.resumeToken ?? ""])
        expect(later.rest).toBe(failed - 13)
        expect(output.out.at(-1)).toBe(`second sitting: ${failed - 13} more FAILED jobs from the checkpoint`)
      })
    )

    it.effect("gives no checkpoint when the first sitting reads everything", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 12, statuses: { COMPLETED: 1 } })
        captureConsole()
        const result = yield* main(["--endpoint", url, "--domain-id", seeded.domainId, "--max-items", "50"])
        expect(result).toMatchObject({ first: 12, resumeToken: undefined, rest: 0, total: 12 })
      })
    )

    it.effect("refuses a status the model does not have", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(main(["--status", "DONE"]))
        expect(error).toMatchObject({ _tag: "UsageError" })
      })
    )
  })

  it.live("runs both sittings on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      // 300 seeded jobs, 70 % of them COMPLETED.
      const result = yield* main([])
      expect(result).toMatchObject({ first: 25, rest: 185, total: 210, repeated: 0, missed: 0 })
    })
  )
})
