import * as Path from "node:path"
import { describe, expect, layer } from "@effect/vitest"
import { VoiceId } from "@effect-voiceid/client"
import { Emulator } from "@effect-voiceid/emulator"
import * as Effect from "effect/Effect"
import { expectScenarioReport } from "../../edge/test/scenario/expectReport.js"
import { scenario } from "../../edge/test/scenario/Scenario.js"
import { VoiceIdNode } from "../src/index.js"
import { env, tempHome, write } from "./utils.js"

describe("node adapter on Node 20, against the emulator", () => {
  layer(Emulator.layer(), { excludeTestServices: true, timeout: "30 seconds" })((it) => {
    it.effect(
      "runs the shared scenario: pages counted exactly, typed not-found, throttling absorbed, clean interruption",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const report = yield* scenario(emulator.url).pipe(
            Effect.provide(
              VoiceIdNode.layer({
                region: emulator.region,
                endpoint: emulator.url,
                credentials: { accessKeyId: "test", secretAccessKey: "test" }
              })
            )
          )
          expectScenarioReport(report)
        }),
      60_000
    )

    it.scoped(
      "layerConfig: endpoint from AWS_ENDPOINT_URL, region and keys from the profile named by AWS_PROFILE",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const home = yield* tempHome
          write(Path.join(home, ".aws", "config"), `[profile emu]\nregion = ${emulator.region}\n`)
          write(
            Path.join(home, ".aws", "credentials"),
            "[emu]\naws_access_key_id = test\naws_secret_access_key = test\n"
          )
          const result = yield* Effect.gen(function* () {
            const voiceId = yield* VoiceId
            return yield* voiceId.listDomains({ MaxResults: 1 })
          }).pipe(
            Effect.provide(VoiceIdNode.layerConfig),
            Effect.withConfigProvider(env({ HOME: home, AWS_PROFILE: "emu", AWS_ENDPOINT_URL: emulator.url }))
          )
          // The emulator verified the signature made with the profile's keys for the profile's region.
          expect(result.$metadata.httpStatusCode).toBe(200)
        }),
      30_000
    )

    it.scoped(
      "wrong keys from the profile are the service's typed rejection, not a credentials error",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const home = yield* tempHome
          write(
            Path.join(home, ".aws", "credentials"),
            "[default]\naws_access_key_id = nobody\naws_secret_access_key = x\n"
          )
          const error = yield* Effect.flip(
            Effect.flatMap(VoiceId, (voiceId) => voiceId.listDomains()).pipe(
              Effect.provide(VoiceIdNode.layer({ region: emulator.region, endpoint: emulator.url })),
              Effect.withConfigProvider(env({ HOME: home }))
            )
          )
          expect(error._tag).toBe("UnknownServiceError")
          expect(error._tag === "UnknownServiceError" && error.code).toBe("UnrecognizedClientException")
        }),
      30_000
    )

    it.scoped(
      "no credentials anywhere fails the call with the chain's CredentialsError, before anything is sent",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const home = yield* tempHome
          const error = yield* Effect.flip(
            Effect.flatMap(VoiceId, (voiceId) => voiceId.listDomains()).pipe(
              Effect.provide(VoiceIdNode.layer({ region: emulator.region, endpoint: emulator.url })),
              Effect.withConfigProvider(env({ HOME: home }))
            )
          )
          expect(error._tag).toBe("CredentialsError")
          expect(error._tag === "CredentialsError" && error.source).toBe("credential chain")
        }),
      30_000
    )
  })
})
