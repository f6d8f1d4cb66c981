import { createHash, createHmac } from "node:crypto"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { SigV4 } from "@effect-voiceid/protocol"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { program, VoiceIdLive } from "../examples/list-jobs.js"
import { DomainId } from "./utils.js"

const nodeCrypto: SigV4.Sha256Hmac = {
  sha256Hex: (data) => createHash("sha256").update(data).digest("hex"),
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest()
}

/**
 * A fake `fetch` that checks each request's signature the way a verifier does (recomputing it over the headers the
 * request says it signed, from what actually arrived) and answers like Voice ID.
 */
const fakeVoiceId = (secret: string) => {
  const seen: Array<{ target: string; verified: boolean }> = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const body = await request.text()
    const headers: Record<string, string> = { host: url.host }
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    const parsed = Either.getOrThrow(SigV4.parseAuthorization(headers.authorization ?? ""))
    const amzDate = headers["x-amz-date"]!
    const signed = SigV4.sign(
      nodeCrypto,
      { method: request.method, path: url.pathname, headers, body },
      { accessKeyId: parsed.accessKeyId, secretAccessKey: secret },
      {
        region: parsed.region,
        service: parsed.service,
        signingDate: new Date(
          `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`
        ),
        signedHeaders: parsed.signedHeaders
      }
    )
    const target = headers["x-amz-target"] ?? ""
    seen.push({ target, verified: signed.headers.authorization === headers.authorization })
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-RequestId": `rid-${seen.length}` }
      })
    const input_ = JSON.parse(body) as { NextToken?: string; DomainId: string }
    if (target === "VoiceID.DescribeDomain") {
      return json(404, { __type: "com.amazonaws.voiceid#ResourceNotFoundException", Message: "no such domain" })
    }
    const offset = input_.NextToken === undefined ? 0 : Number(input_.NextToken)
    const JobSummaries = Array.from({ length: Math.min(100, 250 - offset) }, (_, i) => ({
      DomainId: input_.DomainId,
      JobId: `J${String(offset + i).padStart(21, "0")}`,
      JobStatus: "COMPLETED"
    }))
    return json(200, offset + 100 < 250 ? { JobSummaries, NextToken: String(offset + 100) } : { JobSummaries })
  }
  return { seen, fetch: fetch as typeof globalThis.fetch }
}

describe("the README example", () => {
  it.effect("runs over fetch, the WebCrypto signer and the environment, with signatures a verifier accepts", () => {
    const fake = fakeVoiceId("example-secret")
    const env = new Map([
      ["AWS_REGION", "eu-central-1"],
      ["AWS_ENDPOINT_URL", "http://127.0.0.1:4599"],
      ["AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"],
      ["AWS_SECRET_ACCESS_KEY", "example-secret"],
      ["VOICEID_DOMAIN_ID", DomainId]
    ])
    return Effect.gen(function* () {
      const result = yield* program
      expect(result).toEqual({ firstPage: 100, total: 250, unknownDomain: "not found (rid-5)" })
      expect(fake.seen.map((s) => s.target)).toEqual([
        "VoiceID.ListSpeakerEnrollmentJobs",
        "VoiceID.ListSpeakerEnrollmentJobs",
        "VoiceID.ListSpeakerEnrollmentJobs",
        "VoiceID.ListSpeakerEnrollmentJobs",
        "VoiceID.DescribeDomain"
      ])
      expect(fake.seen.every((s) => s.verified)).toBe(true)
    }).pipe(
      Effect.provide(VoiceIdLive.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fake.fetch)), Layer.orDie)),
      Effect.withConfigProvider(ConfigProvider.fromMap(env))
    )
  })
})
