import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { Emulator } from "@effect-voiceid/emulator"
import { beforeEach, describe, expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { main, writeSampleManifest } from "../watch-job.js"
import { captureConsole, seedDomain, useEmulatorEnvironment } from "./support.js"

beforeEach(useEmulatorEnvironment)

const percents = (seen: ReadonlyArray<string>) => seen.map((line) => Number(line.split(" ")[1]))

describe("watch-job", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("starts a job, watches it to the end, and the job did its work", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const { domainId } = yield* seedDomain({ count: 0 })
        const manifest = yield* writeSampleManifest(emulator.dataDir, "watch-test", 30)
        const output = captureConsole()
        const result = yield* main([
          "--endpoint",
          emulator.url,
          "--domain-id",
          domainId,
          "--manifest",
          manifest,
          "--output",
          "s3://watch-test/out/",
          "--role-arn",
          "arn:aws:iam::000000000000:role/Test"
        ])
        expect(result.status).toBe("COMPLETED")
        expect(result.seen.at(-1)).toBe("COMPLETED 100")
        // Progress only goes forward, and each element is a change.
        const progress = percents(result.seen)
        expect(progress).toEqual([...progress].sort((a, b) => a - b))
        expect(new Set(result.seen).size).toBe(result.seen.length)
        expect(output.out[0]).toBe(`started job ${result.jobId}`)
        expect(output.out.at(-1)).toBe(`job ${result.jobId} ended COMPLETED; output in s3://watch-test/out/`)
        // The job enrolled every speaker of the manifest.
        const written = JSON.parse(
          yield* Effect.promise(() =>
            readFile(join(emulator.dataDir, "watch-test", "out", result.jobId, "manifest.json.out"), "utf8")
          )
        )
        expect(written.SuccessfulEnrollments).toHaveLength(30)
        expect(written.Errors).toEqual([])
      })
    )

    it.effect("reports a failed job through the waiter's typed JobFailedError", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const { domainId } = yield* seedDomain({ count: 0 })
        const output = captureConsole()
        const result = yield* main([
          "--endpoint",
          emulator.url,
          "--domain-id",
          domainId,
          "--manifest",
          "s3://watch-test/no-such-manifest.json",
          "--output",
          "s3://watch-test/out/",
          "--role-arn",
          "arn:aws:iam::000000000000:role/Test"
        ])
        expect(result.status).toBe("FAILED")
        expect(result.seen.at(-1)).toMatch(/^FAILED /)
        expect(result.failure).toBeTypeOf("string")
        expect(output.out.at(-1)).toBe(`job ${result.jobId} failed: ${result.failure}`)
      })
    )

    it.effect("needs the manifest, output and role when it is given an endpoint", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const error = yield* Effect.flip(main(["--endpoint", url, "--domain-id", "x"]))
        expect(error).toMatchObject({ _tag: "UsageError", message: "--manifest is required when an endpoint is given" })
      })
    )
  })

  it.live("enrolls a sample manifest on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      const result = yield* main([])
      expect(result.status).toBe("COMPLETED")
      expect(result.seen.at(-1)).toBe("COMPLETED 100")
    })
  )
})
