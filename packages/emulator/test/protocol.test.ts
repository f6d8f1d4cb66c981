import { describe, expect, it } from "@effect/vitest"
import { Codec, operations } from "@effect-voiceid/protocol"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Emulator from "../src/Emulator.js"
import { type RawAnswer, rawRequest, signedRequest } from "./support.js"

const json = { "content-type": "application/x-amz-json-1.0" }

const expectAwsHeaders = (answer: RawAnswer) => {
  expect(answer.headers.get("x-amzn-requestid")).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
  )
  expect(Number.isNaN(Date.parse(answer.headers.get("date") ?? ""))).toBe(false)
}

describe("the awsJson1_0 protocol", () => {
  it.scopedLive("answers protocol faults the way AWS JSON services do, and keeps serving", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ verifySignatures: false, maxBodyBytes: 4096 })
      const url = emulator.url
      const unknown = yield* rawRequest(url, {
        headers: { ...json, "x-amz-target": "VoiceID.StealVoices" },
        body: "{}"
      })
      expect([unknown.status, unknown.json?.__type]).toEqual([400, "com.amazonaws.voiceid#UnknownOperationException"])
      expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException")
      expectAwsHeaders(unknown)

      const noTarget = yield* rawRequest(url, { headers: json, body: "{}" })
      expect(noTarget.json?.__type).toBe("com.amazonaws.voiceid#UnknownOperationException")

      const malformed = yield* rawRequest(url, {
        headers: { ...json, "x-amz-target": "VoiceID.ListDomains" },
        body: '{"MaxResults": 3'
      })
      expect([malformed.status, malformed.json?.__type]).toEqual([400, "com.amazonaws.voiceid#SerializationException"])
      expectAwsHeaders(malformed)
      const notObject = yield* rawRequest(url, {
        headers: { ...json, "x-amz-target": "VoiceID.ListDomains" },
        body: "[1]"
      })
      expect(notObject.json?.__type).toBe("com.amazonaws.voiceid#SerializationException")

      const wrongType = yield* rawRequest(url, {
        headers: { "content-type": "text/plain", "x-amz-target": "VoiceID.ListDomains" },
        body: "{}"
      })
      expect([wrongType.status, wrongType.json?.__type]).toEqual([400, "com.amazonaws.voiceid#SerializationException"])

      const get = yield* rawRequest(url, { method: "GET" })
      expect([get.status, get.json?.__type]).toEqual([405, "com.amazonaws.voiceid#UnknownOperationException"])
      expect(get.headers.get("allow")).toBe("POST")
      const otherPath = yield* rawRequest(url, { path: "/v1/domains", headers: json, body: "{}" })
      expect([otherPath.status, otherPath.json?.__type]).toEqual([
        404,
        "com.amazonaws.voiceid#UnknownOperationException"
      ])

      const big = yield* rawRequest(url, {
        headers: { ...json, "x-amz-target": "VoiceID.ListDomains" },
        body: JSON.stringify({ padding: "x".repeat(10_000) })
      })
      expect([big.status, big.json?.__type]).toEqual([413, "com.amazonaws.voiceid#RequestEntityTooLargeException"])
      // Without a Content-Length (a chunked body), the limit is enforced while reading.
      const chunked = yield* Effect.promise(async () => {
        const bytes = new TextEncoder().encode(JSON.stringify({ padding: "x".repeat(20_000) }))
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000))
            controller.close()
          }
        })
        const response = await fetch(url, {
          method: "POST",
          headers: { ...json, "x-amz-target": "VoiceID.ListDomains" },
          body,
          duplex: "half"
        } as RequestInit)
        return response.status
      })
      expect(chunked).toBe(413)

      const invalid = yield* rawRequest(url, {
        headers: { ...json, "x-amz-target": "VoiceID.ListSpeakerEnrollmentJobs" },
        body: JSON.stringify({ DomainId: "a".repeat(22), JobStatus: "DONE", MaxResults: 0 })
      })
      expect([invalid.status, invalid.json?.__type]).toEqual([400, "com.amazonaws.voiceid#ValidationException"])
      expect(invalid.json?.Message).toContain("JobStatus")
      expect(invalid.json?.Message).toContain("MaxResults")
      const missing = yield* rawRequest(url, {
        headers: { ...json, "x-amz-target": "VoiceID.DescribeDomain" },
        body: "{}"
      })
      expect(missing.json?.Message).toContain("DomainId")

      // Unknown members are ignored, as the service ignores them.
      const extra = yield* rawRequest(url, {
        headers: { ...json, "x-amz-target": "VoiceID.ListDomains" },
        body: JSON.stringify({ Surprise: true })
      })
      expect(extra.status).toBe(200)
      expectAwsHeaders(extra)
      expect(extra.headers.get("content-type")).toBe("application/x-amz-json-1.0")
    })
  )

  it.scopedLive("serializes outputs exactly as the protocol codec does", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const { domainId } = yield* emulator.seedJobs({ count: 30 })
      const answer = yield* signedRequest(
        emulator,
        "VoiceID.ListSpeakerEnrollmentJobs",
        JSON.stringify({ DomainId: domainId, MaxResults: 25 })
      )
      // Page bodies are assembled from cached summaries; decoding and re-encoding with the codec gives the same text.
      const decoded = Schema.decodeUnknownSync(operations.ListSpeakerEnrollmentJobs.output)(answer.json)
      expect(Codec.encodeOutput(operations.ListSpeakerEnrollmentJobs, decoded)).toBe(answer.text)
      expect(answer.json?.JobSummaries).toHaveLength(25)
    })
  )

  it.scopedLive("serves the control routes under /__emulator/ only", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const health = yield* rawRequest(emulator.url, { method: "GET", path: "/__emulator/health" })
      expect(health.json).toEqual({ status: "ok", regions: ["us-east-1"] })
      const seeded = yield* rawRequest(emulator.url, {
        path: "/__emulator/seed",
        body: JSON.stringify({ count: 10, statuses: { COMPLETED: 1, FAILED: 1 } })
      })
      expect(seeded.json?.statuses).toEqual({
        SUBMITTED: 0,
        IN_PROGRESS: 0,
        COMPLETED: 5,
        COMPLETED_WITH_ERRORS: 0,
        FAILED: 5
      })
      const before = (yield* rawRequest(emulator.url, { method: "GET", path: "/__emulator/clock" })).json!
      const advanced = yield* rawRequest(emulator.url, { path: "/__emulator/clock", body: '{"advanceSeconds": 60}' })
      expect((advanced.json?.offsetMs as number) - (before.offsetMs as number)).toBe(60_000)
      const dump = yield* rawRequest(emulator.url, { method: "GET", path: "/__emulator/state" })
      expect(dump.json?.secret).toBeUndefined()
      const regions = dump.json?.regions as Array<{ domains: Array<{ speakerJobs: Array<unknown> }> }>
      expect(regions[0]!.domains[0]!.speakerJobs).toHaveLength(10)
      const badFaults = yield* rawRequest(emulator.url, {
        method: "PUT",
        path: "/__emulator/faults",
        body: JSON.stringify({ operations: { NoSuchOperation: { throttle: 0.5 } } })
      })
      expect(badFaults.status).toBe(400)
      const reset = yield* rawRequest(emulator.url, { path: "/__emulator/reset" })
      expect(reset.status).toBe(200)
      const empty = yield* signedRequest(emulator, "VoiceID.ListDomains", "{}")
      expect(empty.json).toEqual({ DomainSummaries: [] })
      const nothing = yield* rawRequest(emulator.url, { method: "GET", path: "/__emulator/nothing" })
      expect(nothing.status).toBe(404)
    })
  )
})
