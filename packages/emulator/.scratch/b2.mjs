import * as http from "node:http"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const items = Array.from({ length: 100 }, (_, i) => ({
  JobId: "a".repeat(22),
  JobName: "job-" + i,
  JobStatus: "COMPLETED",
  CreatedAt: 1700000000 + i,
  EndedAt: 1700000100,
  DomainId: "b".repeat(22),
  JobProgress: { PercentComplete: 100 }
}))
const frags = items.map((x) => JSON.stringify(x))
const mode = process.argv[2]
const readBody = (req) =>
  Effect.async((resume) => {
    let b = ""
    req.setEncoding("utf8")
    req.on("data", (c) => (b += c))
    req.on("end", () => resume(Effect.succeed(b)))
  })
if (mode === "raw") {
  http
    .createServer((req, res) => {
      let body = ""
      req.on("data", (c) => (body += c))
      req.on("end", () => {
        const out = '{"JobSummaries":[' + frags.join(",") + '],"NextToken":"x"}'
        res.writeHead(200, {
          "content-type": "application/x-amz-json-1.0",
          "x-amzn-requestid": "abc",
          date: new Date().toUTCString()
        })
        res.end(out)
      })
    })
    .listen(8111, "127.0.0.1")
} else if (mode === "fiber") {
  http
    .createServer((req, res) => {
      Effect.runFork(
        Effect.map(readBody(req), (body) => {
          const out = '{"JobSummaries":[' + frags.join(",") + '],"NextToken":"x"}'
          res.writeHead(200, {
            "content-type": "application/x-amz-json-1.0",
            "x-amzn-requestid": "abc",
            date: new Date().toUTCString()
          })
          res.end(out)
        })
      )
    })
    .listen(8111, "127.0.0.1")
} else {
  const app = Effect.gen(function* () {
    const req = yield* HttpServerRequest.HttpServerRequest
    const body =
      mode === "lean" || mode === "lean2"
        ? yield* readBody(NodeHttpServer.toIncomingMessage ? req.source : req.source)
        : yield* req.text
    const out = '{"JobSummaries":[' + frags.join(",") + '],"NextToken":"x"}'
    if (mode === "lean2")
      return HttpServerResponse.raw(out, {
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amzn-requestid": "abc",
          date: new Date().toUTCString()
        }
      })
    return HttpServerResponse.text(out, {
      contentType: "application/x-amz-json-1.0",
      headers: { "x-amzn-requestid": "abc", date: new Date().toUTCString() }
    })
  }).pipe(Effect.catchAll(() => Effect.succeed(HttpServerResponse.empty({ status: 500 }))))
  const layer = HttpServer.serve(app).pipe(
    HttpMiddleware.withTracerDisabledWhen(() => true),
    Layer.provide(NodeHttpServer.layer(() => http.createServer(), { port: 8111, host: "127.0.0.1" }))
  )
  Effect.runFork(Layer.launch(layer))
}
