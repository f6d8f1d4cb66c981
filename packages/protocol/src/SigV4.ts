/**
 * AWS Signature Version 4, as pure string building with the hashing brought by the caller. Every signer of the
 * project (client, Node adapter) and the emulator's verifier build on this one module, so that there is one
 * canonicalizer.
 *
 * - {@link sign} (sync, e.g. over `node:crypto`) and {@link signAsync} (e.g. over WebCrypto, see
 *   {@link fromSubtle}) sign a request for the `Authorization` header and return the headers to add.
 * - The building blocks ({@link canonicalPath}, {@link canonicalQuery}, {@link canonicalHeaders},
 *   {@link canonicalRequest}, {@link stringToSign}, {@link signingKey}, {@link authorization}) are exported for
 *   diagnosis and for the verifier, which also uses {@link parseAuthorization}.
 *
 * Conformance: the AWS SigV4 test suites (aws-c-auth and botocore copies) pass in header mode. Presigned URLs
 * (query signing) are not implemented: Voice ID is only called with header signing.
 *
 * The path given to the signer is the path as it appears on the request line; it is URI-encoded once more per
 * segment, which is what every AWS service except S3 expects (Voice ID always uses `/`).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"

// ---------------------------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------------------------

/**
 * Synchronous SHA-256 and HMAC-SHA256, brought by the caller (`node:crypto` fits it). Strings are UTF-8.
 *
 * @category models
 * @since 0.1.0
 */
export interface Sha256Hmac {
  /** Lower-case hex SHA-256 of the data. */
  readonly sha256Hex: (data: string | Uint8Array) => string
  /** HMAC-SHA256 of `data` under `key`. */
  readonly hmacSha256: (key: Uint8Array | string, data: string) => Uint8Array
  /**
   * Lower-case hex HMAC-SHA256 of `data` under `key`, when the crypto has a faster way to it than hex-encoding
   * {@link Sha256Hmac.hmacSha256} (the signature is one per request; the Node adapter's crypto has one).
   */
  readonly hmacSha256Hex?: ((key: Uint8Array | string, data: string) => string) | undefined
}

/**
 * Asynchronous SHA-256 and HMAC-SHA256 (WebCrypto-shaped, see {@link fromSubtle}). Strings are UTF-8.
 *
 * @category models
 * @since 0.1.0
 */
export interface Sha256HmacAsync {
  /** Lower-case hex SHA-256 of the data. */
  readonly sha256Hex: (data: string | Uint8Array) => Promise<string>
  /** HMAC-SHA256 of `data` under `key`. */
  readonly hmacSha256: (key: Uint8Array | string, data: string) => Promise<Uint8Array>
}

/**
 * Credentials as plain strings. Callers above this layer keep them `Redacted` and unwrap them only to sign.
 *
 * @category models
 * @since 0.1.0
 */
export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string | undefined
}

/**
 * Header values by name (any case). A name given twice in different cases, or an array of values, is joined with
 * `,` in order, as SigV4 requires for repeated headers. `undefined` values are skipped.
 *
 * @category models
 * @since 0.1.0
 */
export type Headers = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/**
 * Query parameters: either the raw query string of the request line (without `?`; keys and values are
 * percent-decoded, then re-encoded), or decoded values by decoded key.
 *
 * @category models
 * @since 0.1.0
 */
export type Query = string | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/**
 * The request to sign.
 *
 * @category models
 * @since 0.1.0
 */
export interface Request {
  /** The HTTP method, upper case (`POST`). */
  readonly method: string
  /** The path as on the request line, before any `?` (`/`). */
  readonly path: string
  readonly query?: Query | undefined
  /** Must include `host`. `x-amz-date` (and the token or content hash when the signer adds them) are replaced. */
  readonly headers: Headers
  readonly body?: string | Uint8Array | undefined
}

/**
 * Cache of derived signing keys. The key only changes with the secret, the day, the region and the service, so a
 * signer that keeps one saves four of the seven hash operations of a request: a signer on the hot path should
 * hold one (see {@link makeSigningKeyCache}); this module keeps no keys of its own.
 *
 * @category models
 * @since 0.1.0
 */
export interface SigningKeyCache {
  /**
   * The signing key cached for this day (`YYYYMMDD`), region and service, or `undefined` when there is none or it
   * was derived from another secret. Never throws.
   */
  readonly get: (secretAccessKey: string, date8: string, region: string, service: string) => Uint8Array | undefined
  /** Stores the signing key derived from this secret for this day (`YYYYMMDD`), region and service. */
  readonly set: (secretAccessKey: string, date8: string, region: string, service: string, key: Uint8Array) => void
}

