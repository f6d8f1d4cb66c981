/**
 * Runs the example against the emulator (or any Voice ID endpoint):
 * `AWS_REGION=us-east-1 AWS_ENDPOINT_URL=http://127.0.0.1:4599 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
 * VOICEID_DOMAIN_ID=<id> npx tsx packages/node/examples/main.ts`. Ctrl-C interrupts it cleanly.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { program, VoiceIdLive } from "./list-jobs.js"

NodeRuntime.runMain(program.pipe(Effect.tap(Console.log), Effect.provide(VoiceIdLive)))
