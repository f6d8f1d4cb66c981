import { describe, expect, it } from "@effect/vitest"
import { CreateWatchlist, type OperationName, operations } from "@effect-voiceid/protocol"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Operations from "../src/Operations.js"
import { VoiceId } from "../src/VoiceId.js"
import { inputs } from "./inputs.js"
import { DomainId, ok, testLayer } from "./utils.js"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("request bytes", () => {
  const names = Object.keys(operations) as Array<OperationName>

  it("covers the 29 operations of the model", () => {
    expect(names).toHaveLength(29)
  })

  for (const name of names) {
    const operation = operations[name]
    it.effect(`${name}: POST / with its target, content type and JSON body`, () => {
      const { sent, layer } = testLayer(() => ok({}))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        const call = (voiceId as unknown as Record<string, (input: unknown) => Effect.Effect<unknown, unknown>>)[
          operation.method
        ]!
        yield* call(inputs[name])
        expect(sent).toHaveLength(1)
        const request = sent[0]!
        expect(request.method).toBe("POST")
        expect(request.url).toBe("https://voiceid.us-east-1.amazonaws.com/")
        expect(request.headers["content-type"]).toBe("application/x-amz-json-1.0")
        expect(request.headers["x-amz-target"]).toBe(`VoiceID.${name}`)
        expect(request.headers["content-length"]).toBe(String(new TextEncoder().encode(request.body).length))
        const given = inputs[name] as Record<string, unknown>
        const body = JSON.parse(request.body) as Record<string, unknown>
        if (operation.idempotencyToken !== undefined && given.ClientToken === undefined) {
          // The client fills the idempotency token with a fresh UUID, and sends the rest as given.
          expect(body.ClientToken).toMatch(UUID)
          expect({ ...body, ClientToken: undefined }).toEqual({ ...given, ClientToken: undefined })
        } else {
          expect(request.body).toBe(JSON.stringify(given))
        }
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("signs with SigV4 for voiceid and sends the SDK's invocation headers, no trace headers", () => {
    const { sent, layer } = testLayer(() => ok({}), { sessionToken: "the-session-token" })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      yield* voiceId.describeDomain({ DomainId }).pipe(Effect.withSpan("outer"))
      const headers = sent[0]!.headers
      // TestClock starts at the epoch.
      expect(headers["x-amz-date"]).toBe("19700101T000000Z")
      expect(headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/19700101\/us-east-1\/voiceid\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/
      )
      expect(headers["x-amz-security-token"]).toBe("the-session-token")
      expect(headers["amz-sdk-invocation-id"]).toMatch(UUID)
      expect(headers["amz-sdk-request"]).toBe("attempt=1; max=3")
      expect(Object.keys(headers).filter((h) => h === "traceparent" || h === "b3" || h.startsWith("x-b3"))).toEqual([])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a new invocation id and idempotency token for each logical call", () => {
    const { sent, layer } = testLayer(() => ok({}))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const { ClientToken: _, ...input } = inputs.CreateWatchlist as Record<string, unknown>
      yield* voiceId.createWatchlist(input as typeof inputs.CreateWatchlist)
      yield* voiceId.createWatchlist(input as typeof inputs.CreateWatchlist)
      const tokens = sent.map((r) => (JSON.parse(r.body) as { ClientToken: string }).ClientToken)
      expect(tokens[0]).toMatch(UUID)
      expect(tokens[1]).toMatch(UUID)
      expect(tokens[0]).not.toBe(tokens[1])
      expect(sent[0]!.headers["amz-sdk-invocation-id"]).not.toBe(sent[1]!.headers["amz-sdk-invocation-id"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("an invalid input is a RequestValidationError naming the member, and nothing is sent", () => {
    const { sent, layer } = testLayer(() => ok({}))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const result = yield* Effect.either(
        voiceId.listSpeakerEnrollmentJobs({ DomainId: "short", JobStatus: "DONE" } as never)
      )
      expect(Either.isLeft(result)).toBe(true)
      const error = Either.getLeft(result).pipe((o) => (o._tag === "Some" ? o.value : undefined))
      expect(error?._tag).toBe("RequestValidationError")
      if (error?._tag !== "RequestValidationError") return
      expect(error.operation).toBe("ListSpeakerEnrollmentJobs")
      expect(error.issues.map((i) => i.path).sort()).toEqual(["DomainId", "JobStatus"])
      expect(sent).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "an input that is not an object (from an untyped caller) is a RequestValidationError, never a defect",
    () => {
      const { sent, layer } = testLayer(() => ok({}))
      return Effect.gen(function* () {
        const voiceId = yield* VoiceId
        for (const input of [null, "x", 5, []]) {
          // CreateWatchlist fills an idempotency token into its input: it must not read a member of `null`.
          const error = yield* Effect.flip(voiceId.client.execute(CreateWatchlist, input as never))
          expect(error).toMatchObject({ _tag: "RequestValidationError", operation: "CreateWatchlist" })
          expect(error._tag === "RequestValidationError" && error.issues.map((i) => i.path)).toEqual([""])
        }
        expect(sent).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("validation can be turned off per call", () => {
    const { sent, layer } = testLayer(() => ok({}))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      yield* voiceId.describeDomain({ DomainId: "short" }, { validate: false })
      expect(sent).toHaveLength(1)
      expect(sent[0]!.body).toBe(`{"DomainId":"short"}`)
    }).pipe(Effect.provide(layer))
  })

  it.effect("operations whose input has no required member can be called without one", () => {
    const { sent, layer } = testLayer(() => ok({ DomainSummaries: [] }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      yield* voiceId.listDomains()
      yield* Operations.listDomains()
      expect(sent.map((r) => r.body)).toEqual(["{}", "{}"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("the standalone functions need only the core client", () => {
    const { sent, layer } = testLayer(() => ok({ Domain: { DomainId, Name: "n" } }))
    return Effect.gen(function* () {
      const output = yield* Operations.describeDomain({ DomainId })
      expect(output.Domain?.DomainId).toBe(DomainId)
      expect(output.$metadata).toEqual({ httpStatusCode: 200, requestId: "req-ok", attempts: 1, totalRetryDelay: 0 })
      expect(sent[0]!.headers["x-amz-target"]).toBe("VoiceID.DescribeDomain")
    }).pipe(Effect.provide(layer))
  })

  it.effect("sends to a configured endpoint, host and port signed", () => {
    const { sent, layer } = testLayer(() => ok({}), { endpoint: "http://127.0.0.1:4599" })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      yield* voiceId.describeDomain({ DomainId })
      expect(sent[0]!.url).toBe("http://127.0.0.1:4599/")
    }).pipe(Effect.provide(layer))
  })
})
