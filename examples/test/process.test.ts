import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, layer } from "@effect/vitest"
import { Emulator } from "@effect-voiceid/emulator"
import { Effect } from "effect"
import { seedDomain } from "./support.js"

const examples = fileURLToPath(new URL("..", import.meta.url))

// Starting tsx and loading the packages takes seconds on a busy machine.
const timeout = 30_000

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

// As a user runs it: `tsx <example>.ts ...`, in a process of its own, with AWS variables for the emulator.
const tsx = (args: ReadonlyArray<string>) =>
  Effect.async<Run>((resume) => {
    execFile(
      process.execPath,
      ["--import", "tsx", ...args],
      {
        cwd: examples,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_REGION: "us-east-1"
        },
        timeout: 60_000
      },
      (error, stdout, stderr) =>
        resume(
          Effect.succeed({
            code: error === null ? 0 : typeof error.code === "number" ? error.code : null,
            stdout,
            stderr
          })
        )
    )
  })

describe("an example run as a program", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect(
      "runs main with the command line, prints to stdout, and exits 0",
      () =>
        Effect.gen(function* () {
          const { url } = yield* Emulator.Emulator
          const { domainId } = yield* seedDomain({ count: 42, statuses: { FAILED: 1 } })
          const run = yield* tsx(["stream-jobs.ts", "--endpoint", url, "--domain-id", domainId])
          expect(run).toEqual({
            code: 0,
            stdout: `42 speaker enrollment jobs in domain ${domainId}\n  ${"FAILED".padEnd(22)} 42\n`,
            stderr: ""
          })
        }),
      timeout
    )
  })
})
