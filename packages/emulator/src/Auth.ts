/**
 * SigV4 verification, as the service does it: the `Authorization` header is parsed, the credential scope must
 * name the service and a region the emulator serves, the access key must be known, the request time must be
 * within the allowed skew of the emulator clock, and the signature is recomputed over the request exactly as
 * sent (signed headers, payload hash) with the protocol package's canonicalizer and compared in constant time.
 *
 * Pure, with `node:crypto` for hashing.
 *
 * @since 0.1.0
 */

import * as crypto from "node:crypto"
import { SigV4 } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"

/**
 * `node:crypto` in the shape the signer takes.
 *
 * @category crypto
 * @since 0.1.0
 */
export const nodeCrypto: SigV4.Sha256Hmac = {
  // The one-shot `crypto.hash` (Node 20.12+; read off the namespace, so older Nodes load this module too) costs
  // half of a `Hash` object for inputs this small.
  sha256Hex:
    typeof crypto.hash === "function"
      ? (data) => crypto.hash("sha256", data, "hex")
      : (data) => crypto.createHash("sha256").update(data).digest("hex"),
  hmacSha256: (key, data) => crypto.createHmac("sha256", key).update(data).digest()
}

/**
 * A key pair the emulator accepts. The default is `test` / `test`, as other AWS emulators use.
 *
 * @category models
 * @since 0.1.0
 */
export interface KeyPair {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/**
 * The key pair accepted when none is configured.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultKeyPair: KeyPair = { accessKeyId: "test", secretAccessKey: "test" }

/**
 * A request as received.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReceivedRequest {
  readonly method: string
  /** The path of the request line, before any `?`. */
  readonly path: string
  /** The raw query string, without `?`. */
  readonly query?: string | undefined
  /** Header values by lower-case name; repeated headers as arrays, in order. */
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly body: string | Uint8Array
}

/**
 * How to verify.
 *
 * @category models
 * @since 0.1.0
 */
export interface VerifyOptions {
  /** Secret keys by access key id. */
  readonly keys: ReadonlyMap<string, string>
  /** The signing name the credential scope must carry (`voiceid`). */
  readonly service: string
  /** Whether the emulator serves a region. */
  readonly servesRegion: (region: string) => boolean
  /** Emulator time, epoch milliseconds. */
  readonly now: number
  /** The largest difference allowed between the request time and `now` (AWS allows 5 minutes). */
  readonly maxSkewMs: number
  /** Normalize the path before signing (every AWS service but S3 does; default `true`). */
  readonly normalizePath?: boolean | undefined
  readonly signingKeyCache?: SigV4.SigningKeyCache | undefined
}

/**
 * A verified request: who signed it, for which region.
 *
 * @category models
 * @since 0.1.0
 */
export interface Verified {
  readonly accessKeyId: string
  readonly region: string
}

/**
 * Why a request was refused, with the code, status and message AWS answers with.
 *
 * @category models
 * @since 0.1.0
 */
export interface AuthFailure {
  readonly code:
    | "MissingAuthenticationTokenException"
    | "IncompleteSignatureException"
    | "UnrecognizedClientException"
    | "InvalidSignatureException"
  readonly status: number
  readonly Message: string
}

const missing: AuthFailure = {
  code: "MissingAuthenticationTokenException",
  status: 403,
  Message: "Missing Authentication Token"
}
const unrecognized: AuthFailure = {
  code: "UnrecognizedClientException",
  status: 403,
  Message: "The security token included in the request is invalid."
}
const mismatch: AuthFailure = {
  code: "InvalidSignatureException",
  status: 403,
  Message:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
}
const invalid = (Message: string): AuthFailure => ({ code: "InvalidSignatureException", status: 403, Message })
const incomplete = (Message: string): AuthFailure => ({ code: "IncompleteSignatureException", status: 400, Message })

const first = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

