/**
 * Deno, from the npm package `deno`: runs a bundled script with explicit permissions.
 *
 * @since 0.1.0
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { Bundle } from "./Bundle.js"
import { locate } from "./internal/binaries.js"
import { baseEnv, run, tempDirectory } from "./internal/process.js"
import type { ProcessResult } from "./ProcessResult.js"
import type { RuntimeError } from "./RuntimeError.js"

/**
 * A Deno permission: `true` grants it whole, a list grants it for those values only (`allowNet: "127.0.0.1"`
 * allows every port of that host). Absent means denied: Deno then throws `NotCapable` without prompting.
 *
 * @since 0.1.0
 * @category models
 */
export type Permission = true | string | ReadonlyArray<string>

/**
 * @since 0.1.0
 * @category models
 */
export interface DenoOptions {
  readonly allowNet?: Permission
  /** Environment variables the script may read with `Deno.env.get`. */
  readonly allowEnv?: Permission
  /** Arguments after the script (`Deno.args`). */
  readonly args?: ReadonlyArray<string>
  /** Added to a minimal environment (`PATH`, `HOME`, `TMPDIR`, `LANG`); the rest of ours is not passed on. */
  readonly env?: Readonly<Record<string, string>>
  /** Default 20 seconds; the process is killed when it runs out. */
  readonly timeout?: Duration.DurationInput
}

const flag = (name: string, permission: Permission | undefined): ReadonlyArray<string> =>
  permission === undefined
    ? []
    : permission === true
      ? [`--${name}`]
      : [`--${name}=${typeof permission === "string" ? permission : permission.join(",")}`]

/**
 * The path of the Deno binary installed from npm.
 *
 * @since 0.1.0
 * @category binaries
 */
export const binary: Effect.Effect<string, RuntimeError> = locate("deno")

/**
 * Runs a bundled script with Deno and returns its exit code and output. Hermetic: no configuration or lock file
 * is looked for, no remote or npm module is resolved, no update check is made, and Deno's cache lives in a
 * temporary directory.
 *
 * @since 0.1.0
 * @category runners
 */
export const runInDeno = (
  script: Bundle<"deno">,
  options: DenoOptions = {}
): Effect.Effect<ProcessResult, RuntimeError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const deno = yield* binary
      const dir = yield* tempDirectory
      const file = Path.join(dir, "main.mjs")
      Fs.writeFileSync(file, script.code)
      return yield* run("deno", deno, {
        args: [
          "run",
          "--quiet",
          "--no-prompt",
          "--no-config",
          "--no-lock",
          "--no-remote",
          "--no-npm",
          ...flag("allow-net", options.allowNet),
          ...flag("allow-env", options.allowEnv),
          file,
          ...(options.args ?? [])
        ],
        env: { ...baseEnv(), DENO_DIR: Path.join(dir, "cache"), DENO_NO_UPDATE_CHECK: "1", ...options.env },
        cwd: dir,
        timeout: options.timeout ?? "20 seconds"
      })
    })
  )
