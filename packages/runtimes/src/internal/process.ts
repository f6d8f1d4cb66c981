import { spawn } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { ProcessResult } from "../ProcessResult.js"
import { type Runtime, RuntimeError } from "../RuntimeError.js"

/** How much of a runtime's output an error message quotes. */
const TAIL = 2000

const tail = (text: string): string => (text.length > TAIL ? `...${text.slice(-TAIL)}` : text)

const quoted = (stdout: string, stderr: string): string => {
  const parts = [stderr.trim() === "" ? "" : `stderr: ${tail(stderr.trim())}`]
  if (stdout.trim() !== "") parts.push(`stdout: ${tail(stdout.trim())}`)
  const text = parts.filter((part) => part !== "").join("\n")
  return text === "" ? "" : `\n${text}`
}

const signalHint = (signal: NodeJS.Signals): string =>
  signal === "SIGILL"
    ? " (an illegal instruction: the binary needs a CPU feature this machine lacks)"
    : signal === "SIGSEGV" || signal === "SIGBUS"
      ? " (a memory fault inside the runtime)"
      : ""

/** Options of one child process run. */
export interface RunOptions {
  readonly args: ReadonlyArray<string>
  readonly env: Readonly<Record<string, string>>
  readonly cwd: string
  readonly timeout: Duration.DurationInput
}

/**
 * Runs a runtime's binary to completion, collecting its output. A non-zero exit is a result (the script decides
 * what it means); failing to execute, dying from a signal and running out of time are `RuntimeError`s. When the
 * effect is interrupted or times out the process is killed.
 */
export const run = (
  runtime: Runtime,
  binary: string,
  options: RunOptions
): Effect.Effect<ProcessResult, RuntimeError> =>
  Effect.async<ProcessResult, RuntimeError>((resume) => {
    const fail = (reason: RuntimeError["reason"], detail: string) =>
      resume(Effect.fail(new RuntimeError({ runtime, reason, detail })))
    const started = Date.now()
    let stdout = ""
    let stderr = ""
    let timedOut = false
    let settled = false
    const child = spawn(binary, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"]
    })
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    const millis = Duration.toMillis(Duration.decode(options.timeout))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill("SIGKILL")
    }, millis)
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      const hint =
        error.code === "ENOENT" && Fs.existsSync(binary)
          ? " (the file exists, so its dynamic loader is missing: a glibc binary on a musl system?)"
          : error.code === "EACCES"
            ? " (the file is not executable)"
            : ""
      fail("StartFailed", `could not execute ${binary}: ${error.message}${hint}`)
    })
    child.on("close", (code, signal) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (timedOut) {
        fail("Timeout", `killed after ${millis} ms${quoted(stdout, stderr)}`)
      } else if (signal !== null) {
        fail("Crashed", `killed by ${signal}${signalHint(signal)}${quoted(stdout, stderr)}`)
      } else {
        resume(Effect.succeed({ exitCode: code ?? 1, stdout, stderr, millis: Date.now() - started }))
      }
    })
    return Effect.sync(() => {
      clearTimeout(timer)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    })
  })

/** A fresh private directory, removed with its contents when the scope closes. */
export const tempDirectory: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "effect-voiceid-runtime-"))),
  (dir) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
)

/** The parts of the parent's environment a runtime needs to find its home; everything else is left out. */
export const baseEnv = (): Record<string, string> => {
  const env: Record<string, string> = { NO_COLOR: "1" }
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  return env
}
