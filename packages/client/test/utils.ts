import { createHash, createHmac } from "node:crypto"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Credentials from "../src/Credentials.js"
import * as Signer from "../src/Signer.js"
import { VoiceId } from "../src/VoiceId.js"
import type * as VoiceIdConfig from "../src/VoiceIdConfig.js"

/** A request as the in-memory HTTP client saw it. */
export interface Sent {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly signal: AbortSignal
}

/** What a handler answers: a response, a transport failure, or an effect (to delay or hang). */
export type Reply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | "transport-error"

export type Handler = (request: Sent, index: number) => Reply | Effect.Effect<Reply>

const decoder = new TextDecoder()

/** An in-memory HttpClient recording every request it gets. */
export const mockHttp = (handler: Handler) => {
  const sent: Array<Sent> = []
  const client = HttpClient.make((request, url, signal) =>
    Effect.gen(function* () {
      const body = request.body._tag === "Uint8Array" ? decoder.decode(request.body.body) : ""
      const recorded: Sent = {
        method: request.method,
        url: url.toString(),
        headers: { ...request.headers },
        body,
        signal
      }
      const index = sent.length
      sent.push(recorded)
      const result = handler(recorded, index)
      const reply = Effect.isEffect(result) ? yield* result : result
      if (reply === "transport-error") {
        return yield* Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("connect ECONNREFUSED") })
        )
      }
      return HttpClientResponse.fromWeb(
        request,
        new Response(reply.body ?? "{}", {
          status: reply.status,
          headers: { "content-type": "application/x-amz-json-1.0", ...reply.headers }
        })
      )
    })
  )
  return { sent, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** A JSON success. */
export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body: JSON.stringify(body),
  headers: { "x-amzn-requestid": "req-ok", ...headers }
})

/** An awsJson error answer. */
export const awsError = (
  code: string,
  status: number,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>
): Reply => ({
  status,
  body: JSON.stringify({ __type: `com.amazonaws.voiceid#${code}`, Message: `${code} happened`, ...extra }),
  headers: { "x-amzn-requestid": `req-${code}`, ...headers }
})

export const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
export const SESSION_TOKEN = "SESSIONTOKENVALUE1234567890abcdef"

/** A synchronous signer over node:crypto (tests only; the package itself imports nothing Node-only). */
export const nodeSigner = Signer.fromSha256Hmac({
  sha256Hex: (data) => createHash("sha256").update(data).digest("hex"),
  hmacSha256: (key, data) => new Uint8Array(createHmac("sha256", key).update(data).digest())
})

export const DomainId = "abcdefghijklmnopqrstuv"
export const JobId = "JOB0123456789abcdefghi"

/** VoiceId over an in-memory HTTP client, static credentials and a signer. */
export const testLayer = (
  handler: Handler,
  options?: Partial<VoiceIdConfig.Options> & {
    readonly signer?: Signer.RequestSigner
    readonly sessionToken?: string
    readonly credentials?: Credentials.CredentialsProvider
  }
) => {
  const http = mockHttp(handler)
  const { credentials, signer, sessionToken, ...config } = options ?? {}
  const layer = VoiceId.layer({ region: "us-east-1", ...config }).pipe(
    Layer.provide(http.layer),
    Layer.provide(Layer.succeed(Signer.Signer, signer ?? nodeSigner)),
    Layer.provide(
      credentials !== undefined
        ? Layer.succeed(Credentials.Credentials, credentials)
        : Credentials.layer({
            accessKeyId: "AKIDEXAMPLE",
            secretAccessKey: SECRET,
            ...(sessionToken === undefined ? {} : { sessionToken })
          })
    ),
    Layer.orDie
  )
  return { sent: http.sent, layer }
}
