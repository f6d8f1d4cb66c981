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
import { decoderOf, Invalid, optionalStringMembers, withoutNullMembers } from "./internal/decode.js"
import type { ResponseMetadata } from "./ResponseMetadata.js"
import { mayRevealSensitive } from "./Sensitive.js"

/**
 * The description of one operation, as held in the operation table.
 *
 * @category models
 * @since 0.1.0
 */
export type Operation = (typeof operations)[OperationName]

/**
 * A modeled error class the codec can build from an error response: a `Schema.TaggedError` whose `_tag` is the
 * error code, with the response metadata under `$metadata`.
 *
 * @category models
 * @since 0.1.0
 */
export interface ErrorClass {
  readonly _tag: string
  readonly fields: Schema.Struct.Fields
  new (props: never, options?: boolean): { readonly _tag: string }
}

/**
 * What the codec needs to know of an operation. Every entry of the operation table is one; the codec takes any
 * (the protocol conformance tests describe Smithy's test operations this way).
 *
 * @category models
 * @since 0.1.0
 */
export interface OperationDescription {
  readonly name: string
  readonly target: string
  readonly input: Schema.Schema.AnyNoContext
  readonly output: Schema.Schema.AnyNoContext
  readonly errors: ReadonlyArray<ErrorClass>
}

/**
 * The description of operation `Op`: the operation table's entry when `Op` is an operation name, else `Op` itself.
 * {@link Input}, {@link Output} and {@link OperationError} read their schemas from it.
 *
 * @category models
 * @since 0.1.0
 */
export type Described<Op extends OperationName | OperationDescription> = Op extends OperationName
  ? (typeof operations)[Op]
  : Op

/**
 * The input a caller passes to operation `Op` (the strict request type). `Op` is an operation name or the
 * operation's description (`typeof ListSpeakers`).
 *
 * @category models
 * @since 0.1.0
 */
export type Input<Op extends OperationName | OperationDescription> = Schema.Schema.Type<Described<Op>["input"]>

/**
 * The decoded output of operation `Op`, with the response metadata under `$metadata`.
 *
 * @category models
 * @since 0.1.0
 */
export type Output<Op extends OperationName | OperationDescription> = Schema.Schema.Type<Described<Op>["output"]> & {
  readonly $metadata: ResponseMetadata
}

/**
 * The modeled errors operation `Op` can fail with.
 *
 * @category models
 * @since 0.1.0
 */
export type OperationError<Op extends OperationName | OperationDescription> = InstanceType<
  Described<Op>["errors"][number]
>

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

/**
 * What the schemas decode: the parsed body without its `null` members (a member sent as `null` is absent). A JSON
 * `null` is the four letters `null` in the text, so a body without them is decoded as it was parsed.
 */
const forSchema = (body: string, parsed: unknown): unknown =>
  body.includes("null") ? withoutNullMembers(parsed) : parsed

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
  let formatted: ReadonlyArray<ParseResult.ArrayFormatterIssue>
  try {
    formatted = ParseResult.ArrayFormatter.formatErrorSync(error)
  } catch {
    // The formatter describes the value it found, recursively: one nested thousands deep overflows the stack.
    return [{ path: "", message: "a value is nested too deeply to describe (value not shown)" }]
  }
  for (const issue of formatted) {
    const path = formatPath(issue.path)
    // A value is hidden when it is sensitive or holds a sensitive member (a too-long tag list shows its tags).
    const hide = !showValues || mayRevealSensitive(schema, issue.path)
    const entry = byPath.get(path) ?? { expected: [], actual: undefined, other: [] }
    byPath.set(path, entry)
    // Lazy: the first ", actual " ends what is expected; the value itself may contain the same words.
    const match = /^Expected (.*?), actual (.*)$/s.exec(issue.message)
    if (match !== null) {
      entry.expected.push(match[1]!)
      entry.actual = hide ? undefined : match[2]!
    } else {
      entry.other.push(hide ? hideActual(issue.message) : issue.message)
    }
  }
  const isAbove = (path: string, other: string) =>
    other.length > path.length &&
    other.startsWith(path) &&
    (path === "" || other[path.length] === "." || other[path.length] === "[")
  return [...byPath].flatMap(([path, entry]) => {
    // An optional structure whose members failed is also reported as "not undefined"; its members say more.
    const onlyUndefined = entry.other.length === 0 && entry.expected.every((e) => e === "undefined")
    if (onlyUndefined && [...byPath.keys()].some((other) => isAbove(path, other))) return []
    const parts = [...entry.other]
    // An optional member accepts `undefined` too; saying so adds nothing when something else is expected.
    const distinct = [...new Set(entry.expected)]
    const expected =
      distinct.length > 1 || entry.other.length > 0 ? distinct.filter((e) => e !== "undefined") : distinct
    if (expected.length > 0) {
      parts.push(
        `Expected ${expected.join(" | ")}, ${entry.actual === undefined ? "value not shown" : `actual ${entry.actual}`}`
      )
    }
    return [{ path, message: parts.join("; ") }]
  })
}

