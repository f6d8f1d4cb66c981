/**
 * `@effect-voiceid/emulator`: a faithful local Amazon Connect Voice ID service.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/**
 * SigV4 verification.
 *
 * @since 0.1.0
 */
export * as Auth from "./Auth.js"
/**
 * Starting the emulator: the `Emulator` service and its layer, `startEmulator`, options.
 *
 * @since 0.1.0
 */
export * as Emulator from "./Emulator.js"
/**
 * Starts an emulator outside Effect.
 *
 * @since 0.1.0
 */
export { startEmulator } from "./Emulator.js"
/**
 * Fault injection.
 *
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"
/**
 * Job simulation and the local S3.
 *
 * @since 0.1.0
 */
export * as Jobs from "./Jobs.js"
/**
 * State, quotas and snapshots.
 *
 * @since 0.1.0
 */
export * as State from "./State.js"
