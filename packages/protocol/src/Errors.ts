/**
 * Every error the protocol layer can produce: the modeled service errors (generated from the model) and the few
 * that describe a request or response that does not fit the protocol.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ResponseMetadata } from "./ResponseMetadata.js"

export * from "./generated/Errors.js"

/**
 * One problem found while validating a request: where (a member path such as `JobStatus` or
 * `InputDataConfig.S3Uri`) and what. Values of members the model marks sensitive are never shown.
 *
 * @category models
 * @since 0.1.0
 */
export const ValidationIssue = /* @__PURE__ */ Schema.Struct({
  path: Schema.String,
  message: Schema.String
})

/**
 * @category models
 * @since 0.1.0
 */
export type ValidationIssue = typeof ValidationIssue.Type

/**
 * A request failed validation against its schema before anything was sent. `issues` lists every offending member
 * path; the message names the first ones.
 *
 * @category errors
 * @since 0.1.0
 */
export class RequestValidationError extends /* @__PURE__ */ Schema.TaggedError<RequestValidationError>()(
  "RequestValidationError",
  {
    operation: Schema.String,
    issues: /* @__PURE__ */ Schema.Array(ValidationIssue)
  }
) {
  override get message(): string {
    const shown = this.issues.slice(0, 3).map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`))
    const more = this.issues.length > 3 ? ` (and ${this.issues.length - 3} more)` : ""
    return `Invalid ${this.operation} request: ${shown.join("; ")}${more}`
  }
}

/**
 * The service answered with an error code that the model does not list for this operation (for example
 * `UnrecognizedClientException`, `InvalidSignatureException`, or an error a newer service added).
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownServiceError extends /* @__PURE__ */ Schema.TaggedError<UnknownServiceError>()(
  "UnknownServiceError",
  {
    operation: Schema.String,
    code: Schema.String,
    Message: /* @__PURE__ */ Schema.optional(Schema.String),
    $metadata: ResponseMetadata
  }
) {
  override get message(): string {
    return `${this.operation} failed with ${this.code} (HTTP ${this.$metadata.httpStatusCode})${
      this.Message === undefined ? "" : `: ${this.Message}`
    }`
  }
}

/**
 * A response body was not what the awsJson1_0 protocol promises: not JSON, truncated, an HTML page from a proxy,
 * or JSON whose members have the wrong types. `reason` says which; the body itself is not kept, since it may hold
 * sensitive values.
 *
 * @category errors
 * @since 0.1.0
 */
export class ResponseDecodeError extends /* @__PURE__ */ Schema.TaggedError<ResponseDecodeError>()(
  "ResponseDecodeError",
  {
    operation: Schema.String,
    reason: Schema.String,
    $metadata: ResponseMetadata
  }
) {
  override get message(): string {
    return `Could not decode the ${this.operation} response (HTTP ${this.$metadata.httpStatusCode}): ${this.reason}`
  }
}

/**
 * A paginated operation misbehaved: the service sent the same `NextToken` twice in a row (following it would loop
 * forever), or a resume token given as `startingToken` could not be read.
 *
 * @category errors
 * @since 0.1.0
 */
export class PaginationError extends /* @__PURE__ */ Schema.TaggedError<PaginationError>()("PaginationError", {
  operation: Schema.String,
  reason: /* @__PURE__ */ Schema.Literal("RepeatedToken", "InvalidStartingToken"),
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.operation} pagination stopped: ${this.detail}`
  }
}
