import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as Command from "@effect/platform/Command"
import type * as CommandExecutor from "@effect/platform/CommandExecutor"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"

/** The executable a user runs. */
export const bin = fileURLToPath(new URL("../bin/voiceid.js", import.meta.url))

/** What a finished `voiceid` process left. */
export interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * A hermetic environment: nothing from the shell running the tests (no AWS settings, no `~/.aws`), `CI=true` and
 * no terminal, as on a CI machine.
 */
export const baseEnv = (home: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  HOME: home,
  TMPDIR: tmpdir(),
  CI: "true",
  ...extra
})

const text = (stream: Stream.Stream<Uint8Array, unknown>) =>
  stream.pipe(Stream.decodeText(), Stream.mkString, Effect.orDie)

const command = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  Command.make(process.execPath, bin, ...args).pipe(Command.env(env, { extendEnv: false }))

/** Runs `voiceid args` to its end. */
export const voiceid = (
  args: ReadonlyArray<string>,
  env: Record<string, string>
): Effect.Effect<Result, never, CommandExecutor.CommandExecutor> =>
  Effect.scoped(
    Effect.gen(function* () {
      const process = yield* Command.start(command(args, env))
      const [stdout, stderr, code] = yield* Effect.all([text(process.stdout), text(process.stderr), process.exitCode], {
        concurrency: "unbounded"
      })
      return { code, stdout, stderr }
    })
  ).pipe(Effect.orDie)

/** A running `voiceid` process whose output is being collected. */
export interface Running {
  /** stdout so far. */
  readonly stdout: Effect.Effect<string>
  /** Completes with stdout so far once stdout has a first complete line. */
  readonly firstLine: Effect.Effect<string>
  readonly kill: (signal: "SIGINT" | "SIGTERM") => Effect.Effect<void>
  /** Waits for the end. */
  readonly result: Effect.Effect<Result>
}

/**
 * Starts `voiceid args` in the current scope (killed when it closes, if still running). Its output is read for as
 * long as the scope lasts: a reader that stopped early would close the pipe under the process.
 */
export const spawn = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  Effect.gen(function* () {
    const process = yield* Command.start(command(args, env))
    const out = yield* Ref.make("")
    const first = yield* Deferred.make<string>()
    const collect = process.stdout.pipe(
      Stream.decodeText(),
      Stream.runForEach((chunk) =>
        Effect.flatMap(
          Ref.updateAndGet(out, (s) => s + chunk),
          (all) => (all.includes("\n") ? Deferred.succeed(first, all) : Effect.void)
        )
      ),
      Effect.orDie
    )
    const stdoutFiber = yield* Effect.forkScoped(collect)
    const stderrFiber = yield* Effect.forkScoped(text(process.stderr))
    const running: Running = {
      stdout: Ref.get(out),
      firstLine: Deferred.await(first),
      kill: (signal) => Effect.orDie(process.kill(signal)),
      result: Effect.gen(function* () {
        const code = yield* Effect.orDie(process.exitCode)
        yield* stdoutFiber.await
        const stderr = yield* stderrFiber.await.pipe(Effect.flatten)
        return { code, stdout: yield* Ref.get(out), stderr }
      })
    }
    return running
  })

/** Fetches a control route of an emulator. */
export const control = <A = unknown>(url: string, method: "GET" | "POST" | "PUT", route: string, body?: unknown) =>
  Effect.promise(async () => {
    const response = await fetch(`${url}/__emulator/${route}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } })
    })
    if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status}: ${await response.text()}`)
    return (await response.json()) as A
  })

/** An emulator started with `voiceid emulator start` as its own process, and where it keeps its files. */
export interface EmulatorProcess {
  readonly url: string
  readonly dataDir: string
  /** An empty home folder (no `~/.aws`). */
  readonly home: string
  /** `baseEnv` with the emulator's credentials and region (no endpoint: tests pass `--endpoint`). */
  readonly env: Record<string, string>
}

/** The emulator process of a test file. */
export class Emulator extends Context.Tag("cli/test/Emulator")<Emulator, EmulatorProcess>() {}

const temporaryFolder = (prefix: string) =>
  Effect.acquireRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), prefix))),
    (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
  )

/** Starts `voiceid emulator start --port 0 --data-dir <tmp>` and waits for the URL it prints. */
export const emulatorLayer: Layer.Layer<Emulator | CommandExecutor.CommandExecutor> = Layer.provideMerge(
  Layer.scoped(
    Emulator,
    Effect.gen(function* () {
      const home = yield* temporaryFolder("voiceid-cli-home-")
      const dataDir = yield* temporaryFolder("voiceid-cli-s3-")
      const env = baseEnv(home)
      const emulator = yield* Effect.orDie(spawn(["emulator", "start", "--port", "0", "--data-dir", dataDir], env))
      const banner = yield* emulator.firstLine.pipe(
        Effect.timeoutFail({ duration: "60 seconds", onTimeout: () => new Error("the emulator did not start") }),
        Effect.orDie
      )
      const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1]
      if (url === undefined) return yield* Effect.dieMessage(`unexpected banner: ${banner}`)
      return {
        url,
        dataDir,
        home,
        env: { ...env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_REGION: "us-east-1" }
      }
    })
  ),
  NodeContext.layer
)

/** ndjson output as objects. */
export const ndjson = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>)

/** The rows of a table printed by `voiceid` (header and rule skipped), as cells split on runs of 2+ spaces. */
export const tableRows = (stdout: string): Array<Array<string>> =>
  stdout
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/ {2,}/))

/** A command line written as one string (no quoting: arguments never contain spaces here). */
export const argv = (line: string): Array<string> => line.trim().split(/\s+/)

/** The emulator's state, as its control route dumps it (the parts the tests read). */
export interface State {
  readonly regions: ReadonlyArray<{
    readonly domains: ReadonlyArray<{
      readonly id: string
      readonly speakerJobs: ReadonlyArray<{
        readonly id: string
        readonly name: string
        readonly status: string
        readonly createdAt: number
        readonly seq: number
      }>
    }>
  }>
}

/** The speaker enrollment jobs of a domain as the emulator holds them, oldest first. */
export const jobsOf = (url: string, domainId: string) =>
  Effect.map(control<State>(url, "GET", "state"), (state) => {
    const domain = state.regions.flatMap((r) => r.domains).find((d) => d.id === domainId)
    return [...(domain?.speakerJobs ?? [])].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq)
  })
