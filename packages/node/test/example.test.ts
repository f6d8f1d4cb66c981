import * as Path from "node:path"
import { describe, expect, layer } from "@effect/vitest"
import { Emulator } from "@effect-voiceid/emulator"
import * as Effect from "effect/Effect"
import { program, VoiceIdLive } from "../examples/list-jobs.js"
import { env, tempHome, write } from "./utils.js"

describe("the README's example (examples/list-jobs.ts)", () => {
  layer(Emulator.layer(), { excludeTestServices: true, timeout: "30 seconds" })((it) => {
    it.scoped(
      "counts every job by status through VoiceIdNode.layerConfig, credentials from a profile",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const seeded = yield* emulator.seedJobs({ count: 250 })
          const home = yield* tempHome
          write(
            Path.join(home, ".aws", "credentials"),
            "[default]\naws_access_key_id = test\naws_secret_access_key = test\n"
          )
          const result = yield* program.pipe(
            Effect.provide(VoiceIdLive),
            Effect.withConfigProvider(
              env({
                HOME: home,
                AWS_REGION: emulator.region,
                AWS_ENDPOINT_URL: emulator.url,
                VOICEID_DOMAIN_ID: seeded.domainId
              })
            )
          )
          const expected = Object.fromEntries(Object.entries(seeded.statuses).filter(([, count]) => count > 0))
          expect(result).toEqual({ byStatus: expected, completed: seeded.statuses.COMPLETED })
        }),
      60_000
    )
  })
})