/**
 * How to sign.
 *
 * @category models
 * @since 0.1.0
 */
export interface SignOptions {
  /** Signing region (`us-east-1`). */
  readonly region: string
  /** Signing name of the service (`voiceid`). */
  readonly service: string
  /** The signing time; it becomes `x-amz-date` and the date of the credential scope. */
  readonly signingDate: Date
  /** Remove `.`/`..` segments and empty segments from the path before encoding it (default `true`). */
  readonly normalizePath?: boolean | undefined
  /** Add and sign `x-amz-content-sha256` with the payload hash (default `false`). */
  readonly signBody?: boolean | undefined
  /** Use this payload hash (hex, or {@link unsignedPayload}) instead of hashing `body`. */
  readonly payloadHash?: string | undefined
  /** Sign without the session token; it is still returned in `x-amz-security-token`, to add afterwards. */
  readonly omitSessionToken?: boolean | undefined
  /** Lower-case names never signed (default {@link defaultUnsignableHeaders}); `proxy-*` and `sec-*` never are. */
  readonly unsignableHeaders?: ReadonlySet<string> | undefined
  /**
   * Sign exactly these lower-case header names (overrides {@link SignOptions.unsignableHeaders}). This is what a
   * verifier passes: the `SignedHeaders` of the request it checks. Names absent from the request are skipped.
   */
  readonly signedHeaders?: ReadonlyArray<string> | undefined
  /** Reuse signing keys across calls; without one the key is derived on every call. */
  readonly signingKeyCache?: SigningKeyCache | undefined
}

/**
 * The headers a signer adds to the request (lower-case names; they replace same-named headers in any case).
 *
 * @category models
 * @since 0.1.0
 */
export interface SignedHeaders {
  readonly "x-amz-date": string
  readonly authorization: string
  /** Present when the credentials carry a session token (signed or not, see `omitSessionToken`). */
  readonly "x-amz-security-token"?: string
  /** Present when `signBody` is set. */
  readonly "x-amz-content-sha256"?: string
}

/**
 * The result of signing: the headers to add, and for diagnosis the canonical request (with the value of any
 * `x-amz-security-token` replaced by {@link redacted}), the string to sign and the signature. The diagnostics
 * never contain the secret key or the session token.
 *
 * @category models
 * @since 0.1.0
 */
export interface Signed {
  readonly headers: SignedHeaders
  readonly canonicalRequest: string
  readonly stringToSign: string
  readonly signature: string
  /** The `;`-joined signed header names. */
  readonly signedHeaders: string
}

/**
 * The parts of an `Authorization` header value.
 *
 * @category models
 * @since 0.1.0
 */
export interface ParsedAuthorization {
  readonly accessKeyId: string
  readonly date8: string
  readonly region: string
  readonly service: string
  readonly signedHeaders: ReadonlyArray<string>
  readonly signature: string
}

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

/**
 * The SigV4 algorithm name.
 *
 * @category constants
 * @since 0.1.0
 */
export const algorithm = "AWS4-HMAC-SHA256"

/**
 * The hex SHA-256 of the empty payload.
 *
 * @category constants
 * @since 0.1.0
 */
export const emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/**
 * The payload hash that marks an unsigned payload.
 *
 * @category constants
 * @since 0.1.0
 */
export const unsignedPayload = "UNSIGNED-PAYLOAD"

/**
 * What replaces the session token in returned diagnostics.
 *
 * @category constants
 * @since 0.1.0
 */
export const redacted = "<redacted>"

/**
 * Headers never signed by default. The list of `@smithy/signature-v4` (the AWS SDK for JavaScript v3 signer):
 * hop-by-hop headers, headers that proxies and user agents set or rewrite in flight (`user-agent`, `expect`,
 * `x-amzn-trace-id`, ...) and `authorization` itself; a signature over any of them would break whenever a hop
 * changes them. To it are added the W3C and B3 trace-context headers (`traceparent`, `tracestate`, `b3`,
 * `x-b3-*`), for the same reason as `x-amzn-trace-id`: tracers and service meshes rewrite them per hop, and an
 * Effect HTTP client adds them. Names starting with `proxy-` or `sec-` are never signed either.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultUnsignableHeaders: ReadonlySet<string> = new Set([
  "authorization",
  "cache-control",
  "connection",
  "expect",
  "from",
  "keep-alive",
  "max-forwards",
  "pragma",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amzn-trace-id",
  "traceparent",
  "tracestate",
  "b3",
  "x-b3-traceid",
  "x-b3-spanid",
  "x-b3-parentspanid",
  "x-b3-sampled",
  "x-b3-flags"
])

const AMZ_DATE = "x-amz-date"
const TOKEN = "x-amz-security-token"
const CONTENT_SHA256 = "x-amz-content-sha256"
const TERMINATOR = "aws4_request"

// ---------------------------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------------------------

const TWO_DIGITS: ReadonlyArray<string> = Array.from({ length: 60 }, (_, i) => (i < 10 ? "0" : "") + i)

/**
 * The SigV4 time stamp of a date: `20150830T123600Z` (UTC, milliseconds dropped). An invalid date throws a
 * `RangeError`, as `toISOString` does: it is a defect of the caller.
 *
 * @category strings
 * @since 0.1.0
 */
