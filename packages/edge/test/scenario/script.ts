/**
 * The scenario as a script for Bun and Deno: `<script> <emulator url>` runs it with the edge adapter and prints
 * its JSON report (exit 0) or its error (exit 1). Arguments come from `Deno.args` or `Bun.argv`, never from
 * Node's `process`.
 */

import * as Effect from "effect/Effect"
import { VoiceIdEdge } from "../../src/index.js"
import { runToJson } from "./Scenario.js"

declare const Deno: { readonly args: ReadonlyArray<string>; exit(code: number): never } | undefined
declare const Bun: { readonly argv: ReadonlyArray<string> } | undefined

const args = typeof Deno !== "undefined" ? Deno.args : typeof Bun !== "undefined" ? Bun.argv.slice(2) : []
const emulatorUrl = args[0] ?? ""

const { ok, json } = await Effect.runPromise(
  runToJson(
    emulatorUrl,
    VoiceIdEdge.layer({
      region: "us-east-1",
      endpoint: emulatorUrl,
      credentials: { accessKeyId: "test", secretAccessKey: "test" }
    })
  )
)
console.log(json)
if (typeof Deno !== "undefined") Deno.exit(ok ? 0 : 1)
else if (!ok) throw new Error("the scenario failed")
