/**
 * `@effect-voiceid/edge`: Amazon Connect Voice ID for Effect on edge runtimes. `VoiceIdEdge.layer(options)` gives
 * the `VoiceId` service over `fetch` and `aws4fetch`'s WebCrypto SigV4 signer. Nothing Node-only.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/**
 * The client's `Signer` over `aws4fetch`'s `AwsV4Signer`.
 *
 * @since 0.1.0
 */
export * as Aws4fetchSigner from "./Aws4fetchSigner.js"
/**
 * The `VoiceId` service on edge runtimes in one layer.
 *
 * @since 0.1.0
 */
export * as VoiceIdEdge from "./VoiceIdEdge.js"
