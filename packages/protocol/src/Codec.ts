/**
 * The awsJson1_0 wire format of Voice ID, as pure functions: values in, values out, no I/O.
 *
 * Client side: {@link encodeRequest} turns a validated input into the target, headers and body of a `POST /`;
 * {@link decodeResponse} turns a status, headers and body into the typed output or the typed error.
 * Server side (the emulator): {@link decodeRequest}, {@link encodeOutput}, {@link encodeError}.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  type ModeledError,
  modeledErrors,
  RequestValidationError,
  ResponseDecodeError,
  UnknownServiceError,
  type ValidationIssue
} from "./Errors.js"
import { type OperationName, type operations, service } from "./generated/Operations.js"
import type { ResponseMetadata } from "./ResponseMetadata.js"
import { isSensitivePath } from "./Sensitive.js"

/**
 * The description of one operation, as held in the operation table.
 *
 * @category models
 * @since 0.1.0
 */
export type Operation = (typeof operations)[OperationName]

/**
 * The input a caller passes to operation `Op` (the strict request type).
 *
 * @category models
 * @since 0.1.0
 */
export type Input<Op extends OperationName> = Schema.Schema.Type<(typeof operations)[Op]["input"]>

/**
 * The decoded output of operation `Op`, with the response metadata under `$metadata`.
 *
 * @category models
 * @since 0.1.0
 */
export type Output<Op extends OperationName> = Schema.Schema.Type<(typeof operations)[Op]["output"]> & {
  readonly $metadata: ResponseMetadata
}

/**
 * The modeled errors operation `Op` can fail with.
 *
 * @category models
 * @since 0.1.0
 */
export type OperationError<Op extends OperationName> = InstanceType<(typeof operations)[Op]["errors"][number]>

/**
 * What a client sends: the `X-Amz-Target`, the protocol headers and the JSON body. Method and path are always
 * `POST /`.
 *
 * @category models
 * @since 0.1.0
 */
export interface EncodedRequest {
  readonly target: string
  readonly headers: {
    readonly "content-type": string
    readonly "x-amz-target": string
  }
  readonly body: string
}

/**
 * What a client received. Header names may be in any case.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReceivedResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

/**
 * The content type of every Voice ID request and response.
 *
 * @category constants
 * @since 0.1.0
 */
export const contentType = service.contentType

// ---------------------------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------------------------

/**
 * Serializes a decoded value as awsJson does: timestamps (`Date`) become epoch seconds, `undefined` members are
 * left out. For this model (no blobs, no floats, no documents) that is the whole wire encoding.
 *
 * @category json
 * @since 0.1.0
 */
export const toJson = (value: unknown): string =>
  JSON.stringify(value ?? {}, function (this: Record<string, unknown>, key, encoded) {
    const raw = this[key]
    return raw instanceof Date ? raw.getTime() / 1000 : encoded
  })

const parseJsonObject = (body: string): Either.Either<Record<string, unknown>, string> => {
  if (body.trim() === "") return Either.right({})
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return Either.left(
      body.trimStart().startsWith("<") ? "the body is HTML or XML, not JSON" : "the body is not valid JSON"
    )
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return Either.left(`the body is JSON but not an object (${parsed === null ? "null" : typeof parsed})`)
  }
  return Either.right(parsed as Record<string, unknown>)
}

