/**
 * The one error every runner fails with: which runtime, what went wrong, and the runtime's own words.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The runtimes this package can start.
 *
 * @since 0.1.0
 * @category models
 */
export const Runtime = Schema.Literal("workerd", "bun", "deno")

/**
 * @since 0.1.0
 * @category models
 */
export type Runtime = typeof Runtime.Type

/**
 * Why a run failed.
 *
 * - `NotInstalled`: the npm package or its platform binary is missing (install with `pnpm install`).
 * - `StartFailed`: the binary exists but the runtime did not come up (cannot execute, bad config, ...).
 * - `Crashed`: the runtime was killed by a signal it did not ask for (e.g. `SIGILL` on a CPU it does not support).
 * - `Timeout`: the run took longer than its timeout; the runtime was killed.
 * - `RequestFailed`: the Worker could not be reached or did not answer a dispatched request.
 *
 * @since 0.1.0
 * @category models
 */
export const Reason = Schema.Literal("NotInstalled", "StartFailed", "Crashed", "Timeout", "RequestFailed")

/**
 * @since 0.1.0
 * @category models
 */
export type Reason = typeof Reason.Type

/**
 * A runtime could not be found, started, or finish in time.
 *
 * @since 0.1.0
 * @category errors
 */
export class RuntimeError extends Schema.TaggedError<RuntimeError>()("RuntimeError", {
  runtime: Runtime,
  reason: Reason,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.runtime}: ${this.reason}: ${this.detail}`
  }
}
