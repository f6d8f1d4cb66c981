import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Bun, Bundle, RuntimeError } from "../src/index.js"
import { expectedItems, expectedRequests, TestServer } from "./server.js"

const entry = new URL("./fixtures/bun.ts", import.meta.url).pathname
const neverEnds = new URL("./fixtures/never-ends.ts", import.meta.url).pathname

describe("bun", () => {
  layer(TestServer.layer, { excludeTestServices: true })((it) => {
    it.effect(
      "runs an effect program, fetching from 127.0.0.1",
      () =>
        Effect.gen(function* () {
          const server = yield* TestServer
          const script = yield* Bundle.bundle(entry, { platform: "bun" })
          const result = yield* Bun.runInBun(script, { args: [server.url("bun")] })
          expect(result.exitCode, result.stderr).toBe(0)
          expect(JSON.parse(result.stdout)).toEqual({ runtime: "Bun/1.4.5", items: expectedItems })
          expect(server.requests("bun")).toEqual(expectedRequests)
        }),
      30_000
    )

    it.effect(
      "a script that outlives its timeout is killed, and the error quotes what it printed",
      () =>
        Effect.gen(function* () {
          const script = yield* Bundle.bundle(neverEnds, { platform: "bun" })
          const error = yield* Effect.flip(Bun.runInBun(script, { timeout: "1 second" }))
          expect(error).toBeInstanceOf(RuntimeError)
          expect(error.runtime).toBe("bun")
          expect(error.reason).toBe("Timeout")
          expect(error.detail).toContain("killed after 1000 ms")
          expect(error.detail).toContain("stdout: started")
        }),
      30_000
    )
  })
})
