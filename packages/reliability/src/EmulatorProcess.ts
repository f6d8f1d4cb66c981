/**
 * The emulator as a child process (its `voiceid-emulator` bin), for the tests that kill it: started on a port,
 * killed without warning, started again on the same port with the same state file.
 *
 * @since 0.1.0
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

const bin = join(
  dirname(createRequire(import.meta.url).resolve("@effect-voiceid/emulator")),
  "..",
  "bin",
  "voiceid-emulator.js"
)

/**
 * A running emulator process.
 *
 * @category models
 * @since 0.1.0
 */
export interface EmulatorProcess {
  readonly child: ChildProcess
  readonly url: string
  readonly port: number
  /** Kills it at once (SIGKILL: no shutdown, no last save) and waits for it to be gone. */
  readonly kill: Effect.Effect<void>
}

/**
 * Starts the bin with `args` (`--port 0` picks a free port) and waits until it listens. Fails with the process's
 * output when it exits first (a port taken, a bad state file) or does not listen within a minute. The process is
 * killed when the scope closes.
 *
 * @category constructors
 * @since 0.1.0
 */
export const start = (args: ReadonlyArray<string>): Effect.Effect<EmulatorProcess, Error, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<EmulatorProcess, Error>((resume) => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })
      let output = ""
      let settled = false
      const settle = (effect: Effect.Effect<EmulatorProcess, Error>) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resume(effect)
      }
      const timer = setTimeout(() => {
        child.kill("SIGKILL")
        settle(Effect.fail(new Error(`the emulator did not listen within a minute: ${output}`)))
      }, 60_000)
      const kill = Effect.async<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done(Effect.void)
        child.once("exit", () => done(Effect.void))
        child.kill("SIGKILL")
      })
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString()
        const match = /listening on (http:\/\/[^\s:]+:(\d+))/.exec(output)
        if (match !== null) settle(Effect.succeed({ child, url: match[1]!, port: Number(match[2]), kill }))
      })
      child.stderr!.on("data", (chunk: Buffer) => {
        output += chunk.toString()
      })
      child.once("exit", (code, signal) =>
        settle(Effect.fail(new Error(`the emulator exited (${code ?? signal}) before listening: ${output}`)))
      )
    }),
    (process) => process.kill
  )
