/**
 * Generated bad responses, and an independent oracle of what the client must make of each.
 *
 * A response is built from a valid output of an operation (drawn from its lenient response schema) and broken in
 * one way: truncated, not JSON, an HTML error page, members of the wrong type, numbers out of any range, nesting
 * thousands deep, a huge body, `__proto__`/`constructor`/`prototype` keys, an error body on a 200, an error
 * without `__type`, duplicate keys, odd error codes and statuses.
 *
 * The oracle follows the awsJson1_0 rules written out here (status decides success; an empty body is `{}`; a
 * member sent as `null` is absent; the error code comes from `X-Amzn-ErrorType`, then `code`, then `__type`, cut
 * at `:` and after `#`) with the response schema for the value: it says which value or which error is right.
 *
 * @since 0.1.0
 */
import { type Codec, type OperationName, operations } from "@effect-voiceid/protocol"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { shape } from "./Model.js"

/**
 * The classes of bad responses.
 *
 * @category models
 * @since 0.1.0
 */
export type BadResponseClass =
  | "truncated JSON"
  | "not JSON"
  | "HTML error page"
  | "wrong types"
  | "out-of-range numbers"
  | "deeply nested"
  | "huge body"
  | "__proto__ / constructor keys"
  | "error body on 200"
  | "missing __type"
  | "duplicate keys"
  | "odd error codes"
  | "odd statuses"

/**
 * One generated response.
 *
 * @category models
 * @since 0.1.0
 */
export interface BadResponse {
  readonly operation: OperationName
  readonly class: BadResponseClass
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * What the client must produce.
 *
 * @category models
 * @since 0.1.0
 */
export type Expected =
  | { readonly _tag: "Success"; readonly value: unknown }
  | { readonly _tag: "Error"; readonly tag: string; readonly code?: string | undefined }
  | { readonly _tag: "DecodeError" }

const fc = FastCheck
const table = operations as unknown as Readonly<Record<OperationName, Codec.OperationDescription>>
const names = Object.keys(operations).sort() as Array<OperationName>

// ---------------------------------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------------------------------

/** A copy of parsed JSON without the `null` members of objects (array items kept), without recursion. */
const withoutNulls = (value: unknown): unknown => {
  if (value === null || typeof value !== "object") return value
  const root: Record<string, unknown> | Array<unknown> = Array.isArray(value) ? [] : {}
  const stack: Array<[unknown, Record<string, unknown> | Array<unknown>]> = [[value, root]]
  const place = (member: unknown): unknown => {
    if (member === null || typeof member !== "object") return member
    const copy: Record<string, unknown> | Array<unknown> = Array.isArray(member) ? [] : {}
    stack.push([member, copy])
    return copy
  }
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [source, target] = top
    if (Array.isArray(source)) for (const item of source) (target as Array<unknown>).push(place(item))
    else {
      for (const [key, member] of Object.entries(source as object)) {
        if (member === null) continue
        Object.defineProperty(target, key, {
          value: place(member),
          enumerable: true,
          writable: true,
          configurable: true
        })
      }
    }
  }
  return root
}

const parseObject = (body: string): Record<string, unknown> | undefined => {
  if (body.trim() === "") return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined
}

const outputDecoders = new Map<OperationName, (u: unknown) => Either.Either<unknown, unknown>>()
const decodeOutput = (operation: OperationName, value: unknown) => {
  let decode = outputDecoders.get(operation)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(table[operation].output as Schema.Schema<unknown, unknown>, {
      onExcessProperty: "ignore"
    })
    outputDecoders.set(operation, decode)
  }
  return decode(value)
}

/**
 * The error code of an error response, by the AWS SDKs' rule.
 *
 * @category oracle
 * @since 0.1.0
 */
