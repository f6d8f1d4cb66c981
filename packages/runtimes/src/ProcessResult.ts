/**
 * What a script run on Bun or Deno produced.
 *
 * @since 0.1.0
 */

/**
 * The outcome of a script that ran to its end: its exit code and everything it printed. `millis` is the wall time
 * of the whole run including the runtime's start, for reports (never for assertions).
 *
 * @since 0.1.0
 * @category models
 */
export interface ProcessResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
  readonly millis: number
}
