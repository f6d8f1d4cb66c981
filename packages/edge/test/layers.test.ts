import * as Fs from "node:fs"
import * as Path from "node:path"
import { describe, expect, it, layer } from "@effect/vitest"
import { VoiceId } from "@effect-voiceid/client"
import { Emulator } from "@effect-voiceid/emulator"
import { Bundle } from "@effect-voiceid/runtimes"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { VoiceIdEdge } from "../src/index.js"

const srcDir = new URL("../src/", import.meta.url).pathname
const index = new URL("../src/index.ts", import.meta.url).pathname

const listDomains = Effect.flatMap(VoiceId, (voiceId) => voiceId.listDomains({ MaxResults: 1 }))

describe("nothing Node-only in the edge adapter", () => {
  it("its sources name no node: module, Buffer or process", () => {
    const files = Fs.readdirSync(srcDir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const text = Fs.readFileSync(Path.join(srcDir, file), "utf8")
      expect(text, file).not.toMatch(/["']node:|\bBuffer\b|\bprocess\b/)
    }
  })

  it.effect(
    "its bundle (with every dependency) passes the Node-only check for workerd and Deno",
    () =>
      Effect.gen(function* () {
        const worker = yield* Bundle.bundle(index, { platform: "worker" })
        const deno = yield* Bundle.bundle(index, { platform: "deno" })
        expect(worker.inputs.some((file) => file.includes("aws4fetch"))).toBe(true)
        expect(deno.bytes).toBeGreaterThan(0)
      }),
    60_000
  )
})

describe("the edge layers, against the emulator", () => {
  layer(Emulator.layer(), { excludeTestServices: true, timeout: "30 seconds" })((it) => {
    it.effect("layer(options) reads nothing from the environment (no --allow-env needed on Deno)", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        // Any value read from this provider would fail the layer: AWS_MAX_ATTEMPTS is not a number.
        const hostile = ConfigProvider.fromJson({
          AWS_MAX_ATTEMPTS: "many",
          AWS_REGION: "not a region!",
          AWS_ACCESS_KEY_ID: "x",
          AWS_SECRET_ACCESS_KEY: "y"
        })
        const options = {
          region: emulator.region,
          endpoint: emulator.url,
          credentials: { accessKeyId: "test", secretAccessKey: "test" }
        }
        const page = yield* listDomains.pipe(
          Effect.provide(VoiceIdEdge.layer(options)),
          Effect.withConfigProvider(hostile)
        )
        expect(page.$metadata.httpStatusCode).toBe(200)
        // The control: layerConfig reads the same provider, and fails.
        const error = yield* Effect.flip(
          listDomains.pipe(Effect.provide(VoiceIdEdge.layerConfig), Effect.withConfigProvider(hostile))
        )
        expect(error._tag).toBe("ConfigError")
      })
    )

    it.effect("layerConfig reads a Worker's bindings given as ConfigProvider.fromJson(env)", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const env = {
          AWS_REGION: emulator.region,
          AWS_ENDPOINT_URL: emulator.url,
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          SOME_KV_BINDING: { get: "not a string" }
        }
        const page = yield* listDomains.pipe(
          Effect.provide(
            VoiceIdEdge.layerConfig.pipe(Layer.provide(Layer.setConfigProvider(ConfigProvider.fromJson(env))))
          )
        )
        expect(page.$metadata.httpStatusCode).toBe(200)
      })
    )

    it.effect("missing credentials fail the layer with a CredentialsError naming the variable", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const error = yield* Effect.flip(
          listDomains.pipe(
            Effect.provide(VoiceIdEdge.layer({ region: emulator.region, endpoint: emulator.url })),
            Effect.withConfigProvider(ConfigProvider.fromJson({ AWS_SECRET_ACCESS_KEY: "s3cr3t" }))
          )
        )
        expect(error._tag).toBe("CredentialsError")
        expect(error.message).toContain("AWS_ACCESS_KEY_ID")
        expect(error.message).not.toContain("s3cr3t")
      })
    )
  })
})
