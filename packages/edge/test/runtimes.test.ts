import { describe, expect, layer } from "@effect/vitest"
import { Emulator } from "@effect-voiceid/emulator"
import { Bun, Bundle, Deno, Workerd } from "@effect-voiceid/runtimes"
import * as Effect from "effect/Effect"
import { expectScenarioOutput } from "./scenario/expectReport.js"

const workerEntry = new URL("./scenario/worker.ts", import.meta.url).pathname
const scriptEntry = new URL("./scenario/script.ts", import.meta.url).pathname

// A runtime that cannot start fails its test with the runner's `RuntimeError` (reason and the runtime's output):
// nothing here is skipped.
describe("edge adapter on real runtimes, against the emulator", () => {
  layer(Emulator.layer(), { excludeTestServices: true, timeout: "30 seconds" })((it) => {
    it.effect(
      "workerd (miniflare): the scenario bundled as a Worker, no Node compatibility",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const bundle = yield* Bundle.bundle(workerEntry, { platform: "worker" })
          const response = yield* Workerd.runInWorkerd(bundle, {
            bindings: {
              EMULATOR_URL: emulator.url,
              AWS_REGION: emulator.region,
              AWS_ACCESS_KEY_ID: "test",
              AWS_SECRET_ACCESS_KEY: "test"
            },
            timeout: "60 seconds"
          })
          expect(response.status, response.body).toBe(200)
          expectScenarioOutput(response.body, /^Cloudflare-Workers$/)
        }),
      120_000
    )

    it.effect(
      "Bun: the scenario as a bundled script",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const script = yield* Bundle.bundle(scriptEntry, { platform: "bun" })
          const result = yield* Bun.runInBun(script, { args: [emulator.url], timeout: "60 seconds" })
          expect(result.exitCode, result.stderr + result.stdout).toBe(0)
          expectScenarioOutput(result.stdout, /^Bun\/1\./)
        }),
      120_000
    )

    it.effect(
      "Deno: the scenario as a bundled script, network limited to the loopback address",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const script = yield* Bundle.bundle(scriptEntry, { platform: "deno" })
          const result = yield* Deno.runInDeno(script, {
            allowNet: emulator.host,
            args: [emulator.url],
            timeout: "60 seconds"
          })
          expect(result.exitCode, result.stderr + result.stdout).toBe(0)
          expectScenarioOutput(result.stdout, /^Deno\/2\./)
        }),
      120_000
    )
  })
})
