/**
 * `@effect-voiceid/node`: Amazon Connect Voice ID for Effect on Node. `VoiceIdNode.layer(options?)` gives the
 * `VoiceId` service over a keep-alive HTTP client, a `node:crypto` SigV4 signer and the AWS credential chain.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/**
 * Credentials from the environment, the shared profile files, or any AWS SDK v3 credential provider.
 *
 * @since 0.1.0
 */
export * as NodeCredentials from "./NodeCredentials.js"
/**
 * The SigV4 signer on `node:crypto`.
 *
 * @since 0.1.0
 */
export * as NodeSigner from "./NodeSigner.js"
/**
 * The `VoiceId` service on Node in one layer.
 *
 * @since 0.1.0
 */
export * as VoiceIdNode from "./VoiceIdNode.js"