export const errorCodeOf = (
  headers: Readonly<Record<string, string>>,
  body: Readonly<Record<string, unknown>> | undefined
): string | undefined => {
  // A header value arrives without its leading and trailing whitespace (HTTP's optional whitespace).
  const header = Object.entries(headers)
    .find(([name]) => name.toLowerCase() === "x-amzn-errortype")?.[1]
    ?.replace(/^[ \t]+|[ \t]+$/g, "")
  for (const raw of [header, body?.code, body?.__type]) {
    if (typeof raw !== "string" || raw === "") continue
    const beforeColon = raw.split(":")[0]!
    const code = beforeColon.includes("#") ? beforeColon.slice(beforeColon.indexOf("#") + 1) : beforeColon
    if (code !== "") return code
  }
  return undefined
}

/**
 * What the client must make of `response` for `operation`.
 *
 * @category oracle
 * @since 0.1.0
 */
export const expected = (operation: OperationName, response: BadResponse): Expected => {
  // The body as text after the trip through bytes: UTF-8 (a lone surrogate becomes U+FFFD), a leading byte-order
  // mark dropped, as every fetch-like client decodes it.
  const text = new TextDecoder().decode(new TextEncoder().encode(response.body))
  const body = parseObject(text)
  if (response.status >= 200 && response.status < 300) {
    if (body === undefined) return { _tag: "DecodeError" }
    // Without the four letters `null` in the text there is no null member to drop (and no deep copy to make).
    const decoded = decodeOutput(operation, text.includes("null") ? withoutNulls(body) : body)
    return Either.isRight(decoded) ? { _tag: "Success", value: decoded.right } : { _tag: "DecodeError" }
  }
  const code = errorCodeOf(response.headers, body)
  if (code === undefined) return { _tag: "DecodeError" }
  const modeled = table[operation].errors.find((e) => e._tag === code)
  if (modeled === undefined) return { _tag: "Error", tag: "UnknownServiceError", code }
  // A modeled error's members other than Message are strings (enums): another type breaks the protocol.
  for (const member of Object.keys(shape(code).members ?? {})) {
    if (member === "Message" || body === undefined) continue
    const value = body[member]
    if (value !== undefined && value !== null && typeof value !== "string") return { _tag: "DecodeError" }
  }
  return { _tag: "Error", tag: code }
}

// ---------------------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------------------

const outputArbitraries = new Map<OperationName, FastCheck.Arbitrary<unknown>>()
/** A valid response body (as parsed JSON) of an operation. */
const validOutput = (operation: OperationName): FastCheck.Arbitrary<Record<string, unknown>> => {
  let arbitrary = outputArbitraries.get(operation)
  if (arbitrary === undefined) {
    const schema = table[operation].output as Schema.Schema<unknown, unknown>
    const encode = Schema.encodeSync(schema)
    arbitrary = (Arbitrary.make(schema) as FastCheck.Arbitrary<unknown>).map((value) => encode(value))
    outputArbitraries.set(operation, arbitrary)
  }
  return arbitrary as FastCheck.Arbitrary<Record<string, unknown>>
}

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** The paths of every value inside a parsed JSON value (the root excluded). */
const pathsOf = (value: unknown, limit = 200): Array<Array<string | number>> => {
  const out: Array<Array<string | number>> = []
  const stack: Array<[unknown, Array<string | number>]> = [[value, []]]
  for (let top = stack.pop(); top !== undefined && out.length < limit; top = stack.pop()) {
    const [node, path] = top
    if (node === null || typeof node !== "object") continue
    for (const [key, member] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
      const next = [...path, key]
      out.push(next)
      stack.push([member, next])
    }
  }
  return out
}

const replaced = (value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown => {
  if (path.length === 0) return replacement
  const copy = structuredClone(value) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  Object.defineProperty(parent, path[path.length - 1]!, {
    value: replacement,
    enumerable: true,
    writable: true,
    configurable: true
  })
  return copy
}

const json = "application/x-amz-json-1.0"
const requestId = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }))
const headersOf = (contentType: string) =>
  requestId.map(
    (id): Record<string, string> => ({
      "content-type": contentType,
      "x-amzn-requestid": id.replace(/[^\x20-\x7e]/g, "")
    })
  )

