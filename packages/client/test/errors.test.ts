import { describe, expect, it } from "@effect/vitest"
import { modeledErrors, operations } from "@effect-voiceid/protocol"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { CredentialsError } from "../src/Errors.js"
import * as Signer from "../src/Signer.js"
import { VoiceId } from "../src/VoiceId.js"
import { inputs } from "./inputs.js"
import { awsError, DomainId, ok, testLayer } from "./utils.js"

const failureOf = <A, E>(result: Either.Either<A, E>): E => {
  if (Either.isRight(result)) throw new Error("expected a failure")
  return result.left
}

describe("typed errors", () => {
  for (const operation of Object.values(operations)) {
    for (const ErrorClass of operation.errors) {
      const code = ErrorClass._tag
      it.effect(`${operation.name} decodes ${code} into its class with status and request id`, () => {
        const extra =
          code === "ResourceNotFoundException"
            ? { ResourceType: "DOMAIN" }
            : code === "ConflictException"
              ? { ConflictType: "CONCURRENT_CHANGES" }
              : {}
        // ThrottlingException has no status in the model: the service may send it as a 400.
        const status = code === "ThrottlingException" ? 400 : modeledErrors[code].httpStatus
        const { sent, layer } = testLayer(() => awsError(code, status, extra), { maxAttempts: 1 })
        return Effect.gen(function* () {
          const voiceId = yield* VoiceId
          const call = (voiceId as unknown as Record<string, (input: unknown) => Effect.Effect<unknown, unknown>>)[
            operation.method
          ]!
          const error = failureOf(yield* Effect.either(call(inputs[operation.name]))) as InstanceType<typeof ErrorClass>
          expect(error).toBeInstanceOf(ErrorClass)
          expect(error._tag).toBe(code)
          expect(error.message).toBe(`${code} happened`)
          expect(error.$metadata).toEqual({
            httpStatusCode: status,
            requestId: `req-${code}`,
            attempts: 1,
            totalRetryDelay: 0
          })
          if (code === "ResourceNotFoundException") expect(error).toMatchObject({ ResourceType: "DOMAIN" })
          if (code === "ConflictException") expect(error).toMatchObject({ ConflictType: "CONCURRENT_CHANGES" })
          expect(sent).toHaveLength(1)
        }).pipe(Effect.provide(layer))
      })
    }
  }

  it.effect("catchTag narrows the error channel to the operation's errors", () => {
    const { layer } = testLayer(() => awsError("ResourceNotFoundException", 404, { ResourceType: "DOMAIN" }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const found = yield* voiceId.describeDomain({ DomainId }).pipe(
        Effect.map(() => "found" as const),
        Effect.catchTag("ResourceNotFoundException", (e) => Effect.succeed(e.ResourceType ?? "none"))
      )
      expect(found).toBe("DOMAIN")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an error code the operation does not list is an UnknownServiceError", () => {
    const { layer } = testLayer(() => awsError("UnrecognizedClientException", 403))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* Effect.either(voiceId.describeDomain({ DomainId })))
      expect(error._tag).toBe("UnknownServiceError")
      expect(error).toMatchObject({
        code: "UnrecognizedClientException",
        operation: "DescribeDomain",
        $metadata: { httpStatusCode: 403, requestId: "req-UnrecognizedClientException", attempts: 1 }
      })
    }).pipe(Effect.provide(layer))
  })

  it.effect("ServiceQuotaExceededException is unknown to an operation that does not list it", () => {
    const { layer } = testLayer(() => awsError("ServiceQuotaExceededException", 402))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* Effect.either(voiceId.deleteDomain({ DomainId })))
      expect(error._tag).toBe("UnknownServiceError")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a body that is not JSON is a ResponseDecodeError, never a defect", () => {
    const { layer } = testLayer(() => ({ status: 200, body: "<html>proxy</html>" }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* Effect.either(voiceId.describeDomain({ DomainId })))
      expect(error._tag).toBe("ResponseDecodeError")
      expect(error).toMatchObject({ operation: "DescribeDomain", $metadata: { httpStatusCode: 200 } })
    }).pipe(Effect.provide(layer))
  })

  it.effect("a response of the wrong shape is a ResponseDecodeError", () => {
    const { layer } = testLayer(() => ({ status: 200, body: JSON.stringify({ Domain: "not an object" }) }))
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* Effect.either(voiceId.describeDomain({ DomainId })))
      expect(error._tag).toBe("ResponseDecodeError")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a transport failure is a TransportError", () => {
    const { layer } = testLayer(() => "transport-error", { maxAttempts: 1 })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* Effect.either(voiceId.describeDomain({ DomainId })))
      expect(error._tag).toBe("TransportError")
      expect(error).toMatchObject({ operation: "DescribeDomain", reason: "Transport" })
      expect(error.message).toContain("ECONNREFUSED")
    }).pipe(Effect.provide(layer))
  })

  it.effect("credentials that cannot be loaded are a CredentialsError, and nothing is sent", () => {
    const failing = { get: Effect.fail(new CredentialsError({ source: "profile dev", reason: "no such profile" })) }
    const { sent, layer } = testLayer(() => ok({}), { credentials: failing })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* Effect.either(voiceId.describeDomain({ DomainId })))
      expect(error._tag).toBe("CredentialsError")
      expect(error.message).toBe("Could not load AWS credentials from profile dev: no such profile")
      expect(sent).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a signer failure is a SigningError, and nothing is sent", () => {
    const broken = { digest: () => Promise.reject(new Error("digest unavailable")) } as unknown as SubtleCrypto
    const { sent, layer } = testLayer(() => ok({}), { signer: Signer.webCrypto(broken) })
    return Effect.gen(function* () {
      const voiceId = yield* VoiceId
      const error = failureOf(yield* Effect.either(voiceId.describeDomain({ DomainId })))
      expect(error._tag).toBe("SigningError")
      expect(error.message).toBe("Could not sign the request: Error: digest unavailable")
      expect(sent).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })
})
