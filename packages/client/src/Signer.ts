/**
 * The request signer: a service that turns a request description, credentials and a signing context into the
 * headers that authenticate it (`authorization`, `x-amz-date`, `x-amz-security-token`).
 *
 * Every signer of the project builds on the one canonicalizer of `@effect-voiceid/protocol` (`SigV4`). This module
 * gives the portable {@link webCrypto} signer (`globalThis.crypto.subtle`: Node, workerd, Bun, Deno, browsers) and
 * {@link fromSha256Hmac} for a synchronous hash (the Node adapter passes `node:crypto`, about thirty times faster).
 *
 * @since 0.1.0
 */
import { SigV4 } from "@effect-voiceid/protocol"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type { AwsCredentials } from "./Credentials.js"
import { SigningError } from "./Errors.js"

/**
 * What a signature is computed for, besides the request itself.
 *
 * @category models
 * @since 0.1.0
 */
export interface SigningContext {
  readonly credentials: AwsCredentials
  /** Signing region (`us-east-1`). */
  readonly region: string
  /** Signing name of the service (`voiceid`). */
  readonly service: string
  /** The signing time (the client's clock, corrected for skew). */
  readonly signingDate: Date
}

/**
 * Signs requests. `request.headers` must include `host` and holds exactly the headers to sign; the result holds
 * the headers to add to the request.
 *
 * @category models
 * @since 0.1.0
 */
export interface RequestSigner {
  /**
   * The headers that authenticate `request` for `context` (`authorization`, `x-amz-date`, and
   * `x-amz-security-token` when the credentials carry a session token); the request is not changed. Fails with a
   * {@link SigningError} when the crypto implementation does.
   */
  readonly sign: (request: SigV4.Request, context: SigningContext) => Effect.Effect<SigV4.SignedHeaders, SigningError>
}

/**
 * The signer the client uses.
 *
 * @category services
 * @since 0.1.0
 */
export class Signer extends Context.Tag("@effect-voiceid/client/Signer")<Signer, RequestSigner>() {}

const plain = (credentials: AwsCredentials): SigV4.Credentials =>
  credentials.sessionToken === undefined
    ? { accessKeyId: credentials.accessKeyId, secretAccessKey: Redacted.value(credentials.secretAccessKey) }
    : {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: Redacted.value(credentials.secretAccessKey),
        sessionToken: Redacted.value(credentials.sessionToken)
      }

const options = (context: SigningContext, cache: SigV4.SigningKeyCache): SigV4.SignOptions => ({
  region: context.region,
  service: context.service,
  signingDate: context.signingDate,
  signingKeyCache: cache
})

// The cause of a failed signature is described by its class and message only: the secret never reaches them, but
// an exotic crypto implementation could put anything in other fields.
const reasonOf = (cause: unknown): string =>
  cause instanceof Error ? `${cause.name}: ${cause.message}` : "the crypto implementation failed"

/**
 * A signer over a synchronous SHA-256/HMAC (for example `node:crypto`). Signing keys are cached per day, region
 * and service.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromSha256Hmac = (crypto: SigV4.Sha256Hmac): RequestSigner => {
  const cache = SigV4.makeSigningKeyCache()
  return {
    sign: (request, context) =>
      Effect.try({
        try: () => SigV4.sign(crypto, request, plain(context.credentials), options(context, cache)).headers,
        catch: (cause) => new SigningError({ reason: reasonOf(cause) })
      })
  }
}

/**
 * A signer over an asynchronous SHA-256/HMAC. Signing keys are cached per day, region and service.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromSha256HmacAsync = (crypto: SigV4.Sha256HmacAsync): RequestSigner => {
  const cache = SigV4.makeSigningKeyCache()
  return {
    sign: (request, context) =>
      Effect.tryPromise({
        try: () => SigV4.signAsync(crypto, request, plain(context.credentials), options(context, cache)),
        catch: (cause) => new SigningError({ reason: reasonOf(cause) })
      }).pipe(Effect.map((signed) => signed.headers))
  }
}

/**
 * The portable signer: WebCrypto's `SubtleCrypto` (by default `globalThis.crypto.subtle`). Where the platform has
 * none, every signature fails with a {@link SigningError}.
 *
 * @category constructors
 * @since 0.1.0
 */
export const webCrypto = (subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): RequestSigner =>
  subtle === undefined
    ? { sign: () => Effect.fail(new SigningError({ reason: "this platform has no WebCrypto (crypto.subtle)" })) }
    : fromSha256HmacAsync(SigV4.fromSubtle(subtle))

/**
 * The {@link webCrypto} signer as a layer.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerWebCrypto: Layer.Layer<Signer> = /* @__PURE__ */ Layer.sync(Signer, () => webCrypto())
