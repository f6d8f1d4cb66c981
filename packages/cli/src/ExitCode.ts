/**
 * How `voiceid` ends: the documented exit codes, which failure gets which, and the text a failure is reported
 * with on stderr (the AWS error name, its message and the request id; never a secret, a request body or a value
 * the model marks sensitive, since the client's errors carry none of these).
 *
 * @since 0.1.0
 */
import * as ValidationError from "@effect/cli/ValidationError"
import * as ConfigError from "effect/ConfigError"
import * as Schema from "effect/Schema"

/**
 * The exit codes.
 *
 * @category exit codes
 * @since 0.1.0
 */
export const ExitCode = {
  /** Done. */
  Ok: 0,
  /** The service answered with an error (not found, conflict, quota, throttling after retries, a server error). */
  ServiceError: 1,
  /** The command line or the request was invalid (`--help` shows the usage); nothing, or a rejected request, was sent. */
  Usage: 2,
  /** No usable credentials, region or endpoint, access denied, a rejected signature, or no answer at all. */
  Environment: 3,
  /** The job that `--wait` followed ended `FAILED`. */
  JobFailed: 4,
  /** `--wait` gave up before the job ended (`--wait-timeout`). */
  WaitTimeout: 5,
  /** Interrupted (Ctrl-C, SIGTERM). */
  Interrupted: 130
} as const

/**
 * One of {@link ExitCode}'s values.
 *
 * @category exit codes
 * @since 0.1.0
 */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * A problem with the command line found by `voiceid` itself (after `@effect/cli` parsed it): a missing
 * subcommand, values that do not fit together.
 *
 * @category errors
 * @since 0.1.0
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  message: Schema.String
}) {}

// Codes the service (or a gateway before it) answers when the credentials or the signature are not accepted.
const authCodes: ReadonlySet<string> = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "ExpiredTokenException",
  "RequestExpired",
  "AccessDeniedException"
])

interface Tagged {
  readonly _tag: string
  readonly [key: string]: unknown
}

const isTagged = (error: unknown): error is Tagged =>
  typeof error === "object" && error !== null && typeof (error as { readonly _tag?: unknown })._tag === "string"

/**
 * The exit code of a failure.
 *
 * @category exit codes
 * @since 0.1.0
 */
export const of = (error: unknown): ExitCode => {
  if (ConfigError.isConfigError(error)) return ExitCode.Environment
  if (isCliValidationError(error)) return ExitCode.Usage
  if (!isTagged(error)) return ExitCode.ServiceError
  switch (error._tag) {
    case "UsageError":
    case "RequestValidationError":
    case "ValidationException":
      return ExitCode.Usage
    case "PaginationError":
      return error.reason === "InvalidStartingToken" ? ExitCode.Usage : ExitCode.ServiceError
    case "CredentialsError":
    case "SigningError":
    case "TransportError":
    case "TimeoutError":
    case "AccessDeniedException":
      return ExitCode.Environment
    case "UnknownServiceError":
      return typeof error.code === "string" && authCodes.has(error.code) ? ExitCode.Environment : ExitCode.ServiceError
    case "JobFailedError":
      return ExitCode.JobFailed
    case "WaiterTimeoutError":
      return ExitCode.WaitTimeout
    default:
      return ExitCode.ServiceError
  }
}

/**
 * Whether a failure is one of `@effect/cli`'s parse errors (it has printed them already).
 *
 * @category exit codes
 * @since 0.1.0
 */
export const isCliValidationError = (error: unknown): error is ValidationError.ValidationError =>
  ValidationError.isValidationError(error)

interface Metadata {
  readonly httpStatusCode?: number
  readonly requestId?: string
  readonly attempts?: number
}

const metadataOf = (error: Tagged): Metadata | undefined => {
  const metadata = error.$metadata
  return typeof metadata === "object" && metadata !== null ? (metadata as Metadata) : undefined
}

const metadataLine = (metadata: Metadata | undefined): Array<string> => {
  if (metadata === undefined) return []
  const parts: Array<string> = []
  if (metadata.httpStatusCode !== undefined) parts.push(`HTTP ${metadata.httpStatusCode}`)
  if (metadata.attempts !== undefined) parts.push(`${metadata.attempts} attempt${metadata.attempts === 1 ? "" : "s"}`)
  const suffix = parts.length === 0 ? "" : ` (${parts.join(", ")})`
  return [`  request id: ${metadata.requestId ?? "none"}${suffix}`]
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined)

/**
 * The report of a failure, as printed on stderr: first line `<ErrorName>: <message>`, then details (the request
 * id, the HTTP status and attempts, the offending members of an invalid request, a failed job's details).
 *
 * @category reporting
 * @since 0.1.0
 */
export const render = (error: unknown): string => {
  if (ConfigError.isConfigError(error)) {
    return `ConfigError: ${String(error)}\n  hint: pass --region (and --endpoint), or set AWS_REGION (and AWS_ENDPOINT_URL_VOICE_ID)`
  }
  if (!isTagged(error)) return `Error: ${error instanceof Error ? error.message : String(error)}`
  const lines: Array<string> = []
  switch (error._tag) {
    case "UnknownServiceError": {
      const message = text(error.Message) ?? "no message"
      lines.push(`${String(error.code)}: ${message}`, ...metadataLine(metadataOf(error)))
      break
    }
    case "ResponseDecodeError": {
      lines.push(
        `ResponseDecodeError: the ${String(error.operation)} response could not be read: ${String(error.reason)}`,
        ...metadataLine(metadataOf(error))
      )
      break
    }
    case "RequestValidationError": {
      lines.push(`RequestValidationError: invalid ${String(error.operation)} request (nothing was sent)`)
      const issues = Array.isArray(error.issues)
        ? (error.issues as ReadonlyArray<{ path: string; message: string }>)
        : []
      for (const issue of issues) lines.push(`  ${issue.path === "" ? "(input)" : issue.path}: ${issue.message}`)
      break
    }
    case "JobFailedError": {
      const details = error.FailureDetails as { readonly Message?: string; readonly StatusCode?: number } | undefined
      lines.push(`JobFailedError: job ${String(error.JobId)} ended ${String(error.JobStatus)}`)
      if (details?.StatusCode !== undefined) lines.push(`  status code: ${details.StatusCode}`)
      if (details?.Message !== undefined) lines.push(`  reason: ${details.Message}`)
      lines.push(...metadataLine(metadataOf(error)))
      break
    }
    case "CredentialsError": {
      lines.push(
        `CredentialsError: ${error instanceof Error ? error.message : "no credentials"}`,
        "  hint: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile (the emulator accepts test / test)"
      )
      break
    }
    default: {
      const metadata = metadataOf(error)
      // Modeled service errors carry `Message` (and `ResourceType` / `ConflictType`); the client's own errors a
      // `message` built from their fields.
      const message = text(error.Message) ?? (error instanceof Error ? text(error.message) : undefined) ?? "no message"
      const kind = text(error.ResourceType) ?? text(error.ConflictType)
      lines.push(`${error._tag}: ${message}${kind === undefined ? "" : ` (${kind})`}`, ...metadataLine(metadata))
    }
  }
  return lines.join("\n")
}
