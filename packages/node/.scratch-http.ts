import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpBody from "@effect/platform/HttpBody"
import { Effect, Layer } from "effect"
import { createServer } from "node:http"

const body = JSON.stringify({ JobSummaries: Array.from({ length: 10 }, (_, i) => ({ JobId: "x".repeat(22), JobName: "job" + i, JobStatus: "COMPLETED" })) })
let connections = 0
const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", () => { res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }); res.end(body) })
})
server.on("connection", () => connections++)
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
const url = `http://127.0.0.1:${(server.address() as any).port}/`
const payload = new TextEncoder().encode(JSON.stringify({ DomainId: "abc", MaxResults: 10 }))

const loop = (n: number, concurrency: number) => Effect.gen(function* () {
  const http = yield* HttpClient.HttpClient
  const one = Effect.flatMap(http.execute(HttpClientRequest.post(url, { headers: { "x-amz-target": "VoiceID.ListDomains" }, body: HttpBody.uint8Array(payload, "application/x-amz-json-1.0") })), (r) => r.text)
  yield* Effect.forEach(Array.from({ length: 200 }), () => one, { concurrency }) // warm-up
  const c0 = connections
  const t0 = performance.now()
  yield* Effect.forEach(Array.from({ length: n }), () => one, { concurrency, discard: true })
  const ms = performance.now() - t0
  return { reqPerSec: Math.round((n / ms) * 1000), usPerReq: Math.round((ms * 1000) / n), newConnections: connections - c0 }
})

const layers: Record<string, Layer.Layer<HttpClient.HttpClient>> = {
  "NodeHttpClient.layer (no keep-alive)": NodeHttpClient.layer,
  "http.Agent keepAlive": NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(NodeHttpClient.makeAgentLayer({ keepAlive: true }))),
  "undici Agent": NodeHttpClient.layerUndici,
  "FetchHttpClient (global fetch)": FetchHttpClient.layer
}
for (const round of [1, 2]) {
  for (const [name, layer] of Object.entries(layers)) {
    for (const conc of [1, 16]) {
      const r = await Effect.runPromise(Effect.scoped(Layer.build(layer).pipe(Effect.flatMap((ctx) => Effect.provide(loop(4000, conc), ctx)))))
      console.log(round, name.padEnd(38), "conc", String(conc).padStart(2), JSON.stringify(r))
    }
  }
}
server.close()
process.exit(0)
