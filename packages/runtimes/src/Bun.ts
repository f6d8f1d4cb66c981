/**
 * Bun, from the npm package `bun`: runs a bundled script.
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
 * @since 0.1.0
 * @category models
 */
export interface BunOptions {
  /** Arguments after the script (`process.argv.slice(2)` / `Bun.argv.slice(2)` inside it). */
  readonly args?: ReadonlyArray<string>
  /** Added to a minimal environment (`PATH`, `HOME`, `TMPDIR`, `LANG`); the rest of ours is not passed on. */
  readonly env?: Readonly<Record<string, string>>
  /** Default 20 seconds; the process is killed when it runs out. */
  readonly timeout?: Duration.DurationInput
}

/**
 * The path of the Bun binary installed from npm.
 *
 * @since 0.1.0
 * @category binaries
 */
export const binary: Effect.Effect<string, RuntimeError> = locate("bun")

/**
 * Runs a bundled script with Bun (`bun --no-install run`, nothing fetched or written outside a temporary
 * directory) and returns its exit code and output.
 *
 * @since 0.1.0
 * @category runners
 */
export const runInBun = (script: Bundle<"bun">, options: BunOptions = {}): Effect.Effect<ProcessResult, RuntimeError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const bun = yield* binary
      const dir = yield* tempDirectory
      const file = Path.join(dir, "main.mjs")
      Fs.writeFileSync(file, script.code)
      return yield* run("bun", bun, {
        args: ["--no-install", "run", file, ...(options.args ?? [])],
        env: {
          ...baseEnv(),
          // No transpiler cache in the home directory, no crash reports sent anywhere.
          BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0",
          DO_NOT_TRACK: "1",
          ...options.env
        },
        cwd: dir,
        timeout: options.timeout ?? "20 seconds"
      })
    })
  )
