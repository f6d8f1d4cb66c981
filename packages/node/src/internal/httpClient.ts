import * as Http from "node:http"
import * as Https from "node:https"
import { Readable } from "node:stream"
import type { ReadableStream as WebReadableStream } from "node:stream/web"
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as NodeStream from "@effect/platform-node/NodeStream"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Stream from "effect/Stream"

// An `HttpClient` over `node:http`/`node:https` with keep-alive agents, built with `HttpClient.make` like
// `@effect/platform-node`'s clients (so tracing, trace propagation and interruption behave the same). Why not the
// platform's: `NodeHttpClient.layer` opens a connection per request (`connection: close`), and its clients read each
// response's text through `Effect.cached` run with `Effect.runSync` (a fiber per response). Why not undici: Node
// loads and compiles about a megabyte of it at start-up, while `node:http` is already there, and it is the faster
// of the two for one request at a time (`packages/bench`).

/** The agents of the client: one per scheme, connections kept alive. */
export interface Agents {
  readonly http: Http.Agent
  readonly https: Https.Agent
}

const transportError = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "Transport", cause })

const send = (
  agents: Agents,
  request: HttpClientRequest.HttpClientRequest,
  url: URL,
  stream: Readable | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> =>
  Effect.async((resume) => {
    const https = url.protocol === "https:"
    const options: Http.RequestOptions = {
      agent: https ? agents.https : agents.http,
      method: request.method,
      // `URL.hostname` keeps an IPv6 address in brackets; `node:http` wants it bare.
      host: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port === "" ? (https ? 443 : 80) : Number(url.port),
      path: url.pathname + url.search,
      headers: request.headers
    }
    const outgoing = https ? Https.request(options) : Http.request(options)
    let settled = false
    outgoing.on("error", (cause) => {
      // After the response, a socket error reaches the body's reader instead: this listener only keeps the request's
      // late errors from becoming uncaught.
      if (settled) return
      settled = true
      resume(Effect.fail(transportError(request, cause)))
    })
    outgoing.once("response", (incoming: Http.IncomingMessage) => {
      if (settled) {
        incoming.resume()
        return
      }
      settled = true
      resume(Effect.succeed(new NodeResponse(request, incoming)))
    })
    const body = request.body
    switch (body._tag) {
      case "Empty":
        outgoing.end()
        break
      case "Uint8Array":
      case "Raw":
        outgoing.end(body.body as Uint8Array)
        break
      case "FormData": {
        // The multipart encoding (and its boundary in `content-type`) as `fetch` would send it.
        const encoded = new Response(body.formData)
        for (const [key, value] of encoded.headers) outgoing.setHeader(key, value)
        if (encoded.body === null) outgoing.end()
        else Readable.fromWeb(encoded.body as WebReadableStream).pipe(outgoing)
        break
      }
      case "Stream":
        stream?.pipe(outgoing)
        break
    }
    // Interruption (the caller's timeout, a lost race) aborts the request on the wire.
    return Effect.sync(() => {
      if (settled) return
      settled = true
      outgoing.destroy()
    })
  })

type Read = { readonly _tag: "Done"; readonly body: Buffer } | { readonly _tag: "Failed"; readonly cause: unknown }

class NodeResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  // The body can be read once: every read of it after the first gets the same bytes (or the same failure).
  private body: Read | Array<(read: Read) => void> | undefined
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly source: Http.IncomingMessage
  ) {
    super()
  }

  get status(): number {
    return this.source.statusCode ?? 0
  }

  get headers(): Headers.Headers {
    if (this.cachedHeaders === undefined) this.cachedHeaders = Headers.fromInput(this.source.headers)
    return this.cachedHeaders
  }

  get cookies(): Cookies.Cookies {
    if (this.cachedCookies === undefined) {
      const header = this.source.headers["set-cookie"]
      this.cachedCookies = header === undefined ? Cookies.empty : Cookies.fromSetCookie(header)
    }
    return this.cachedCookies
  }

  get remoteAddress(): Option.Option<string> {
    return Option.fromNullable(this.source.socket?.remoteAddress)
  }

  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  private readAll(done: (read: Read) => void): void {
    const body = this.body
    if (body === undefined) {
      const waiters = [done]
      this.body = waiters
      const settle = (read: Read) => {
        if (!Array.isArray(this.body)) return
        this.body = read
        for (const waiter of waiters) waiter(read)
      }
      const chunks: Array<Buffer> = []
      const source = this.source
      source.on("data", (chunk: Buffer) => chunks.push(chunk))
      source.on("end", () =>
        settle({ _tag: "Done", body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) })
      )
      source.on("error", (cause) => settle({ _tag: "Failed", cause }))
      source.on("close", () => {
        if (!source.complete)
          settle({ _tag: "Failed", cause: new Error("the connection closed before the body ended") })
      })
    } else if (Array.isArray(body)) {
      body.push(done)
    } else {
      done(body)
    }
  }

  private bytes: Effect.Effect<Buffer, HttpClientError.ResponseError> = Effect.async((resume) => {
    this.readAll((read) =>
      resume(read._tag === "Done" ? Effect.succeed(read.body) : Effect.fail(this.decodeError(read.cause)))
    )
    // An interrupted read (the caller's timeout) gives the connection up rather than wait for the rest of the body.
    return Effect.sync(() => {
      if (Array.isArray(this.body)) this.source.destroy()
    })
  })

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.map(this.bytes, (bytes) => bytes.toString("utf8"))
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => (text === "" ? null : (JSON.parse(text) as unknown)),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.map(
      this.bytes,
      (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    )
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.flatMap(this.bytes, (bytes) =>
      Effect.tryPromise({
        try: () => new Response(bytes as Uint8Array<ArrayBuffer>, { headers: this.headers }).formData(),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return NodeStream.fromReadable(
      () => this.source,
      (cause) => this.decodeError(cause)
    )
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

/** An `HttpClient` over the given agents. */
export const make = (agents: Agents): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    request.body._tag === "Stream"
      ? Effect.flatMap(NodeStream.toReadable(request.body.stream), (stream) => send(agents, request, url, stream))
      : send(agents, request, url, undefined)
  )

/** The client over its own keep-alive agents, closed with the layer. */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(
        (): Agents => ({ http: new Http.Agent({ keepAlive: true }), https: new Https.Agent({ keepAlive: true }) })
      ),
      (agents) =>
        Effect.sync(() => {
          agents.http.destroy()
          agents.https.destroy()
        })
    ),
    make
  )
)