export const amzDate = (date: Date): string => {
  // Integer arithmetic on the epoch: `toISOString` costs a microsecond, a large share of a signature.
  const ms = date.getTime()
  const days = Math.floor(ms / 86_400_000)
  const secondsOfDay = Math.floor((ms - days * 86_400_000) / 1000)
  // Civil date from days since 1970-01-01 (proleptic Gregorian calendar).
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  if (!(year >= 1000 && year <= 9999)) {
    // Outside four-digit years (or an invalid date, which throws here): the slow, exact path.
    const iso = date.toISOString()
    return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 19) + "Z"
  }
  const hours = Math.floor(secondsOfDay / 3600)
  const minutes = Math.floor((secondsOfDay - hours * 3600) / 60)
  return (
    year +
    TWO_DIGITS[month]! +
    TWO_DIGITS[day]! +
    "T" +
    TWO_DIGITS[hours]! +
    TWO_DIGITS[minutes]! +
    TWO_DIGITS[secondsOfDay - hours * 3600 - minutes * 60]! +
    "Z"
  )
}

/**
 * The credential scope: `20150830/us-east-1/service/aws4_request`.
 *
 * @category strings
 * @since 0.1.0
 */
export const credentialScope = (date8: string, region: string, service: string): string =>
  date8 + "/" + region + "/" + service + "/" + TERMINATOR

// 1 for the characters SigV4 never encodes: A-Z a-z 0-9 - . _ ~
const UNRESERVED = (() => {
  const table = new Uint8Array(128)
  for (let c = 0; c < 128; c++) {
    if (
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x5f ||
      c === 0x7e
    ) {
      table[c] = 1
    }
  }
  return table
})()

const HEX: ReadonlyArray<string> = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16))
const PERCENT: ReadonlyArray<string> = HEX.map((h) => "%" + h.toUpperCase())
// The characters encodeURIComponent keeps but SigV4 encodes.
const SUB_DELIMS = /[!'()*]/g
const subDelim = (c: string): string => PERCENT[c.charCodeAt(0)]!
let utf8: TextEncoder | undefined

const encodeSlow = (s: string): string => {
  try {
    return encodeURIComponent(s).replace(SUB_DELIMS, subDelim)
  } catch {
    // A lone surrogate: encode its replacement character, as TextEncoder does.
    utf8 ??= new TextEncoder()
    const bytes = utf8.encode(s)
    let out = ""
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!
      out += b < 128 && UNRESERVED[b] === 1 ? String.fromCharCode(b) : PERCENT[b]!
    }
    return out
  }
}

/**
 * URI-encodes a string the SigV4 way: `A-Za-z0-9-._~` kept, every other byte of its UTF-8 as upper-case `%XX`
 * (a space is `%20`, `/` is `%2F`).
 *
 * @category strings
 * @since 0.1.0
 */
export const uriEncode = (s: string): string => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128 || UNRESERVED[c] !== 1) return encodeSlow(s)
  }
  return s
}

const decode = (s: string): string => {
  if (s.indexOf("%") === -1) return s
  try {
    return decodeURIComponent(s)
  } catch {
    // Malformed escapes are signed as they are; the verifier then sees a mismatch, not a crash.
    return s
  }
}

/**
 * The canonical URI of a path as on the request line: each segment URI-encoded (so `/example space/` becomes
 * `/example%20space/`); with `normalize` (the default), `.` and `..` segments are resolved and empty segments
 * dropped first (`//a/./b/..//` becomes `/a/`). An empty path is `/`.
 *
 * @category strings
 * @since 0.1.0
 */
export const canonicalPath = (path: string, normalize = true): string => {
  if (path === "/" || path === "") return "/"
  const segments = path.split("/")
  if (!normalize) {
    let out = uriEncode(segments[0]!)
    for (let i = 1; i < segments.length; i++) out += "/" + uriEncode(segments[i]!)
    return out
  }
  const kept: Array<string> = []
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue
    if (segment === "..") kept.pop()
    else kept.push(uriEncode(segment))
  }
  if (kept.length === 0) return "/"
  return "/" + kept.join("/") + (path.endsWith("/") ? "/" : "")
}

