import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { VoiceIdNode } from "../src/index.js"

/** A loopback server running `handle` for each request; `closed` counts requests whose socket went away early. */
const serve = (handle: (request: IncomingMessage, body: string, response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ url: string; aborted: () => number; close: () => void }>((resume) => {
      let aborted = 0
      const server = createServer((request, response) => {
        let body = ""
        request.setEncoding("utf8")
        request.on("data", (chunk: string) => {
          body += chunk
        })
        request.on("end", () => handle(request, body, response))
        response.on("close", () => {
          if (!response.writableFinished) aborted++
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(
          Effect.succeed({
            url: `http://127.0.0.1:${port}`,
            aborted: () => aborted,
            close: () => {
              server.closeAllConnections()
              server.close()
            }
          })
        )
      })
    }),
    (server) => Effect.sync(server.close)
  )

const withClient = <A, E>(f: (http: HttpClient.HttpClient) => Effect.Effect<A, E>) =>
  Effect.flatMap(HttpClient.HttpClient, f).pipe(Effect.provide(VoiceIdNode.layerHttpClient))

describe("the node adapter's HTTP client (node:http, kept alive)", () => {
  it.scoped("sends the method, path, query, headers and body, and reads status, headers, cookies and text", () =>
    Effect.gen(function* () {
      const server = yield* serve((request, body, response) => {
        response.writeHead(201, {
          "content-type": "application/json",
          "x-echo": `${request.method} ${request.url} ${request.headers["x-amz-target"]} ${body}`,
          "set-cookie": ["a=1", "b=2"]
        })
        response.end('{"ok":true}')
      })
      const [status, echo, cookies, text, again] = yield* withClient((http) =>
        Effect.gen(function* () {
          const response = yield* http.execute(
            HttpClientRequest.post(server.url + "/path?q=1", {
              headers: { "x-amz-target": "VoiceID.ListDomains" },
              body: HttpBody.text("{}", "application/x-amz-json-1.0")
            })
          )
          const text = yield* response.text
          // The body is read once; reading the text again gives the same string.
          const again = yield* response.text
          return [response.status, response.headers["x-echo"], response.cookies.cookies, text, again] as const
        })
      )
      expect(status).toBe(201)
      expect(echo).toBe("POST /path?q=1 VoiceID.ListDomains {}")
      expect(Object.keys(cookies)).toEqual(["a", "b"])
      expect(text).toBe('{"ok":true}')
      expect(again).toBe(text)
    })
  )

  it.scoped("reads a body as JSON, as bytes and as a stream", () =>
    Effect.gen(function* () {
      const server = yield* serve((_request, _body, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end('{"n":[1,2,3]}')
      })
      const [json, bytes, streamed] = yield* withClient((http) =>
        Effect.all([
          Effect.flatMap(http.get(server.url), (r) => r.json),
          Effect.map(
            Effect.flatMap(http.get(server.url), (r) => r.arrayBuffer),
            (buffer) => buffer.byteLength
          ),
          Effect.flatMap(http.get(server.url), (r) =>
            Stream.runCollect(r.stream).pipe(
              Effect.map((chunks) => Buffer.concat(Chunk.toArray(chunks).map((c) => Buffer.from(c))).toString())
            )
          )
        ])
      )
      expect(json).toEqual({ n: [1, 2, 3] })
      expect(bytes).toBe(13)
      expect(streamed).toBe('{"n":[1,2,3]}')
    })
  )

  it.scoped("fails with a Transport RequestError when nothing listens, and a Decode error for bad JSON", () =>
    Effect.gen(function* () {
      const server = yield* serve((_request, _body, response) => response.end("not json"))
      const refused = yield* withClient((http) => Effect.flip(http.get("http://127.0.0.1:1/")))
      expect(refused._tag).toBe("RequestError")
      expect(refused.reason).toBe("Transport")
      const badJson = yield* withClient((http) => Effect.flip(Effect.flatMap(http.get(server.url), (r) => r.json)))
      expect(badJson._tag).toBe("ResponseError")
      expect(badJson.reason).toBe("Decode")
    })
  )

  it.scopedLive(
    "interrupting a request in flight aborts it: the server sees its socket go while the client lives",
    () =>
      Effect.gen(function* () {
        const received = yield* Deferred.make<void>()
        // Never answers: the only way out is the client giving up.
        const server = yield* serve(() => Deferred.unsafeDone(received, Effect.void))
        const abortedWhileAlive = yield* withClient((http) =>
          Effect.gen(function* () {
            const fiber = yield* Effect.fork(http.get(server.url))
            yield* Deferred.await(received)
            yield* Fiber.interrupt(fiber)
            // Checked before the layer (and its agent, which would close every socket) goes away. The abort reaches
            // the server asynchronously.
            for (let i = 0; i < 200 && server.aborted() === 0; i++) yield* Effect.sleep("5 millis")
            return server.aborted()
          })
        )
        expect(abortedWhileAlive).toBe(1)
      })
  )
  it.scoped("sends a streamed body and a multipart form, with the form's content type", () =>
    Effect.gen(function* () {
      const server = yield* serve((request, body, response) => {
        response.end(`${request.headers["content-type"] ?? ""}|${body}`)
      })
      const [streamed, form] = yield* withClient((http) =>
        Effect.all([
          Effect.flatMap(
            http.execute(
              HttpClientRequest.post(server.url, {
                body: HttpBody.stream(Stream.make("one,", "two,", "three").pipe(Stream.encodeText), "text/plain")
              })
            ),
            (r) => r.text
          ),
          Effect.flatMap(
            http.execute(
              HttpClientRequest.post(server.url, {
                body: HttpBody.formData(
                  (() => {
                    const data = new FormData()
                    data.set("field", "value")
                    return data
                  })()
                )
              })
            ),
            (r) => r.text
          )
        ])
      )
      expect(streamed).toBe("text/plain|one,two,three")
      const [contentType, multipart] = form.split("|")
      expect(contentType).toMatch(/^multipart\/form-data; boundary=/)
      expect(multipart).toContain('name="field"')
      expect(multipart).toContain("value")
    })
  )

  it.scoped("a body cut short by the server is a Decode ResponseError, and the next request still succeeds", () =>
    Effect.gen(function* () {
      let calls = 0
      const server = yield* serve((_request, _body, response) => {
        if (calls++ === 0) {
          // Promises 100 bytes, sends 10, then drops the connection.
          response.writeHead(200, { "content-length": "100" })
          response.write("0123456789", () => response.socket?.destroy())
        } else {
          response.end("whole")
        }
      })
      const [cut, next] = yield* withClient((http) =>
        Effect.all([
          Effect.either(Effect.flatMap(http.get(server.url), (r) => r.text)),
          Effect.flatMap(http.get(server.url), (r) => r.text)
        ])
      )
      expect(Either.isLeft(cut) && cut.left._tag === "ResponseError" && cut.left.reason).toBe("Decode")
      expect(next).toBe("whole")
    })
  )

  it.scoped("reaches an IPv6 endpoint given in brackets", () =>
    Effect.gen(function* () {
      const server = yield* Effect.acquireRelease(
        Effect.async<{ port: number; close: () => void } | undefined>((resume) => {
          const listener = createServer((_request, response) => response.end("v6"))
          listener.once("error", () => resume(Effect.succeed(undefined)))
          listener.listen(0, "::1", () =>
            resume(
              Effect.succeed({
                port: (listener.address() as AddressInfo).port,
                close: () => {
                  listener.closeAllConnections()
                  listener.close()
                }
              })
            )
          )
        }),
        (server) => Effect.sync(() => server?.close())
      )
      // A machine without IPv6 loopback has nothing to test here.
      if (server === undefined) return
      const text = yield* withClient((http) => Effect.flatMap(http.get(`http://[::1]:${server.port}/`), (r) => r.text))
      expect(text).toBe("v6")
    })
  )
})
