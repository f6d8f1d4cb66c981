/**
 * `@effect-voiceid/test-fixtures`: conformance fixtures shared by the tests of every package. Test-only (reads
 * files with `node:fs`).
 *
 * @since 0.1.0
 */

/**
 * Smithy's awsJson1_0 protocol test cases.
 *
 * @since 0.1.0
 */
export * from "./awsjson.js"
/**
 * The AWS Signature Version 4 test suites.
 *
 * @since 0.1.0
 */
export * from "./sigv4.js"
