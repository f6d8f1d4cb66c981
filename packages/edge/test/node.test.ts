import { describe, expect, layer } from "@effect/vitest"
import { Emulator } from "@effect-voiceid/emulator"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { VoiceIdEdge } from "../src/index.js"
import { expectScenarioReport } from "./scenario/expectReport.js"
import { scenario } from "./scenario/Scenario.js"

describe("edge adapter on Node 20, against the emulator", () => {
  layer(Emulator.layer(), { excludeTestServices: true, timeout: "30 seconds" })((it) => {
    it.effect(
      "runs the shared scenario: pages counted exactly, typed not-found, throttling absorbed, clean interruption",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const report = yield* scenario(emulator.url).pipe(
            Effect.provide(
              VoiceIdEdge.layer({
                region: emulator.region,
                endpoint: emulator.url,
                credentials: {
                  accessKeyId: emulator.credentials.accessKeyId,
                  secretAccessKey: Redacted.value(emulator.credentials.secretAccessKey)
                }
              })
            )
          )
          expectScenarioReport(report)
          expect(report.throttled.throttledByEmulator).toBeGreaterThan(0)
        }),
      60_000
    )
  })
})