const comparePairs = (a: readonly [string, string], b: readonly [string, string]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0

/**
 * The canonical query string: keys and values URI-encoded, pairs sorted by encoded key then encoded value, joined
 * with `&`. A raw query string is split on `&` and the first `=` (a missing `=` is an empty value) and each part
 * percent-decoded first; empty parts (`a=1&&b=2`) are skipped.
 *
 * @category strings
 * @since 0.1.0
 */
export const canonicalQuery = (query: Query | undefined): string => {
  if (query === undefined || query === "") return ""
  const pairs: Array<readonly [string, string]> = []
  if (typeof query === "string") {
    for (const part of query.split("&")) {
      if (part === "") continue
      const eq = part.indexOf("=")
      const key = eq === -1 ? part : part.slice(0, eq)
      const value = eq === -1 ? "" : part.slice(eq + 1)
      pairs.push([uriEncode(decode(key)), uriEncode(decode(value))])
    }
  } else {
    for (const key of Object.keys(query)) {
      const value = query[key]
      if (value === undefined) continue
      const encodedKey = uriEncode(key)
      if (typeof value === "string") pairs.push([encodedKey, uriEncode(value)])
      else for (const v of value) pairs.push([encodedKey, uriEncode(v)])
    }
  }
  if (pairs.length > 1) pairs.sort(comparePairs)
  let out = ""
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!
    out += (i === 0 ? "" : "&") + pair[0] + "=" + pair[1]
  }
  return out
}

const WHITESPACE_RUN = /[\t\n\r ]+/g

/**
 * A header value as SigV4 signs it: leading and trailing whitespace removed, inner runs of whitespace collapsed to
 * one space. Whitespace is what HTTP allows in a value: spaces, tabs, and the line breaks of folded values.
 *
 * @category strings
 * @since 0.1.0
 */
export const trimHeaderValue = (value: string): string => {
  // Most values need nothing. `indexOf` runs natively and beats a per-character loop, which matters for
  // session tokens (hundreds of characters, on every request).
  const last = value.length - 1
  if (
    last >= 0 &&
    value.charCodeAt(0) !== 0x20 &&
    value.charCodeAt(last) !== 0x20 &&
    value.indexOf("  ") === -1 &&
    value.indexOf("\t") === -1 &&
    value.indexOf("\n") === -1 &&
    value.indexOf("\r") === -1
  ) {
    return value
  }
  const collapsed = value.replace(WHITESPACE_RUN, " ")
  const start = collapsed.charCodeAt(0) === 0x20 ? 1 : 0
  const end = collapsed.length > start && collapsed.charCodeAt(collapsed.length - 1) === 0x20 ? -1 : undefined
  return start === 0 && end === undefined ? collapsed : collapsed.slice(start, end)
}

/**
 * Whether a (lower-case) header name is signed by default: not in the given set (default
 * {@link defaultUnsignableHeaders}) and not starting with `proxy-` or `sec-`.
 *
 * @category strings
 * @since 0.1.0
 */
export const isSignableHeader = (name: string, unsignable: ReadonlySet<string> = defaultUnsignableHeaders): boolean =>
  !unsignable.has(name) && !name.startsWith("proxy-") && !name.startsWith("sec-")

const isDefaultSignable = (name: string): boolean => isSignableHeader(name)

// Sorted, merged header list built in place: parallel arrays, insertion sort (a handful of headers).
interface HeaderList {
  readonly names: Array<string>
  readonly values: Array<string>
}

const addHeader = (list: HeaderList, name: string, value: string): void => {
  const { names, values } = list
  let i = names.length
  while (i > 0 && names[i - 1]! > name) i--
  if (i > 0 && names[i - 1] === name) {
    values[i - 1] += "," + value
    return
  }
  // Shift the tail by one (cheaper than `splice` for a handful of entries).
  for (let j = names.length; j > i; j--) {
    names[j] = names[j - 1]!
    values[j] = values[j - 1]!
  }
  names[i] = name
  values[i] = value
}

const collectHeaders = (
  headers: Headers,
  include: (name: string) => boolean,
  managed: ReadonlySet<string> | undefined
): HeaderList => {
  const list: HeaderList = { names: [], values: [] }
  for (const key of Object.keys(headers)) {
    const raw = headers[key]
    if (raw === undefined) continue
    const name = key.toLowerCase()
    if (managed?.has(name)) continue
    if (!include(name)) continue
    let value: string
    if (typeof raw === "string") {
      value = trimHeaderValue(raw)
    } else {
      if (raw.length === 0) continue
      value = raw.map(trimHeaderValue).join(",")
    }
    addHeader(list, name, value)
  }
  return list
}

