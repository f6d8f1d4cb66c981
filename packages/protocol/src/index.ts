/**
 * `@effect-voiceid/protocol`: the Amazon Connect Voice ID wire protocol for Effect. Pure: it imports nothing but
 * `effect` and does no I/O.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/**
 * The awsJson1_0 codec.
 *
 * @since 0.1.0
 */
export * as Codec from "./Codec.js"
/**
 * The modeled errors and the protocol's own errors.
 *
 * @since 0.1.0
 */
export * from "./Errors.js"
/**
 * The operation table.
 *
 * @since 0.1.0
 */
export * from "./generated/Operations.js"
/**
 * The lenient response-side schemas, under the same model names.
 *
 * @since 0.1.0
 */
export * as Output from "./generated/OutputSchemas.js"
/**
 * Every named shape of the model as a strict schema (requests are validated against these), exported under its
 * model name with its type.
 *
 * @since 0.1.0
 */
export * from "./generated/Schemas.js"
/**
 * Schema building blocks shared by the generated schemas.
 *
 * @since 0.1.0
 */
export { EpochSeconds, type UnknownEnumValue } from "./internal/schema.js"
/**
 * The pure pagination core.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

/**
 * Response metadata.
 *
 * @since 0.1.0
 */
export * from "./ResponseMetadata.js"
/**
 * Sensitive members and redaction.
 *
 * @since 0.1.0
 */
export * as Sensitive from "./Sensitive.js"
/**
 * AWS Signature Version 4: the one canonicalizer and signer core, with the hashing brought by the caller.
 *
 * @since 0.1.0
 */
export * as SigV4 from "./SigV4.js"
