import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { Codec, operations } from "@effect-voiceid/protocol"
import * as Credentials from "../src/Credentials.js"
import * as Signer from "../src/Signer.js"
import { VoiceId } from "../src/VoiceId.js"
import { nodeSigner } from "./utils.js"

const DomainId = "abcdefghijklmnopqrstuv"
const PAGES = 20000
const ITEMS = 1
const page = (offset: number) => JSON.stringify({
  JobSummaries: Array.from({ length: ITEMS }, (_, k) => ({ DomainId, JobId: `J${String(offset + k).padStart(21, "0")}`, JobName: `job-${k}`, JobStatus: "COMPLETED", CreatedAt: 1700000000.5, EndedAt: 1700000100, JobProgress: { PercentComplete: 100 } })),
  ...(offset + 100 < PAGES * 100 ? { NextToken: `o${offset + 100}` } : {})
})
const bodies = Array.from({ length: PAGES }, (_, i) => page(i * 100))
const client = HttpClient.make((request) => Effect.sync(() => {
  const b = request.body as any
  const text = new TextDecoder().decode(b.body)
  const token = JSON.parse(text).NextToken
  const offset = token === undefined ? 0 : Number(token.slice(1))
  return HttpClientResponse.fromWeb(request, new Response(bodies[offset / 100], { status: 200, headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "r" } }))
}))
const layer = (signer: Signer.RequestSigner) => VoiceId.layer({ region: "us-east-1" }).pipe(
  Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
  Layer.provide(Layer.succeed(Signer.Signer, signer)),
  Layer.provide(Credentials.layer({ accessKeyId: "A", secretAccessKey: "S" })), Layer.orDie)

const run = (signer: Signer.RequestSigner) => Effect.gen(function* () {
  const v = yield* VoiceId
  const t = performance.now()
  const n = yield* Stream.runCount(v.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 100 }))
  return [n, (performance.now() - t) / PAGES]
}).pipe(Effect.provide(layer(signer)), Effect.runPromise)

// decode cost alone
const t0 = performance.now()
for (const b of bodies) Codec.decodeResponse(operations.ListSpeakerEnrollmentJobs, { status: 200, headers: {}, body: b })
console.log("decode only ms/page", (performance.now() - t0) / PAGES)
// Response + text alone
const t1 = performance.now()
for (const b of bodies) await new Response(b).text()
console.log("Response.text ms/page", (performance.now() - t1) / PAGES)
for (let i = 0; i < 3; i++) console.log("node signer", await run(nodeSigner))

