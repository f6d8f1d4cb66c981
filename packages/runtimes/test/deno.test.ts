import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Bundle, Deno } from "../src/index.js"
import { expectedItems, expectedRequests, TestServer } from "./server.js"

const entry = new URL("./fixtures/deno.ts", import.meta.url).pathname

describe("deno", () => {
  layer(TestServer.layer, { excludeTestServices: true })((it) => {
    it.effect(
      "runs an effect program, fetching from 127.0.0.1 with only that host allowed",
      () =>
        Effect.gen(function* () {
          const server = yield* TestServer
          const script = yield* Bundle.bundle(entry, { platform: "deno" })
          const result = yield* Deno.runInDeno(script, { allowNet: "127.0.0.1", args: [server.url("deno")] })
          expect(result.exitCode, result.stderr).toBe(0)
          expect(JSON.parse(result.stdout)).toEqual({ runtime: "Deno/2.9.6", items: expectedItems })
          expect(server.requests("deno")).toEqual(expectedRequests)
        }),
      30_000
    )

    it.effect(
      "without the net permission the fetch is refused and the script fails",
      () =>
        Effect.gen(function* () {
          const server = yield* TestServer
          const script = yield* Bundle.bundle(entry, { platform: "deno" })
          const result = yield* Deno.runInDeno(script, { args: [server.url("deno-denied")] })
          expect(result.exitCode).toBe(1)
          const output = JSON.parse(result.stdout)
          expect(output.error).toBe("FetchError")
          expect(output.detail).toContain('NotCapable: Requires net access to "127.0.0.1:')
          expect(server.requests("deno-denied")).toEqual([])
        }),
      30_000
    )
  })
})
