/**
 * The errors of the client: what can go wrong on this side of the wire, next to the modeled service errors and the
 * protocol errors that `@effect-voiceid/protocol` defines (re-exported here so that one import gives them all).
 *
 * None of them ever carries a secret key, a session token, a signature or a value the model marks sensitive: they
 * keep operation names, codes, statuses, request ids and short reasons.
 *
 * @since 0.1.0
 */
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  type ModeledError,
  modeledErrors,
  PaginationError,
  RequestValidationError,
  ResourceNotFoundException,
  ResponseDecodeError,
  ResponseMetadata,
  ServiceQuotaExceededException,
  ThrottlingException,
  UnknownServiceError,
  ValidationException
} from "@effect-voiceid/protocol"
import * as Schema from "effect/Schema"

export {
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  AccessDeniedException,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  ConflictException,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  InternalServerException,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  type ModeledError,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  modeledErrors,
  /**
   * @category protocol errors
   * @since 0.1.0
   */
  PaginationError,
  /**
   * @category protocol errors
   * @since 0.1.0
   */
  RequestValidationError,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  ResourceNotFoundException,
  /**
   * @category protocol errors
   * @since 0.1.0
   */
  ResponseDecodeError,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  ServiceQuotaExceededException,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  ThrottlingException,
  /**
   * @category protocol errors
   * @since 0.1.0
   */
  UnknownServiceError,
  /**
   * @category modeled errors
   * @since 0.1.0
   */
  ValidationException
}

/**
 * The request never got an answer: the connection was refused or reset, DNS failed, the body could not be sent or
 * read. `reason` is the HTTP client's classification; `detail` its description (never the request's headers).
 *
 * @category client errors
 * @since 0.1.0
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  operation: Schema.String,
  reason: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: ${this.reason} error: ${this.detail}`
  }
}

/**
 * An attempt (`scope: "attempt"`) or the whole call with its retries (`scope: "call"`) took longer than its
 * timeout. The request in flight was aborted. An attempt timeout is retried; a call timeout is final.
 *
 * @category client errors
 * @since 0.1.0
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>()("TimeoutError", {
  operation: Schema.String,
  scope: Schema.Literal("attempt", "call"),
  timeoutMillis: Schema.Number
}) {
  override get message(): string {
    return `${this.operation}: the ${this.scope} timed out after ${this.timeoutMillis} ms`
  }
}

/**
 * Credentials could not be obtained. `source` names where they were looked for (environment, a profile, a
 * provider), `reason` says why. Neither ever holds a secret.
 *
 * @category client errors
 * @since 0.1.0
 */
export class CredentialsError extends Schema.TaggedError<CredentialsError>()("CredentialsError", {
  source: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Could not load AWS credentials from ${this.source}: ${this.reason}`
  }
}

/**
 * A request could not be signed (for example, the platform has no WebCrypto, or the signer rejected the request).
 *
 * @category client errors
 * @since 0.1.0
 */
export class SigningError extends Schema.TaggedError<SigningError>()("SigningError", {
  reason: Schema.String
}) {
  override get message(): string {
    return `Could not sign the request: ${this.reason}`
  }
}

/**
 * Every error the client itself can fail a call with, beside the operation's modeled errors: the request broke the
 * model's constraints (nothing was sent), the service answered with a code the model does not list or a body
 * that breaks the protocol, or no usable answer came at all.
 *
 * @category client errors
 * @since 0.1.0
 */
export type VoiceIdClientError =
  | RequestValidationError
  | UnknownServiceError
  | ResponseDecodeError
  | TransportError
  | TimeoutError
  | CredentialsError
  | SigningError

/**
 * A paginated read stopped because the service refused the `NextToken` it had issued for the next page (Voice ID
 * answers `ValidationException`; its tokens expire after 24 hours, so a consumer that paused longer gets this). The
 * read cannot continue where it stopped: start it again without a `startingToken` (the items already read come
 * again), or read with `onExpiredToken: "restart"` to have the stream do that itself.
 *
 * @category pagination errors
 * @since 0.1.0
 */
export class NextTokenExpiredError extends Schema.TaggedError<NextTokenExpiredError>()("NextTokenExpiredError", {
  operation: Schema.String,
  /** Pages this stream emitted before the refusal. */
  pagesRead: Schema.Number,
  /** Items this stream emitted before the refusal. */
  itemsRead: Schema.Number,
  /** The service's own words (the `ValidationException` message). */
  serviceMessage: Schema.optional(Schema.String),
  $metadata: ResponseMetadata
}) {
  override get message(): string {
    return (
      `${this.operation} pagination stopped after ${this.pagesRead} page(s) (${this.itemsRead} item(s)): the service ` +
      `refused the NextToken of the next page${this.serviceMessage === undefined ? "" : ` (${this.serviceMessage})`}. ` +
      "NextTokens expire (Voice ID keeps them 24 hours), so this read cannot resume where it stopped: start it " +
      'again without startingToken (items already read come again), or read with onExpiredToken: "restart" to ' +
      "have the stream start over by itself."
    )
  }
}

const FailureDetailsFields = Schema.Struct({
  Message: Schema.optional(Schema.String),
  StatusCode: Schema.optional(Schema.Number)
})

/**
 * A job that a waiter was following ended `FAILED`. Carries the job's `FailureDetails` as the service gave them.
 *
 * @category waiter errors
 * @since 0.1.0
 */
export class JobFailedError extends Schema.TaggedError<JobFailedError>()("JobFailedError", {
  operation: Schema.String,
  DomainId: Schema.String,
  JobId: Schema.String,
  JobStatus: Schema.String,
  FailureDetails: Schema.optional(FailureDetailsFields),
  $metadata: ResponseMetadata
}) {
  override get message(): string {
    const details = this.FailureDetails
    const why =
      details === undefined
        ? ""
        : `: ${details.Message ?? "no message"}${details.StatusCode === undefined ? "" : ` (status ${details.StatusCode})`}`
    return `Job ${this.JobId} ended ${this.JobStatus}${why}`
  }
}

/**
 * A waiter's schedule ended before the job reached a terminal status. `JobStatus` is the last status seen.
 *
 * @category waiter errors
 * @since 0.1.0
 */
export class WaiterTimeoutError extends Schema.TaggedError<WaiterTimeoutError>()("WaiterTimeoutError", {
  operation: Schema.String,
  DomainId: Schema.String,
  JobId: Schema.String,
  JobStatus: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return `Stopped waiting for job ${this.JobId} (last status ${this.JobStatus ?? "unknown"})`
  }
}
