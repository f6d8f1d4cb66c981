/**
 * The client's `Signer` over `aws4fetch`'s `AwsV4Signer` (WebCrypto: `crypto.subtle`, present on workerd, Deno,
 * Bun, browsers and Node). Only the signer is used: requests are sent by the `HttpClient` and retried by the
 * client's retry schedule, never by `AwsClient.fetch`'s own retries.
 *
 * @since 0.1.0
 */
// Module paths rather than the packages' namespace re-exports: a bundler keeps only what is used.
import { SigningError } from "@effect-voiceid/client/Errors"
import * as Signer from "@effect-voiceid/client/Signer"
import * as SigV4 from "@effect-voiceid/protocol/SigV4"
import { AwsV4Signer } from "aws4fetch"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

// A URL whose `host` is exactly the signed host: each scheme drops its own default port, so the scheme is chosen
// to keep the port the endpoint names (`:80` survives `https:`, `:443` survives `http:`).
const urlOf = (request: SigV4.Request): string => {
  let value = ""
  for (const name in request.headers) {
    const host = request.headers[name]
    if (name.toLowerCase() === "host" && host !== undefined) value = typeof host === "string" ? host : (host[0] ?? "")
  }
  const query = request.query === undefined ? "" : `?${SigV4.canonicalQuery(request.query)}`
  return `${value.endsWith(":80") ? "https" : "http"}://${value}${request.path}${query}`
}

// Every header but `host` (aws4fetch takes it from the URL), repeated values joined with `,` as SigV4 joins them
// (a `Headers` object would join them with `, `).
const headersOf = (request: SigV4.Request): Array<[string, string]> => {
  const byName = new Map<string, Array<string>>()
  for (const name in request.headers) {
    const lower = name.toLowerCase()
    const value = request.headers[name]
    if (lower === "host" || value === undefined) continue
    const values = byName.get(lower)
    if (values === undefined) byName.set(lower, typeof value === "string" ? [value] : [...value])
    else if (typeof value === "string") values.push(value)
    else values.push(...value)
  }
  return Array.from(byName, ([name, values]) => [name, values.join(",")])
}

// The cause of a failed signature is described by its class and message only.
const reasonOf = (cause: unknown): string =>
  cause instanceof Error ? `${cause.name}: ${cause.message}` : "aws4fetch could not sign the request"

/**
 * A signer over `aws4fetch`'s `AwsV4Signer`, with its own signing-key cache. It signs exactly the headers it is
 * given (`host` and the client's `content-type`, `x-amz-target`), plus `x-amz-date` and the session token.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (): Signer.RequestSigner => {
  // aws4fetch's cache of derived signing keys, keyed by secret, day, region and service.
  const cache = new Map<string, ArrayBuffer>()
  return {
    sign: (request, context) =>
      Effect.tryPromise({
        try: async () => {
          const sessionToken = context.credentials.sessionToken
          const signer = new AwsV4Signer({
            method: request.method,
            url: urlOf(request),
            headers: headersOf(request),
            // Only hashed (crypto.subtle.digest takes a string's bytes or any Uint8Array).
            body: (request.body ?? null) as BodyInit | null,
            accessKeyId: context.credentials.accessKeyId,
            secretAccessKey: Redacted.value(context.credentials.secretAccessKey),
            ...(sessionToken === undefined ? {} : { sessionToken: Redacted.value(sessionToken) }),
            service: context.service,
            region: context.region,
            datetime: SigV4.amzDate(context.signingDate),
            cache,
            // The client hands over exactly the headers to sign: aws4fetch would otherwise leave out content-type.
            allHeaders: true
          })
          const signed = await signer.sign()
          const headers: {
            "x-amz-date": string
            authorization: string
            "x-amz-security-token"?: string
          } = {
            "x-amz-date": signed.headers.get("x-amz-date") ?? "",
            authorization: signed.headers.get("authorization") ?? ""
          }
          const token = signed.headers.get("x-amz-security-token")
          if (token !== null) headers["x-amz-security-token"] = token
          return headers satisfies SigV4.SignedHeaders
        },
        catch: (cause) => new SigningError({ reason: reasonOf(cause) })
      })
  }
}

/**
 * The `aws4fetch` signer as a layer.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer: Layer.Layer<Signer.Signer> = /* @__PURE__ */ Layer.sync(Signer.Signer, make)
