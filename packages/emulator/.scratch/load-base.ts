import * as http from "node:http"
import { performance } from "node:perf_hooks"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import autocannon from "autocannon"
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
const mode = process.argv[2] ?? "raw"
const out = () => '{"JobSummaries":[' + frags.join(",") + '],"NextToken":"x"}'
const readBody = (req: http.IncomingMessage) =>
  Effect.async<string>((resume) => {
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
        res.writeHead(200, {
          "content-type": "application/x-amz-json-1.0",
          "x-amzn-requestid": "abc",
          date: new Date().toUTCString()
        })
        res.end(out())
      })
    })
    .listen(8111, "127.0.0.1")
} else {
  const app = Effect.gen(function* () {
    const req = yield* HttpServerRequest.HttpServerRequest
    yield* readBody((req as any).source)
    return HttpServerResponse.raw(out(), {
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-requestid": "abc",
        date: new Date().toUTCString()
      }
    })
  })
  const layer = HttpServer.serve(app).pipe(
    HttpMiddleware.withTracerDisabledWhen(() => true),
    Layer.provide(NodeHttpServer.layer(() => http.createServer(), { port: 8111, host: "127.0.0.1" }))
  )
  Effect.runFork(Layer.launch(layer))
}
await new Promise((r) => setTimeout(r, 500))

import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"

const session = new Session()
session.connect()
await session.post("Profiler.enable")
await session.post("Profiler.start")
const before = performance.eventLoopUtilization()
const result = await autocannon({
  url: "http://127.0.0.1:8111/",
  method: "POST",
  body: "{}",
  connections: 8,
  duration: 5,
  workers: 1
})
const u = performance.eventLoopUtilization(before)
const { profile } = await session.post("Profiler.stop")
writeFileSync(`.scratch/base-${mode}.cpuprofile`, JSON.stringify(profile))
console.log(
  mode,
  "req/s",
  result.requests.average,
  "us/req",
  Math.round((u.active * 1000) / result.requests.total),
  "busy",
  u.utilization.toFixed(2)
)
process.exit(0)
