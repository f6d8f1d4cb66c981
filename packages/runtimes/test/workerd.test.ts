import { describe, expect, layer } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Bundle, RuntimeError, Workerd } from "../src/index.js"
import { expectedItems, expectedRequests, TestServer } from "./server.js"

const entry = new URL("./fixtures/worker.ts", import.meta.url).pathname
const failing = new URL("./fixtures/throws-at-start.ts", import.meta.url).pathname

/** One workerd process for the whole file, with its Worker pointed at the test server. */
class TestWorker extends Context.Tag("runtimes/test/TestWorker")<TestWorker, Workerd.Worker>() {}

const WorkerLive = Layer.scoped(
  TestWorker,
  Effect.gen(function* () {
    const server = yield* TestServer
    const bundle = yield* Bundle.bundle(entry, { platform: "worker" })
    return yield* Workerd.start(bundle, { bindings: { TARGET: server.url("workerd") } })
  })
).pipe(Layer.provideMerge(TestServer.layer))

describe("workerd", () => {
  layer(WorkerLive, { timeout: "60 seconds", excludeTestServices: true })((it) => {
    it.effect(
      "runs an effect program bundled as a Worker, fetching from 127.0.0.1",
      () =>
        Effect.gen(function* () {
          const worker = yield* TestWorker
          const server = yield* TestServer
          const response = yield* worker.fetch()
          expect(response.status, response.body).toBe(200)
          const result = JSON.parse(response.body)
          expect(result).toEqual({ runtime: "Cloudflare-Workers", items: expectedItems })
          expect(server.requests("workerd")).toEqual(expectedRequests)
        }),
      30_000
    )

    it.effect(
      "a Worker that throws while loading fails to start, with workerd's own words",
      () =>
        Effect.gen(function* () {
          const bundle = yield* Bundle.bundle(failing, { platform: "worker" })
          const error = yield* Effect.flip(Workerd.runInWorkerd(bundle))
          expect(error).toBeInstanceOf(RuntimeError)
          expect(error.runtime).toBe("workerd")
          expect(error.reason).toBe("StartFailed")
          expect(error.detail).toContain("Uncaught Error: this Worker refuses to start")
        }),
      30_000
    )
  })
})
