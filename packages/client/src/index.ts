/**
 * `@effect-voiceid/client`: Amazon Connect Voice ID for Effect. The {@link VoiceId} service as a Layer, with typed
 * errors, retry schedules, lazy pagination streams and job waiters, over any `HttpClient`, signer and credentials.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/**
 * AWS credentials: the service, a static provider, a `Config` provider, a caching wrapper.
 *
 * @since 0.1.0
 */
export * as Credentials from "./Credentials.js"
/**
 * The client's errors, with the modeled and protocol errors re-exported.
 *
 * @since 0.1.0
 */
export * as Errors from "./Errors.js"
/**
 * One standalone function per operation, over the core client.
 *
 * @since 0.1.0
 */
export * as Operations from "./Operations.js"
/**
 * Lazy pagination streams.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"
/**
 * The retry policy: classification, the standard schedule, the retry quota.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"
/**
 * The request signer service and its portable WebCrypto implementation.
 *
 * @since 0.1.0
 */
export * as Signer from "./Signer.js"
/**
 * The `VoiceId` service (a tag whose statics build it: `VoiceId.layer`, `VoiceId.layerConfig`).
 *
 * @since 0.1.0
 */
export { VoiceId } from "./VoiceId.js"
/**
 * The core client: one `execute` that every call goes through.
 *
 * @since 0.1.0
 */
export * as VoiceIdClient from "./VoiceIdClient.js"
/**
 * The client's configuration and how it is read from the environment.
 *
 * @since 0.1.0
 */
export * as VoiceIdConfig from "./VoiceIdConfig.js"
/**
 * Job waiters.
 *
 * @since 0.1.0
 */
export * as Waiters from "./Waiters.js"
