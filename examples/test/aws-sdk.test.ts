import { Emulator } from "@effect-voiceid/emulator"
import { beforeEach, describe, expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import { main } from "../aws-sdk.js"
import { captureConsole, nonZero, seedDomain, useEmulatorEnvironment } from "./support.js"

beforeEach(useEmulatorEnvironment)

describe("aws-sdk", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("the official SDK pages through the jobs and gets its own exception classes", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 230, domainName: "sdk-test" })
        captureConsole()
        const result = yield* Effect.promise(() => main(["--endpoint", url, "--domain-id", seeded.domainId]))
        expect(result).toMatchObject({
          domains: ["sdk-test"],
          jobs: 230,
          pages: 3,
          byStatus: nonZero(seeded.statuses),
          notFound: { name: "ResourceNotFoundException", httpStatusCode: 404 }
        })
        expect(result.notFound.requestId).toMatch(/^[0-9a-f-]{36}$/)
      })
    )
  })

  it("starts its own emulator with startEmulator when no endpoint is given", async () => {
    const output = captureConsole()
    const result = await main([])
    expect(result).toMatchObject({ domains: ["aws-sdk-example"], jobs: 345, pages: 4 })
    expect(output.err[0]).toMatch(/^Started a Voice ID emulator at /)
  })
})