/** The number written by the ASCII digits `value[from, to)`, or -1 when one is not a digit. */
const digits = (value: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 0x30
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/**
 * Parses an `X-Amz-Date` value (`20150830T123600Z`) to epoch milliseconds; `undefined` when malformed.
 *
 * @category verification
 * @since 0.1.0
 */
export const parseAmzDate = (value: string): number | undefined => {
  // Read in place (every request carries one): `YYYYMMDD` `T` `HHMMSS` `Z`.
  if (value.length !== 16 || value.charCodeAt(8) !== 0x54 || value.charCodeAt(15) !== 0x5a) return undefined
  const year = digits(value, 0, 4)
  const month = digits(value, 4, 6)
  const day = digits(value, 6, 8)
  const hours = digits(value, 9, 11)
  const minutes = digits(value, 11, 13)
  const seconds = digits(value, 13, 15)
  if (year < 0 || month < 0 || day < 0 || hours < 0 || minutes < 0 || seconds < 0) return undefined
  const ms = Date.UTC(year, month - 1, day, hours, minutes, seconds)
  return Number.isNaN(ms) ? undefined : ms
}

const toAmzDate = (ms: number): string => SigV4.amzDate(new Date(ms))

const sameSignature = (given: string, expected: string): boolean => {
  if (given.length !== expected.length) return false
  return crypto.timingSafeEqual(Buffer.from(given, "latin1"), Buffer.from(expected, "latin1"))
}

/**
 * Verifies the SigV4 signature of a request. Checks, in the order AWS reports them: an `Authorization` header is
 * present (`MissingAuthenticationTokenException`), well formed (`IncompleteSignatureException`), scoped to the
 * service and a served region, dated (`X-Amz-Date` or `Date`) within the allowed skew ("Signature expired" /
 * "Signature not yet current"), by a known key (`UnrecognizedClientException`), and finally that the signature
 * matches (`InvalidSignatureException`).
 *
 * @category verification
 * @since 0.1.0
 */
export const verify = (request: ReceivedRequest, options: VerifyOptions): Either.Either<Verified, AuthFailure> => {
  const header = first(request.headers.authorization)
  if (header === undefined || header === "") return Either.left(missing)
  const parsed = SigV4.parseAuthorization(header)
  if (Either.isLeft(parsed)) return Either.left(incomplete(parsed.left))
  const auth = parsed.right
  if (auth.service !== options.service) {
    return Either.left(invalid(`Credential should be scoped to correct service: '${options.service}'. `))
  }
  if (!options.servesRegion(auth.region)) {
    return Either.left(invalid(`Credential should be scoped to a valid region, not '${auth.region}'. `))
  }
  const dateHeader = first(request.headers["x-amz-date"])
  let signedAt: number | undefined
  if (dateHeader !== undefined) signedAt = parseAmzDate(dateHeader)
  else {
    const date = first(request.headers.date)
    if (date !== undefined) {
      const ms = Date.parse(date)
      signedAt = Number.isNaN(ms) ? undefined : ms
    }
  }
  if (signedAt === undefined) {
    return Either.left(
      incomplete(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" +
          SigV4.algorithm
      )
    )
  }
  const amzDate = toAmzDate(signedAt)
  if (amzDate.slice(0, 8) !== auth.date8) {
    return Either.left(
      invalid(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date8}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`
      )
    )
  }
  if (signedAt < options.now - options.maxSkewMs) {
    return Either.left(
      invalid(
        `Signature expired: ${amzDate} is now earlier than ${toAmzDate(options.now - options.maxSkewMs)} (${toAmzDate(options.now)} - ${options.maxSkewMs / 60_000} min.)`
      )
    )
  }
  if (signedAt > options.now + options.maxSkewMs) {
    return Either.left(
      invalid(
        `Signature not yet current: ${amzDate} is still later than ${toAmzDate(options.now + options.maxSkewMs)} (${toAmzDate(options.now)} + ${options.maxSkewMs / 60_000} min.)`
      )
    )
  }
  const secretAccessKey = options.keys.get(auth.accessKeyId)
  if (secretAccessKey === undefined) return Either.left(unrecognized)
  if (!auth.signedHeaders.includes("host")) {
    return Either.left(invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."))
  }
  const signedToken = auth.signedHeaders.includes("x-amz-security-token")
    ? first(request.headers["x-amz-security-token"])
    : undefined
  const expected = SigV4.sign(
    nodeCrypto,
    {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      body: request.body
    },
    { accessKeyId: auth.accessKeyId, secretAccessKey, sessionToken: signedToken },
    {
      region: auth.region,
      service: auth.service,
      signingDate: new Date(signedAt),
      signedHeaders: auth.signedHeaders,
      normalizePath: options.normalizePath,
      signingKeyCache: options.signingKeyCache
    }
  )
  if (!sameSignature(auth.signature, expected.signature)) return Either.left(mismatch)
  return Either.right({ accessKeyId: auth.accessKeyId, region: auth.region })
}
