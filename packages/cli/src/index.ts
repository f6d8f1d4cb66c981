/**
 * `@effect-voiceid/cli`: the `voiceid` command line for Amazon Connect Voice ID and its emulator, and the demo.
 *
 * @since 0.1.0
 */

/**
 * The `voiceid` command and how to run it.
 *
 * @since 0.1.0
 */
export * as Cli from "./Cli.js"
/**
 * The main job: the emulator, a real job, thousands of seeded ones, throttling, lazy listing, a summary.
 *
 * @since 0.1.0
 */
export * as Demo from "./Demo.js"
/**
 * Exit codes and how failures are reported.
 *
 * @since 0.1.0
 */
export * as ExitCode from "./ExitCode.js"
/**
 * Output formats: table, JSON, NDJSON.
 *
 * @since 0.1.0
 */
export * as Output from "./Output.js"
/**
 * Progress lines and bars.
 *
 * @since 0.1.0
 */
export * as Progress from "./Progress.js"