// ---------------------------------------------------------------------------------------------------------------
// Validation issues
// ---------------------------------------------------------------------------------------------------------------

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`),
    ""
  )

/**
 * Turns a parse error into member paths and messages. A message never shows the value of a sensitive member;
 * with `showValues: false` it shows no value at all (used for responses, whose values we did not choose).
 */
const issuesOf = <A, I, R>(
  schema: Schema.Schema<A, I, R>,
  error: ParseResult.ParseError,
  showValues: boolean
): Array<ValidationIssue> => {
  // The formatter lists each member of a failed union on its own; merge them into one issue per path.
  const byPath = new Map<string, { expected: Array<string>; actual: string | undefined; other: Array<string> }>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = formatPath(issue.path)
    const hide = !showValues || isSensitivePath(schema, issue.path)
    const entry = byPath.get(path) ?? { expected: [], actual: undefined, other: [] }
    byPath.set(path, entry)
    const match = /^Expected (.*), actual (.*)$/s.exec(issue.message)
    if (match !== null) {
      entry.expected.push(match[1]!)
      entry.actual = hide ? undefined : match[2]!
    } else {
      entry.other.push(hide ? hideActual(issue.message) : issue.message)
    }
  }
  return [...byPath].map(([path, entry]) => {
    const parts = [...entry.other]
    if (entry.expected.length > 0) {
      const distinct = [...new Set(entry.expected)]
      // An optional member accepts `undefined` too; saying so adds nothing to the message.
      const expected = (distinct.length > 1 ? distinct.filter((e) => e !== "undefined") : distinct).join(" | ")
      parts.push(`Expected ${expected}, ${entry.actual === undefined ? "value not shown" : `actual ${entry.actual}`}`)
    }
    return { path, message: parts.join("; ") }
  })
}

const hideActual = (message: string): string => {
  const at = message.lastIndexOf(", actual ")
  return at === -1 ? message : `${message.slice(0, at)} (value not shown)`
}

// ---------------------------------------------------------------------------------------------------------------
// Client side
// ---------------------------------------------------------------------------------------------------------------

/**
 * Options of {@link validateInput} and {@link encodeRequest}.
 *
 * @category models
 * @since 0.1.0
 */
export interface EncodeOptions {
  /** Check the input against every constraint of the model before encoding (default `true`). */
  readonly validate?: boolean
}

const validators = new Map<OperationName, (u: unknown) => Either.Either<unknown, ParseResult.ParseError>>()
const validatorOf = (operation: Operation) => {
  let validate = validators.get(operation.name)
  if (validate === undefined) {
    validate = Schema.validateEither(operation.input as Schema.Schema<unknown>, {
      errors: "all",
      onExcessProperty: "error"
    })
    validators.set(operation.name, validate)
  }
  return validate
}

/**
 * Checks an input against the strict schema of its operation: required members, lengths, patterns, ranges, enum
 * values, and no members the model does not know. The error names every offending member path.
 *
 * @category client
 * @since 0.1.0
 */
export const validateInput = <Op extends OperationName>(
  operation: (typeof operations)[Op],
  input: unknown
): Either.Either<Input<Op>, RequestValidationError> =>
  Either.mapBoth(validatorOf(operation)(input), {
    onLeft: (error) =>
      new RequestValidationError({
        operation: operation.name,
        issues: issuesOf(operation.input as Schema.Schema<unknown>, error, true)
      }),
    onRight: (value) => value as Input<Op>
  })

/**
 * Encodes an input as an awsJson1_0 request: `X-Amz-Target: VoiceID.<Operation>`,
 * `Content-Type: application/x-amz-json-1.0`, a JSON body (`{}` for an empty input, timestamps as epoch seconds).
 * Validates first unless `validate: false`.
 *
 * @category client
 * @since 0.1.0
 */
export const encodeRequest = <Op extends OperationName>(
  operation: (typeof operations)[Op],
  input: Input<Op>,
  options?: EncodeOptions
): Either.Either<EncodedRequest, RequestValidationError> => {
  if (options?.validate !== false) {
    const checked = validateInput(operation, input)
    if (Either.isLeft(checked)) return Either.left(checked.left)
  }
  return Either.right({
    target: operation.target,
    headers: { "content-type": contentType, "x-amz-target": operation.target },
    body: toJson(input)
  })
}

const header = (headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const direct = headers[name]
  if (direct !== undefined) return direct
  for (const key in headers) if (key.toLowerCase() === name) return headers[key]
  return undefined
}

/**
 * Reads the error code of an awsJson error response, in the AWS SDK's order: the `X-Amzn-Errortype` header, then
 * the body's top-level `code`, then its `__type`. Keeps what stands before the first `:` and then what follows the
 * first `#`, so `aws.protocoltests#Foo:http://…` and `Foo` both give `Foo`.
 *
 * @category client
 * @since 0.1.0
 */
export const errorCode = (
  headers: Readonly<Record<string, string | undefined>>,
  body: Readonly<Record<string, unknown>> | undefined
): string | undefined => {
  const candidates = [header(headers, "x-amzn-errortype"), body?.code, body?.__type]
  for (const raw of candidates) {
    if (typeof raw !== "string" || raw === "") continue
    const beforeColon = raw.split(":", 1)[0]!
    const hash = beforeColon.indexOf("#")
    const code = hash === -1 ? beforeColon : beforeColon.slice(hash + 1)
    if (code !== "") return code
  }
  return undefined
}