const errorStatus = fc.constantFrom(400, 402, 403, 404, 409, 413, 429, 500, 502, 503, 504)
const anyStatus = fc.oneof(fc.constant(200), errorStatus)

const wrongValue: FastCheck.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 })
)

// Written as JSON text: some are beyond a double (1e400 parses as Infinity) or beyond a Date.
const extremeNumber = fc.constantFrom(
  "1e400",
  "-1e400",
  "1.7976931348623157e308",
  "-1.7976931348623157e308",
  "9007199254740993",
  "8640000000001",
  "-8640000000001",
  "1e21",
  "-0",
  "5e-324",
  "123456789012345678901234567890",
  "0.1e-400"
)

const modeledCodes = [
  "AccessDeniedException",
  "ConflictException",
  "InternalServerException",
  "ResourceNotFoundException",
  "ServiceQuotaExceededException",
  "ThrottlingException",
  "ValidationException"
]
const errorType = fc.oneof(
  fc.constantFrom(...modeledCodes),
  fc.constantFrom(...modeledCodes).map((c) => `com.amazonaws.voiceid#${c}`),
  fc.constantFrom(...modeledCodes).map((c) => `aws.protocoltests#${c}:http://internal.amazon.com/coral/`),
  fc.constantFrom("UnrecognizedClientException", "InvalidSignatureException", "SerializationException", "Foo"),
  fc.string({ maxLength: 30 }),
  fc.constantFrom("#", ":", "#:", "a#", ":ThrottlingException", "ThrottlingException#", "   ")
)