const renderHeaders = (list: HeaderList): { readonly canonicalHeaders: string; readonly signedHeaders: string } => {
  let canonical = ""
  let signed = ""
  const { names, values } = list
  for (let i = 0; i < names.length; i++) {
    canonical += names[i] + ":" + values[i] + "\n"
    signed += (i === 0 ? "" : ";") + names[i]
  }
  return { canonicalHeaders: canonical, signedHeaders: signed }
}

/**
 * The canonical headers (`name:value\n` for each, lower-case names, sorted, values trimmed, repeated names joined
 * with `,` in order) and the signed header list (`host;x-amz-date`) of the headers that `include` accepts (by
 * default {@link isSignableHeader}).
 *
 * @category strings
 * @since 0.1.0
 */
export const canonicalHeaders = (
  headers: Headers,
  include: (lowerCaseName: string) => boolean = isSignableHeader
): { readonly canonicalHeaders: string; readonly signedHeaders: string } =>
  renderHeaders(collectHeaders(headers, include, undefined))

/**
 * The canonical request: method, canonical URI, canonical query, canonical headers (each line ending in `\n`),
 * signed header list and payload hash, joined with `\n`.
 *
 * @category strings
 * @since 0.1.0
 */
export const canonicalRequest = (parts: {
  readonly method: string
  readonly canonicalPath: string
  readonly canonicalQuery: string
  readonly canonicalHeaders: string
  readonly signedHeaders: string
  readonly payloadHash: string
}): string =>
  parts.method +
  "\n" +
  parts.canonicalPath +
  "\n" +
  parts.canonicalQuery +
  "\n" +
  parts.canonicalHeaders +
  "\n" +
  parts.signedHeaders +
  "\n" +
  parts.payloadHash

/**
 * The string to sign: algorithm, time stamp, credential scope and the hex SHA-256 of the canonical request.
 *
 * @category strings
 * @since 0.1.0
 */
export const stringToSign = (amzDate: string, scope: string, canonicalRequestHashHex: string): string =>
  algorithm + "\n" + amzDate + "\n" + scope + "\n" + canonicalRequestHashHex

/**
 * The `Authorization` header value.
 *
 * @category strings
 * @since 0.1.0
 */
export const authorization = (accessKeyId: string, scope: string, signedHeaders: string, signature: string): string =>
  algorithm +
  " Credential=" +
  accessKeyId +
  "/" +
  scope +
  ", SignedHeaders=" +
  signedHeaders +
  ", Signature=" +
  signature

/**
 * Lower-case hex of bytes.
 *
 * @category strings
 * @since 0.1.0
 */