/**
 * The response metadata of a response: HTTP status and `x-amzn-RequestId`.
 *
 * @category client
 * @since 0.1.0
 */
export const responseMetadata = (response: Pick<ReceivedResponse, "status" | "headers">): ResponseMetadata => {
  const requestId = header(response.headers, "x-amzn-requestid")
  return requestId === undefined ? { httpStatusCode: response.status } : { httpStatusCode: response.status, requestId }
}

const outputDecoders = new Map<OperationName, (u: unknown) => Either.Either<unknown, ParseResult.ParseError>>()
const outputDecoderOf = (operation: Operation) => {
  let decode = outputDecoders.get(operation.name)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(operation.output as Schema.Schema<unknown, unknown>, {
      errors: "first",
      onExcessProperty: "ignore"
    })
    outputDecoders.set(operation.name, decode)
  }
  return decode
}

type ErrorFieldsDecoder = (u: unknown) => Either.Either<Record<string, unknown>, ParseResult.ParseError>
const errorFieldDecoders = new Map<string, ErrorFieldsDecoder>()
const errorFieldsDecoderOf = (code: keyof typeof modeledErrors): ErrorFieldsDecoder => {
  let decode = errorFieldDecoders.get(code)
  if (decode === undefined) {
    const { $metadata: _m, _tag: _t, ...fields } = modeledErrors[code].fields
    decode = Schema.decodeUnknownEither(Schema.Struct(fields) as unknown as Schema.Schema<Record<string, unknown>>, {
      errors: "first",
      onExcessProperty: "ignore"
    })
    errorFieldDecoders.set(code, decode)
  }
  return decode
}

const isModeledCode = (code: string): code is keyof typeof modeledErrors => Object.hasOwn(modeledErrors, code)

/**
 * Decodes a response of `operation`: a 2xx answer into the typed output (with `$metadata`); an error answer into
 * the operation's modeled error, or {@link UnknownServiceError} for a code the operation does not list; and any
 * body that breaks the protocol into {@link ResponseDecodeError}. Never throws.
 *
 * @category client
 * @since 0.1.0
 */
