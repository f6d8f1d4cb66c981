import { describe, expect, layer } from "@effect/vitest"
import { Emulator } from "@effect-voiceid/emulator"
import { Bundle, Workerd } from "@effect-voiceid/runtimes"
import * as Effect from "effect/Effect"

const root = new URL("../../../", import.meta.url).pathname
const entry = new URL("examples/edge-worker/worker.ts", `file://${root}`).pathname

describe("the one-operation example Worker (examples/edge-worker)", () => {
  layer(Emulator.layer(), { excludeTestServices: true, timeout: "30 seconds" })((it) => {
    it.effect(
      "carries one operation: no other operation, no VoiceId object, streams or waiters in its bundle",
      () =>
        Effect.gen(function* () {
          // Inputs are named relative to the repository's root, wherever the tests run from.
          const bundle = yield* Bundle.bundle(entry, { platform: "worker", minify: true, cwd: root })
          expect(new Set(bundle.code.match(/VoiceID\.[A-Za-z]+/g))).toEqual(
            new Set(["VoiceID.ListSpeakerEnrollmentJobs"])
          )
          const clientModules = bundle.inputs
            .filter((file) => file.includes("packages/client/src/"))
            .map((file) => file.slice(file.indexOf("packages/client/src/") + "packages/client/src/".length))
          for (const module of ["VoiceId.ts", "Pagination.ts", "Waiters.ts"])
            expect(clientModules).not.toContain(module)
        }),
      60_000
    )

    it.effect(
      "answers the first page on workerd, and maps the typed errors to statuses",
      () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator.Emulator
          const seeded = yield* emulator.seedJobs({ count: 130 })
          const bundle = yield* Bundle.bundle(entry, { platform: "worker", minify: true })
          const worker = yield* Workerd.start(bundle, {
            bindings: {
              AWS_ACCESS_KEY_ID: "test",
              AWS_SECRET_ACCESS_KEY: "test",
              AWS_REGION: emulator.region,
              VOICEID_ENDPOINT: emulator.url
            },
            timeout: "60 seconds"
          })
          const page = yield* worker.fetch({ url: `http://worker.test/?domain=${seeded.domainId}` })
          expect(page.status, page.body).toBe(200)
          const jobs = JSON.parse(page.body) as ReadonlyArray<{ readonly DomainId: string }>
          expect(jobs).toHaveLength(100)
          expect(new Set(jobs.map((job) => job.DomainId))).toEqual(new Set([seeded.domainId]))

          const unknown = yield* worker.fetch({ url: "http://worker.test/?domain=0000000000000000000000" })
          expect(unknown.status).toBe(404)
          expect(JSON.parse(unknown.body).error).toBe("ResourceNotFoundException")

          const invalid = yield* worker.fetch({ url: "http://worker.test/?domain=short" })
          expect(invalid.status).toBe(400)
          expect(JSON.parse(invalid.body).error).toBe("RequestValidationError")
        }).pipe(Effect.scoped),
      60_000
    )
  })
})