export const toHex = (bytes: Uint8Array): string => {
  let out = ""
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing (for verifiers)
// ---------------------------------------------------------------------------------------------------------------

const isDigits8 = (s: string): boolean => {
  if (s.length !== 8) return false
  for (let i = 0; i < 8; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  return true
}

/**
 * Parses an `Authorization` header value
 * (`AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=…`). Components may be separated by `,` with or without spaces, in any order. Fails with a reason
 * worded like the service's own messages. The signature is not checked beyond being present: comparing it is the
 * verifier's job.
 *
 * @category parsing
 * @since 0.1.0
 */
export const parseAuthorization = (value: string): Either.Either<ParsedAuthorization, string> => {
  const trimmed = value.trim()
  const space = trimmed.indexOf(" ")
  const scheme = space === -1 ? trimmed : trimmed.slice(0, space)
  if (scheme !== algorithm) {
    return Either.left(`Unsupported Authorization algorithm: '${scheme}' (expected '${algorithm}').`)
  }
  let credential: string | undefined
  let signedHeaders: string | undefined
  let signature: string | undefined
  for (const component of (space === -1 ? "" : trimmed.slice(space + 1)).split(",")) {
    const part = component.trim()
    if (part === "") continue
    const eq = part.indexOf("=")
    if (eq === -1) return Either.left("Invalid key=value pair (missing equal-sign) in Authorization header.")
    const key = part.slice(0, eq).trim()
    const v = part.slice(eq + 1).trim()
    if (key === "Credential" || key === "SignedHeaders" || key === "Signature") {
      const already = key === "Credential" ? credential : key === "SignedHeaders" ? signedHeaders : signature
      if (already !== undefined) return Either.left(`Authorization header has more than one '${key}' parameter.`)
      if (key === "Credential") credential = v
      else if (key === "SignedHeaders") signedHeaders = v
      else signature = v
    }
  }
  const missing: Array<string> = []
  if (!credential) missing.push("Authorization header requires 'Credential' parameter.")
  if (!signature) missing.push("Authorization header requires 'Signature' parameter.")
  if (!signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.")
  if (!credential || !signature || !signedHeaders) return Either.left(missing.join(" "))
  const elements = credential.split("/")
  if (elements.length !== 5) {
    return Either.left(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`
    )
  }
  const [accessKeyId, date8, region, service, terminator] = elements as [string, string, string, string, string]
  if (accessKeyId === "") return Either.left("Credential must name an access key id.")
  if (!isDigits8(date8)) return Either.left(`Credential date must be in the form YYYYMMDD, got '${date8}'.`)
  if (region === "") return Either.left("Credential should be scoped to a valid region.")
  if (service === "") return Either.left("Credential should be scoped to correct service.")
  if (terminator !== TERMINATOR) {
    return Either.left(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`)
  }
  const names = signedHeaders.split(";")
  if (names.some((name) => name === ""))
    return Either.left(`SignedHeaders has an empty header name: '${signedHeaders}'.`)
  return Either.right({ accessKeyId, date8, region, service, signedHeaders: names, signature })
}

// ---------------------------------------------------------------------------------------------------------------
// Signing keys
// ---------------------------------------------------------------------------------------------------------------

/**
 * The signing key: HMAC chain of `AWS4<secret>` over the date, region, service and `aws4_request`.
 *
 * @category signing
 * @since 0.1.0
 */
export const signingKey = (
  crypto: Sha256Hmac,
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string
): Uint8Array => {
  const kDate = crypto.hmacSha256("AWS4" + secretAccessKey, date8)
  const kRegion = crypto.hmacSha256(kDate, region)
  const kService = crypto.hmacSha256(kRegion, service)
  return crypto.hmacSha256(kService, TERMINATOR)
}

/**
 * {@link signingKey} over an asynchronous crypto.
 *
 * @category signing
 * @since 0.1.0
 */
export const signingKeyAsync = async (
  crypto: Sha256HmacAsync,
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string
): Promise<Uint8Array> => {
  const kDate = await crypto.hmacSha256("AWS4" + secretAccessKey, date8)
  const kRegion = await crypto.hmacSha256(kDate, region)
  const kService = await crypto.hmacSha256(kRegion, service)
  return crypto.hmacSha256(kService, TERMINATOR)
}

/**
 * A small signing-key memo for {@link SignOptions.signingKeyCache}: one entry per day, region and service (the
 * oldest dropped beyond `capacity`), remembering which secret it was derived from. It holds derived keys and a
 * reference to the secret string the credentials already hold, inside a closure (nothing enumerable to log).
 *
 * @category signing
 * @since 0.1.0
 */
export const makeSigningKeyCache = (capacity = 16): SigningKeyCache => {
  const entries = new Map<string, { readonly secret: string; readonly key: Uint8Array }>()
  // The entry of the last hit, checked first: a signer almost always asks for the same key as last time.
  let lastSecret = ""
  let lastDate8 = ""
  let lastRegion = ""
  let lastService = ""
  let lastKey: Uint8Array | undefined
  const remember = (secret: string, date8: string, region: string, service: string, key: Uint8Array) => {
    lastSecret = secret
    lastDate8 = date8
    lastRegion = region
    lastService = service
    lastKey = key
  }
  return {
    get: (secret, date8, region, service) => {
      if (
        lastKey !== undefined &&
        date8 === lastDate8 &&
        secret === lastSecret &&
        region === lastRegion &&
        service === lastService
      ) {
        return lastKey
      }
      const entry = entries.get(date8 + "/" + region + "/" + service)
      if (entry === undefined || entry.secret !== secret) return undefined
      remember(secret, date8, region, service, entry.key)
      return entry.key
    },
    set: (secret, date8, region, service, key) => {
      const id = date8 + "/" + region + "/" + service
      entries.delete(id)
      if (entries.size >= capacity) {
        const oldest = entries.keys().next()
        if (!oldest.done) entries.delete(oldest.value)
      }
      entries.set(id, { secret, key })
      remember(secret, date8, region, service, key)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------------------------------

interface Prepared {
  readonly amzDate: string
  readonly date8: string
  readonly scope: string
  readonly canonicalRequest: string
  readonly signedHeaders: string
  readonly payloadHash: string
  readonly token: string | undefined
}

const MANAGED_DATE: ReadonlySet<string> = new Set([AMZ_DATE])
const MANAGED_DATE_TOKEN: ReadonlySet<string> = new Set([AMZ_DATE, TOKEN])
const MANAGED_DATE_SHA: ReadonlySet<string> = new Set([AMZ_DATE, CONTENT_SHA256])
const MANAGED_ALL: ReadonlySet<string> = new Set([AMZ_DATE, TOKEN, CONTENT_SHA256])

// The options, read once into an object of one shape: the hot path then reads a record V8 knows.
interface Resolved {
  readonly region: string
  readonly service: string
  readonly signingDate: Date
  readonly normalizePath: boolean
  readonly signBody: boolean
  readonly payloadHash: string | undefined
  readonly omitSessionToken: boolean
  readonly unsignableHeaders: ReadonlySet<string> | undefined
  readonly signedHeaders: ReadonlyArray<string> | undefined
  readonly signingKeyCache: SigningKeyCache | undefined
}

const resolve = (options: SignOptions): Resolved => ({
  region: options.region,
  service: options.service,
  signingDate: options.signingDate,
  normalizePath: options.normalizePath !== false,
  signBody: options.signBody === true,
  payloadHash: options.payloadHash,
  omitSessionToken: options.omitSessionToken === true,
  unsignableHeaders: options.unsignableHeaders,
  signedHeaders: options.signedHeaders,
  signingKeyCache: options.signingKeyCache
})

// The time stamp and credential scope of the last signature, reused while they hold: a signer signs many requests
// a second, nearly all of one day, region and service. Only these derived strings are kept, no key or secret.
let lastSecond = Number.NaN
let lastAmzDate = ""
let lastScopeDate8 = ""
let lastScopeRegion = ""
let lastScopeService = ""
let lastScope = ""

const prepare = (request: Request, credentials: Credentials, options: Resolved, payloadHash: string): Prepared => {
  const second = Math.floor(options.signingDate.getTime() / 1000)
  // An invalid date gives NaN, never equal: `amzDate` then throws as documented.
  if (second !== lastSecond) {
    lastAmzDate = amzDate(options.signingDate)
    lastSecond = second
  }
  const date = lastAmzDate
  const date8 = date.slice(0, 8)
  const region = options.region
  const service = options.service
  if (date8 !== lastScopeDate8 || region !== lastScopeRegion || service !== lastScopeService || lastScope === "") {
    lastScope = credentialScope(date8, region, service)
    lastScopeDate8 = date8
    lastScopeRegion = region
    lastScopeService = service
  }
  const scope = lastScope
  const sessionToken = credentials.sessionToken
  const token = sessionToken === undefined || sessionToken === "" ? undefined : sessionToken
  const signBody = options.signBody
  const managed =
    token !== undefined ? (signBody ? MANAGED_ALL : MANAGED_DATE_TOKEN) : signBody ? MANAGED_DATE_SHA : MANAGED_DATE
  let include: (name: string) => boolean
  let explicit: ReadonlySet<string> | undefined
  if (options.signedHeaders !== undefined) {
    const set = new Set(options.signedHeaders)
    explicit = set
    include = (name) => set.has(name)
  } else {
    const unsignable = options.unsignableHeaders
    include = unsignable === undefined ? isDefaultSignable : (name) => isSignableHeader(name, unsignable)
  }
  const list = collectHeaders(request.headers, include, managed)
  if (explicit === undefined || explicit.has(AMZ_DATE)) addHeader(list, AMZ_DATE, date)
  const tokenSigned =
    token !== undefined && !options.omitSessionToken && (explicit === undefined || explicit.has(TOKEN))
      ? token
      : undefined
  if (tokenSigned !== undefined) addHeader(list, TOKEN, trimHeaderValue(tokenSigned))
  if (signBody && (explicit === undefined || explicit.has(CONTENT_SHA256))) addHeader(list, CONTENT_SHA256, payloadHash)
  const rendered = renderHeaders(list)
  const canonical =
    request.method +
    "\n" +
    canonicalPath(request.path, options.normalizePath) +
    "\n" +
    canonicalQuery(request.query) +
    "\n" +
    rendered.canonicalHeaders +
    "\n" +
    rendered.signedHeaders +
    "\n" +
    payloadHash
  return {
    amzDate: date,
    date8,
    scope,
    canonicalRequest: canonical,
    signedHeaders: rendered.signedHeaders,
    payloadHash,
    token
  }
}

// The token may be signed from the credentials or, for a verifier, from the request's own header: either way
// its line is the only one starting with the name (path and query are encoded, so they hold no `:`).
const redactToken = (canonical: string): string => {
  const marker = "\n" + TOKEN + ":"
  const at = canonical.indexOf(marker)
  if (at === -1) return canonical
  const start = at + marker.length
  return canonical.slice(0, start) + redacted + canonical.slice(canonical.indexOf("\n", start))
}

const finish = (
  prepared: Prepared,
  credentials: Credentials,
  stringToSign: string,
  signature: string,
  signBody: boolean
): Signed => {
  const added: {
    "x-amz-date": string
    authorization: string
    "x-amz-security-token"?: string
    "x-amz-content-sha256"?: string
  } = {
    "x-amz-date": prepared.amzDate,
    authorization: authorization(credentials.accessKeyId, prepared.scope, prepared.signedHeaders, signature)
  }
  if (prepared.token !== undefined) added["x-amz-security-token"] = prepared.token
  if (signBody) added["x-amz-content-sha256"] = prepared.payloadHash
  const canonical = prepared.canonicalRequest
  return {
    headers: added,
    // A plain property: an object literal with a getter is built on a slow path, which cost more per signature
    // than redacting (two slices) does when a token is signed.
    canonicalRequest: prepared.signedHeaders.indexOf(TOKEN) === -1 ? canonical : redactToken(canonical),
    stringToSign,
    signature,
    signedHeaders: prepared.signedHeaders
  }
}

/**
 * Signs a request for the `Authorization` header with a synchronous crypto. Returns the headers to add and, for
 * diagnosis, the canonical request (token redacted, computed on access), string to sign and signature.
 *
 * The payload hash is `options.payloadHash` when given, else the SHA-256 of `body` (of the empty string when
 * there is none). The request is not changed. Over `node:crypto`, pass a {@link SigningKeyCache}, prefer the
 * one-shot `crypto.hash("sha256", data, "hex")` (Node 20.12+) to `createHash` for `sha256Hex`, and give an
 * `hmacSha256Hex` that avoids an `Hmac` object per call (the Node adapter's signer does all three).
 *
 * @category signing
 * @since 0.1.0
 */
export const sign = (crypto: Sha256Hmac, request: Request, credentials: Credentials, options: SignOptions): Signed => {
  const resolved = resolve(options)
  const body = request.body
  const payloadHash =
    resolved.payloadHash ?? (body === undefined || body.length === 0 ? emptyPayloadHash : crypto.sha256Hex(body))
  const prepared = prepare(request, credentials, resolved, payloadHash)
  const sts = stringToSign(prepared.amzDate, prepared.scope, crypto.sha256Hex(prepared.canonicalRequest))
  const { region, service, signingKeyCache: cache } = resolved
  const secret = credentials.secretAccessKey
  let key = cache?.get(secret, prepared.date8, region, service)
  if (key === undefined) {
    key = signingKey(crypto, secret, prepared.date8, region, service)
    cache?.set(secret, prepared.date8, region, service, key)
  }
  const signature =
    crypto.hmacSha256Hex !== undefined ? crypto.hmacSha256Hex(key, sts) : toHex(crypto.hmacSha256(key, sts))
  return finish(prepared, credentials, sts, signature, resolved.signBody)
}

/**
 * {@link sign} with an asynchronous crypto (WebCrypto, see {@link fromSubtle}).
 *
 * @category signing
 * @since 0.1.0
 */
export const signAsync = async (
  crypto: Sha256HmacAsync,
  request: Request,
  credentials: Credentials,
  options: SignOptions
): Promise<Signed> => {
  const resolved = resolve(options)
  const body = request.body
  const payloadHash =
    resolved.payloadHash ?? (body === undefined || body.length === 0 ? emptyPayloadHash : await crypto.sha256Hex(body))
  const prepared = prepare(request, credentials, resolved, payloadHash)
  const sts = stringToSign(prepared.amzDate, prepared.scope, await crypto.sha256Hex(prepared.canonicalRequest))
  const { region, service, signingKeyCache: cache } = resolved
  const secret = credentials.secretAccessKey
  let key = cache?.get(secret, prepared.date8, region, service)
  if (key === undefined) {
    key = await signingKeyAsync(crypto, secret, prepared.date8, region, service)
    cache?.set(secret, prepared.date8, region, service, key)
  }
  const signature = toHex(await crypto.hmacSha256(key, sts))
  return finish(prepared, credentials, sts, signature, resolved.signBody)
}

/**
 * An asynchronous crypto over a WebCrypto `SubtleCrypto` (pass `globalThis.crypto.subtle`).
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromSubtle = (subtle: SubtleCrypto): Sha256HmacAsync => {
  const encoder = new TextEncoder()
  const bytes = (data: string | Uint8Array): Uint8Array<ArrayBuffer> =>
    typeof data === "string" ? encoder.encode(data) : (data as Uint8Array<ArrayBuffer>)
  return {
    sha256Hex: async (data) => toHex(new Uint8Array(await subtle.digest("SHA-256", bytes(data)))),
    hmacSha256: async (key, data) => {
      const cryptoKey = await subtle.importKey("raw", bytes(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      return new Uint8Array(await subtle.sign("HMAC", cryptoKey, bytes(data)))
    }
  }
}