export const decodeResponse = <Op extends OperationName>(
  operation: (typeof operations)[Op],
  response: ReceivedResponse
): Either.Either<Output<Op>, OperationError<Op> | UnknownServiceError | ResponseDecodeError> => {
  const $metadata = responseMetadata(response)
  const parsed = parseJsonObject(response.body)
  if (response.status >= 200 && response.status < 300) {
    if (Either.isLeft(parsed)) {
      return Either.left(new ResponseDecodeError({ operation: operation.name, reason: parsed.left, $metadata }))
    }
    const decoded = outputDecoderOf(operation)(parsed.right)
    if (Either.isLeft(decoded)) {
      const issues = issuesOf(operation.output as Schema.Schema<unknown, unknown>, decoded.left, false)
      const reason = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`)).join("; ")
      return Either.left(new ResponseDecodeError({ operation: operation.name, reason, $metadata }))
    }
    return Either.right({ ...(decoded.right as object), $metadata } as Output<Op>)
  }
  const body = Either.getOrUndefined(parsed)
  const code = errorCode(response.headers, body)
  if (code === undefined) {
    const reason = Either.isLeft(parsed)
      ? `HTTP ${response.status} without an error code: ${parsed.left}`
      : `HTTP ${response.status} without an error code`
    return Either.left(new ResponseDecodeError({ operation: operation.name, reason, $metadata }))
  }
  const rawMessage = body?.Message ?? body?.message
  const Message = typeof rawMessage === "string" ? rawMessage : undefined
  const listed = (operation.errors as ReadonlyArray<{ readonly _tag: string }>).some((e) => e._tag === code)
  if (!listed || !isModeledCode(code)) {
    return Either.left(
      new UnknownServiceError(
        Message === undefined
          ? { operation: operation.name, code, $metadata }
          : { operation: operation.name, code, Message, $metadata }
      )
    )
  }
  const fields = errorFieldsDecoderOf(code)({ ...body, Message })
  if (Either.isLeft(fields)) {
    return Either.left(
      new ResponseDecodeError({
        operation: operation.name,
        reason: `${code} body: ${issuesOf(Schema.Unknown, fields.left, false)
          .map((i) => `${i.path}: ${i.message}`)
          .join("; ")}`,
        $metadata
      })
    )
  }
  const ErrorClass = modeledErrors[code] as unknown as new (
    props: Record<string, unknown>,
    disableValidation: boolean
  ) => OperationError<Op>
  return Either.left(new ErrorClass({ ...fields.right, $metadata }, true))
}

// ---------------------------------------------------------------------------------------------------------------
// Server side
// ---------------------------------------------------------------------------------------------------------------

/**
 * Why a request body could not be read as an input: it is not a JSON object (`SerializationException`), or it
 * breaks the model's constraints (`ValidationException`, naming the members).
 *
 * @category server
 * @since 0.1.0
 */
export type RequestDecodeFailure =
  | { readonly _tag: "SerializationException"; readonly message: string }
  | { readonly _tag: "ValidationException"; readonly error: RequestValidationError }

const inputDecoders = new Map<OperationName, (u: unknown) => Either.Either<unknown, ParseResult.ParseError>>()
const inputDecoderOf = (operation: Operation) => {
  let decode = inputDecoders.get(operation.name)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(operation.input as Schema.Schema<unknown, unknown>, {
      errors: "all",
      onExcessProperty: "ignore"
    })
    inputDecoders.set(operation.name, decode)
  }
  return decode
}

/**
 * Reads a request body as the input of `operation`, checking every constraint of the model. Members the model
 * does not know are ignored, as the service ignores them.
 *
 * @category server
 * @since 0.1.0
 */
export const decodeRequest = <Op extends OperationName>(
  operation: (typeof operations)[Op],
  body: string
): Either.Either<Input<Op>, RequestDecodeFailure> => {
  const parsed = parseJsonObject(body)
  if (Either.isLeft(parsed)) return Either.left({ _tag: "SerializationException", message: parsed.left })
  const decoded = inputDecoderOf(operation)(parsed.right)
  if (Either.isLeft(decoded)) {
    const error = new RequestValidationError({
      operation: operation.name,
      issues: issuesOf(operation.input as Schema.Schema<unknown, unknown>, decoded.left, true)
    })
    return Either.left({ _tag: "ValidationException", error })
  }
  return Either.right(decoded.right as Input<Op>)
}

/**
 * Serializes the output of `operation` as the service sends it.
 *
 * @category server
 * @since 0.1.0
 */
export const encodeOutput = <Op extends OperationName>(
  _operation: (typeof operations)[Op],
  output: Schema.Schema.Type<(typeof operations)[Op]["output"]>
): string => toJson(output)

/**
 * The namespace a Voice ID error's `__type` carries on the wire.
 *
 * @category server
 * @since 0.1.0
 */
export const errorNamespace = "com.amazonaws.voiceid"

/**
 * An error response as the service sends it.
 *
 * @category server
 * @since 0.1.0
 */
export interface EncodedError {
  readonly status: number
  readonly headers: { readonly "content-type": string }
  readonly body: string
}

/**
 * Serializes an error response: the status, and a body with `__type` (`com.amazonaws.voiceid#<Code>`), `Message`
 * and the error's other members. Modeled errors get the status their `httpError` trait gives; other codes (for
 * example `UnknownOperationException`, `SerializationException`, `InvalidSignatureException`) take `status`.
 *
 * @category server
 * @since 0.1.0
 */
export const encodeError = (
  error: ModeledError | { readonly code: string; readonly status: number; readonly Message?: string | undefined }
): EncodedError => {
  if ("_tag" in error) {
    const { _tag, $metadata: _, ...members } = error
    const ErrorClass = modeledErrors[_tag]
    return {
      status: ErrorClass.httpStatus,
      headers: { "content-type": contentType },
      body: toJson({ __type: `${errorNamespace}#${_tag}`, ...members })
    }
  }
  return {
    status: error.status,
    headers: { "content-type": contentType },
    body: toJson({ __type: `${errorNamespace}#${error.code}`, Message: error.Message })
  }
}
