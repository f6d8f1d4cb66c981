/**
 * `@effect-voiceid/reliability`: the harness of the reliability and security suite (private, test-only). The
 * suites live in `test/`; these modules generate their inputs, observe the code under test and record the figures
 * that `RELIABILITY.md` reports.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/**
 * Generated invalid requests.
 *
 * @since 0.1.0
 */
export * as BadRequests from "./BadRequests.js"
/**
 * Generated bad responses and their oracle.
 *
 * @since 0.1.0
 */
export * as BadResponses from "./BadResponses.js"
/**
 * The emulator as a child process.
 *
 * @since 0.1.0
 */
export * as EmulatorProcess from "./EmulatorProcess.js"
/**
 * The figures of a run.
 *
 * @since 0.1.0
 */
export * as Figures from "./Figures.js"
/**
 * HTTP probes and an in-memory HTTP client.
 *
 * @since 0.1.0
 */
export * as Http from "./Http.js"
/**
 * The service model as JSON.
 *
 * @since 0.1.0
 */
export * as Model from "./Model.js"
/**
 * Captured spans and logs, and the scan for secrets.
 *
 * @since 0.1.0
 */
export * as Observe from "./Observe.js"
/**
 * The profiles and their sizes.
 *
 * @since 0.1.0
 */
export * as Profile from "./Profile.js"
/**
 * Requests built and sent by hand.
 *
 * @since 0.1.0
 */
export * as Raw from "./Raw.js"
/**
 * The report.
 *
 * @since 0.1.0
 */
export * as Report from "./Report.js"
/**
 * Waiting in real time from tests on a test clock.
 *
 * @since 0.1.0
 */
export * as Waiting from "./Waiting.js"
