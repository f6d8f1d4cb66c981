import { Emulator } from "@effect-voiceid/emulator"
import { beforeEach, describe, expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { main } from "../typed-errors.js"
import { captureConsole, useEmulatorEnvironment } from "./support.js"

beforeEach(useEmulatorEnvironment)

const expected = [
  "ResourceNotFoundException (DOMAIN): ",
  "RequestValidationError, nothing sent: MaxResults",
  "ValidationException (HTTP 400): ",
  "succeeded",
  "ConflictException (DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES): ",
  "ThrottlingException after 1 attempt(s)",
  "TransportError ("
]

describe("typed-errors", () => {
  layer(Emulator.layer({ encryptionUpdateTime: "1 hour" }), { excludeTestServices: true })((it) => {
    it.effect("meets each failure as a typed value, and deletes its scratch domain", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        yield* emulator.setFaults({ operations: { ListSpeakers: { throttle: 1 } } })
        const output = captureConsole()
        const outcomes = yield* main(["--endpoint", emulator.url])
        expect(outcomes).toHaveLength(expected.length)
        outcomes.forEach(({ outcome }, i) => expect(outcome.startsWith(expected[i] ?? "?"), outcome).toBe(true))
        // Each scenario printed its line and its outcome.
        expect(output.out).toHaveLength(expected.length)
        expect(output.out[0]).toBe(`${outcomes[0]?.scenario}\n  -> ${outcomes[0]?.outcome}`)
        // The throttled call was sent once; the scratch domain is gone.
        expect((yield* emulator.faultStats).ListSpeakers).toMatchObject({ requests: 1, throttled: 1 })
        expect(JSON.stringify(yield* emulator.dump)).not.toContain("typed-errors-example")
      })
    )
  })

  it.live("provokes the same failures on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      const outcomes = yield* main([])
      expect(outcomes.map(({ outcome }, i) => outcome.startsWith(expected[i] ?? "?"))).toEqual(expected.map(() => true))
    })
  )
})