const html = fc
  .tuple(fc.constantFrom("502 Bad Gateway", "503 Service Unavailable", "404 Not Found", "Access Denied"), fc.nat(3))
  .map(
    ([title, variant]) =>
      [
        `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
        `<!DOCTYPE html>\n<html lang="en"><body><pre>${title}</pre></body></html>`,
        `<?xml version="1.0"?><Error><Code>${title}</Code></Error>`,
        `   <HTML>${title}`
      ][variant]!
  )

const deep = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom("object", "array"))
  .map(([depth, kind]) =>
    kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)
  )

/** Inserts `"key": value` as the first member of the object at `path` in the text of `value`. */
const withMemberText = (
  value: Record<string, unknown>,
  path: ReadonlyArray<string | number>,
  member: string
): string => {
  const marker = `__MARKER_${Math.random().toString(36).slice(2)}__`
  const text = JSON.stringify(replaced(value, [...path, marker], 0))
  return text.replace(`"${marker}":0`, member)
}

const objectPaths = (value: Record<string, unknown>): Array<Array<string | number>> => {
  const paths: Array<Array<string | number>> = [[]]
  for (const path of pathsOf(value)) {
    let node: unknown = value
    for (const key of path) node = (node as Record<string | number, unknown>)[key]
    if (node !== null && typeof node === "object" && !Array.isArray(node)) paths.push(path)
  }
  return paths
}

const ofClass = (
  operation: OperationName,
  klass: BadResponseClass,
  arbitrary: FastCheck.Arbitrary<Omit<BadResponse, "operation" | "class">>
): readonly [BadResponseClass, FastCheck.Arbitrary<BadResponse>] => [
  klass,
  arbitrary.map((r): BadResponse => ({ operation, class: klass, ...r }))
]

const responsesOf = (
  operation: OperationName,
  valid: Record<string, unknown>
): Array<readonly [BadResponseClass, FastCheck.Arbitrary<BadResponse>]> => {
  const text = JSON.stringify(valid)
  const paths = pathsOf(valid)
  const objects = objectPaths(valid)
  const pick = <A>(list: ReadonlyArray<A>) => fc.nat().map((n) => list[n % list.length]!)
  const out: Array<readonly [BadResponseClass, FastCheck.Arbitrary<BadResponse>]> = [
    ofClass(
      operation,
      "truncated JSON",
      fc
        .tuple(fc.integer({ min: 0, max: Math.max(0, text.length - 1) }), headersOf(json), anyStatus)
        .map(([at, headers, status]) => ({ status, headers, body: text.slice(0, at) }))
    ),
    ofClass(
      operation,
      "not JSON",
      fc
        .tuple(
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 200 }),
            fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
            fc.constantFrom("undefined", "NaN", "{'a':1}", "{a:1}", '{"a":1,}', "\u0000", "\ufeff{}", ")]}',\n{}")
          ),
          headersOf(json),
          anyStatus
        )
        .map(([body, headers, status]) => ({ status, headers, body }))
    ),
    ofClass(
      operation,
      "HTML error page",
      fc
        .tuple(html, headersOf("text/html"), fc.constantFrom(200, 403, 404, 500, 502, 503, 504))
        .map(([body, headers, status]) => ({ status, headers, body }))
    ),
    ofClass(
      operation,
      "deeply nested",
      fc
        .tuple(deep, fc.oneof(fc.constant([] as Array<string | number>), pick(objects)), headersOf(json), fc.boolean())
        .map(([nested, path, headers, root]) => ({
          status: 200,
          headers,
          body: root ? nested : withMemberText(valid, path, `"${path.length === 0 ? "Nested" : "a"}":${nested}`)
        }))
    ),
    ofClass(
      operation,
      "huge body",
      fc
        .tuple(fc.integer({ min: 1, max: 2 }), fc.constantFrom("string", "array", "whitespace"), headersOf(json))
        .map(([mib, kind, headers]) => {
          const size = mib * 1024 * 1024
          const body =
            kind === "string"
              ? withMemberText(valid, [], `"Huge":"${"x".repeat(size)}"`)
              : kind === "array"
                ? withMemberText(valid, [], `"Huge":[${"1,".repeat(size / 4)}1]`)
                : " ".repeat(size) + text
          return { status: 200, headers, body }
        })
    ),
    ofClass(
      operation,
      "__proto__ / constructor keys",
      fc
        .tuple(
          pick(objects),
          fc.constantFrom(
            '"__proto__":{"polluted":"yes","toString":"x"}',
            '"constructor":{"prototype":{"polluted":"yes"}}',
            '"prototype":{"polluted":"yes"}',
            '"__proto__":null',
            '"__proto__":[1,2]',
            '"hasOwnProperty":"x"',
            '"__proto__":{"__proto__":{"polluted":"yes"}}'
          ),
          headersOf(json),
          anyStatus
        )
        .map(([path, member, headers, status]) => ({ status, headers, body: withMemberText(valid, path, member) }))
    ),
    ofClass(
      operation,
      "error body on 200",
      fc.tuple(errorType, fc.string({ maxLength: 20 }), headersOf(json)).map(([type, message, headers]) => ({
        status: 200,
        headers,
        body: JSON.stringify({ __type: type, Message: message })
      }))
    ),
    ofClass(
      operation,
      "missing __type",
      fc
        .tuple(
          fc.constantFrom("{}", '{"Message":"something went wrong"}', '{"message":"x"}', "", "null", '{"__type":""}'),
          headersOf(json),
          errorStatus
        )
        .map(([body, headers, status]) => ({ status, headers, body }))
    ),
    ofClass(
      operation,
      "odd error codes",
      fc
        .tuple(
          errorType,
          fc.constantFrom("__type", "code", "header"),
          fc.oneof(
            fc.constant({}),
            fc.record({ ResourceType: wrongValue }),
            fc.record({ ConflictType: wrongValue }),
            fc.record({ Message: wrongValue }),
            fc.record({ ResourceType: fc.constantFrom("DOMAIN", "NOT_A_TYPE") })
          ),
          headersOf(json),
          errorStatus
        )
        .map(([type, where, extra, headers, status]) => ({
          status,
          headers: where === "header" ? { ...headers, "x-amzn-errortype": type.replace(/[^\x20-\x7e]/g, "") } : headers,
          body: JSON.stringify(where === "header" ? extra : { ...extra, [where]: type })
        }))
    ),
    ofClass(
      operation,
      "odd statuses",
      fc
        .tuple(fc.constantFrom(201, 202, 204, 206, 299, 301, 302, 304, 418, 451, 599), fc.boolean(), headersOf(json))
        // 204 and 304 answers carry no body (HTTP has no place for one).
        .map(([status, withBody, headers]) => ({
          status,
          headers,
          body: withBody && status !== 204 && status !== 304 ? text : ""
        }))
    )
  ]
  if (paths.length > 0) {
    out.push(
      ofClass(
        operation,
        "wrong types",
        fc.tuple(pick(paths), wrongValue, headersOf(json)).map(([path, value, headers]) => ({
          status: 200,
          headers,
          body: JSON.stringify(replaced(valid, path, value))
        }))
      ),
      ofClass(
        operation,
        "out-of-range numbers",
        fc.tuple(pick(paths), extremeNumber, headersOf(json)).map(([path, number, headers]) => {
          const marker = `__NUMBER_${Math.random().toString(36).slice(2)}__`
          return {
            status: 200,
            headers,
            body: JSON.stringify(replaced(valid, path, marker)).replace(`"${marker}"`, number)
          }
        })
      ),
      ofClass(
        operation,
        "duplicate keys",
        fc
          .tuple(
            pick(objects.filter((p) => p.length === 0 || typeof p[p.length - 1] === "string")),
            wrongValue,
            fc.boolean(),
            headersOf(json)
          )
          .chain(([path, value, before, headers]) => {
            let node: unknown = valid
            for (const key of path) node = (node as Record<string | number, unknown>)[key]
            const keys = Object.keys(node as object)
            return keys.length === 0
              ? fc.constant({ status: 200, headers, body: withMemberText(valid, path, `"Dup":1,"Dup":2`) })
              : pick(keys).map((key) => {
                  const duplicate = `${JSON.stringify(key)}:${JSON.stringify(value)}`
                  const full = withMemberText(valid, path, duplicate)
                  // `before`: the duplicate comes first (the valid value, later, wins); else it is moved last.
                  return { status: 200, headers, body: before ? full : moveLast(full, duplicate) }
                })
          })
      )
    )
  } else {
    out.push(
      ofClass(
        operation,
        "duplicate keys",
        headersOf(json).map((headers) => ({ status: 200, headers, body: '{"Dup":1,"Dup":{"a":2}}' }))
      )
    )
  }
  return out
}

/** Moves the first occurrence of `member` (followed by a comma) to the end of its object, when simple to do. */
const moveLast = (text: string, member: string): string => {
  const at = text.indexOf(`${member},`)
  if (at === -1) return text
  const without = text.slice(0, at) + text.slice(at + member.length + 1)
  // The object's end: the first `}` at the same depth after `at`.
  let depth = 0
  let inString = false
  for (let i = at; i < without.length; i++) {
    const c = without[i]
    if (inString) {
      if (c === "\\") i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === "{" || c === "[") depth++
    else if (c === "}" || c === "]") {
      if (depth === 0) return `${without.slice(0, i)},${member}${without.slice(i)}`
      depth--
    }
  }
  return text
}

// Huge bodies cost megabytes each: a few of them prove the point.
const weights: Readonly<Record<BadResponseClass, number>> = {
  "truncated JSON": 4,
  "not JSON": 4,
  "HTML error page": 4,
  "wrong types": 4,
  "out-of-range numbers": 4,
  "deeply nested": 2,
  "huge body": 1,
  "__proto__ / constructor keys": 4,
  "error body on 200": 4,
  "missing __type": 4,
  "duplicate keys": 4,
  "odd error codes": 4,
  "odd statuses": 4
}

/**
 * Bad responses across every operation: an operation, a valid output, then a class (huge and deeply nested bodies
 * less often than the others).
 *
 * @category generators
 * @since 0.1.0
 */
export const badResponse: FastCheck.Arbitrary<BadResponse> = fc
  .constantFrom(...names)
  .chain((operation) =>
    validOutput(operation).chain((valid) =>
      fc.oneof(...responsesOf(operation, valid).map(([klass, arbitrary]) => ({ arbitrary, weight: weights[klass] })))
    )
  )