const hideActual = (message: string): string => {
  const at = message.indexOf(", actual ")
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

type Parser = (u: unknown) => Either.Either<unknown, ParseResult.ParseError>

// Parsers are built once per schema; keyed by the schema itself, so two descriptions never share one by accident.
const validators = new WeakMap<Schema.Schema.AnyNoContext, Parser>()
const validatorOf = (operation: OperationDescription): Parser => {
  let validate = validators.get(operation.input)
  if (validate === undefined) {
    validate = Schema.validateEither(operation.input as Schema.Schema<unknown>, {
      errors: "all",
      onExcessProperty: "error"
    })
    validators.set(operation.input, validate)
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
export const validateInput = <Op extends OperationDescription>(
  operation: Op,
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
export const encodeRequest = <Op extends OperationDescription>(
  operation: Op,
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

const outputDecoders = new WeakMap<Schema.Schema.AnyNoContext, Parser>()
const outputDecoderOf = (operation: OperationDescription): Parser => {
  let decode = outputDecoders.get(operation.output)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(operation.output as Schema.Schema<unknown, unknown>, {
      errors: "first",
      onExcessProperty: "ignore"
    })
    outputDecoders.set(operation.output, decode)
  }
  return decode
}

interface ErrorFieldsDecoder {
  readonly decode: (u: unknown) => Either.Either<Record<string, unknown>, ParseResult.ParseError>
  /**
   * The members, in the schema's order, when every one is an optional string (or open enum) member, which is
   * what the modeled errors have: then the fields are read without the schema. `undefined` for any other class.
   */
  readonly strings: ReadonlyArray<string> | undefined
}

const errorFieldDecoders = new WeakMap<ErrorClass, ErrorFieldsDecoder>()
const errorFieldsDecoderOf = (ErrorClass: ErrorClass): ErrorFieldsDecoder => {
  let decoder = errorFieldDecoders.get(ErrorClass)
  if (decoder === undefined) {
    const { $metadata: _m, _tag: _t, ...fields } = ErrorClass.fields
    const schema = Schema.Struct(fields) as unknown as Schema.Schema<Record<string, unknown>>
    decoder = {
      decode: Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" }),
      strings: optionalStringMembers(schema.ast)
    }
    errorFieldDecoders.set(ErrorClass, decoder)
  }
  return decoder
}

/**
 * The fields of a modeled error, read as the schema reads `{ ...body without nulls, Message }`: `Message` as given
 * (always present), every other member when the body has it as a string, absent when missing or `null`.
 * `undefined` when a member has another type: the schema then says why.
 */
const stringFields = (
  names: ReadonlyArray<string>,
  body: Readonly<Record<string, unknown>> | undefined,
  Message: string | undefined
): Record<string, unknown> | undefined => {
  const fields: Record<string, unknown> = {}
  for (const name of names) {
    if (name === "Message") {
      fields.Message = Message
      continue
    }
    if (body === undefined || !Object.hasOwn(body, name)) continue
    const value = body[name]
    if (value === null) continue
    if (typeof value !== "string") return undefined
    fields[name] = value
  }
  return fields
}

/**
 * Decodes a response of `operation`: a 2xx answer into the typed output (with `$metadata`); an error answer into
 * the operation's modeled error, or {@link UnknownServiceError} for a code the operation does not list; and any
 * body that breaks the protocol into {@link ResponseDecodeError}. Never throws.
 *
 * A 2xx body is read by the generated decoder linked to the operation's output schema, where there is one; the
 * schema decodes whatever that decoder refuses (and says why) and the outputs of other descriptions. Both give the
 * same result.
 *
 * @category client
 * @since 0.1.0
 */
export const decodeResponse = <Op extends OperationDescription>(
  operation: Op,
  response: ReceivedResponse
): Either.Either<Output<Op>, OperationError<Op> | UnknownServiceError | ResponseDecodeError> => {
  const $metadata = responseMetadata(response)
  const parsed = parseJsonObject(response.body)
  if (response.status >= 200 && response.status < 300) {
    if (Either.isLeft(parsed)) {
      return Either.left(new ResponseDecodeError({ operation: operation.name, reason: parsed.left, $metadata }))
    }
    // The generated decoder of the output, where there is one, reads a valid body in one pass.
    const fast = decoderOf(operation.output)
    if (fast !== undefined) {
      const value = fast(parsed.right)
      if (value !== Invalid) return Either.right({ ...(value as object), $metadata } as Output<Op>)
    }
    // The schema decodes what has no generated decoder, and says why a body does not fit.
    const decoded = outputDecoderOf(operation)(forSchema(response.body, parsed.right))
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
  const ErrorClass = operation.errors.find((e) => e._tag === code)
  if (ErrorClass === undefined) {
    return Either.left(
      new UnknownServiceError(
        Message === undefined
          ? { operation: operation.name, code, $metadata }
          : { operation: operation.name, code, Message, $metadata }
      )
    )
  }
  const decoder = errorFieldsDecoderOf(ErrorClass)
  const direct = decoder.strings === undefined ? undefined : stringFields(decoder.strings, body, Message)
  const fields =
    direct !== undefined
      ? Either.right(direct)
      : decoder.decode({ ...(body === undefined ? undefined : (forSchema(response.body, body) as object)), Message })
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
  // The fields were just decoded, with the lenient response schemas: build without checking them again.
  const Build = ErrorClass as unknown as new (
    props: Record<string, unknown>,
    disableValidation: boolean
  ) => OperationError<Op>
  return Either.left(new Build({ ...fields.right, $metadata }, true))
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

const inputDecoders = new WeakMap<Schema.Schema.AnyNoContext, Parser>()
const inputDecoderOf = (operation: OperationDescription): Parser => {
  let decode = inputDecoders.get(operation.input)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(operation.input as Schema.Schema<unknown, unknown>, {
      errors: "all",
      onExcessProperty: "ignore"
    })
    inputDecoders.set(operation.input, decode)
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
export const decodeRequest = <Op extends OperationDescription>(
  operation: Op,
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
export const encodeOutput = <Op extends OperationDescription>(
  _operation: Op,
  output: Schema.Schema.Type<Op["output"]>
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
