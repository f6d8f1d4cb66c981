/**
 * What every response, successful or not, says about itself.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Response metadata, as the AWS SDKs expose it under `$metadata`: the HTTP status, the request id the service
 * assigned (`x-amzn-RequestId`), and, filled in by the client, how many attempts the call took.
 *
 * @category models
 * @since 0.1.0
 */
export const ResponseMetadata = /* @__PURE__ */ Schema.Struct({
  httpStatusCode: Schema.Number,
  requestId: /* @__PURE__ */ Schema.optional(Schema.String),
  attempts: /* @__PURE__ */ Schema.optional(Schema.Number),
  totalRetryDelay: /* @__PURE__ */ Schema.optional(Schema.Number)
}).annotations({ identifier: "ResponseMetadata" })

/**
 * @category models
 * @since 0.1.0
 */
export type ResponseMetadata = typeof ResponseMetadata.Type
