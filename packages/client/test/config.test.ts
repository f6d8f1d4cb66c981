import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Credentials from "../src/Credentials.js"
import * as Signer from "../src/Signer.js"
import { VoiceId } from "../src/VoiceId.js"
import * as VoiceIdConfig from "../src/VoiceIdConfig.js"
import { DomainId, mockHttp, nodeSigner, ok } from "./utils.js"

const withEnv = (env: Record<string, string>, overrides?: Partial<VoiceIdConfig.Options>) => {
  const http = mockHttp(() => ok({}))
  const layer = VoiceId.layerConfig(overrides).pipe(
    Layer.provide(http.layer),
    Layer.provide(Layer.succeed(Signer.Signer, nodeSigner)),
    Layer.provide(Credentials.layer({ accessKeyId: "AKID", secretAccessKey: "secret" })),
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
  )
  return { sent: http.sent, layer }
}

const call = Effect.flatMap(VoiceId, (voiceId) =>
  Effect.as(voiceId.describeDomain({ DomainId }), { region: voiceId.client.region, endpoint: voiceId.client.endpoint })
)

describe("configuration", () => {
  it.effect("layerConfig reads the region and defaults the endpoint", () => {
    const { sent, layer } = withEnv({ AWS_REGION: "eu-west-2" })
    return Effect.gen(function* () {
      expect(yield* call).toEqual({ region: "eu-west-2", endpoint: "https://voiceid.eu-west-2.amazonaws.com/" })
      expect(sent[0]!.url).toBe("https://voiceid.eu-west-2.amazonaws.com/")
      expect(sent[0]!.headers.authorization).toContain("/eu-west-2/voiceid/aws4_request")
      expect(sent[0]!.headers["amz-sdk-request"]).toBe("attempt=1; max=3")
    }).pipe(Effect.provide(layer))
  })

  it.effect("AWS_DEFAULT_REGION when AWS_REGION is absent; AWS_ENDPOINT_URL_VOICE_ID over AWS_ENDPOINT_URL", () => {
    const { sent, layer } = withEnv({
      AWS_DEFAULT_REGION: "ap-southeast-2",
      AWS_ENDPOINT_URL: "http://localhost:1111",
      AWS_ENDPOINT_URL_VOICE_ID: "http://127.0.0.1:4599",
      AWS_MAX_ATTEMPTS: "5"
    })
    return Effect.gen(function* () {
      expect(yield* call).toEqual({ region: "ap-southeast-2", endpoint: "http://127.0.0.1:4599/" })
      expect(sent[0]!.headers["amz-sdk-request"]).toBe("attempt=1; max=5")
    }).pipe(Effect.provide(layer))
  })

  it.effect("AWS_ENDPOINT_URL when there is no service-specific endpoint", () => {
    const { layer } = withEnv({ AWS_REGION: "us-west-2", AWS_ENDPOINT_URL: "http://localhost:1111" })
    return Effect.gen(function* () {
      expect((yield* call).endpoint).toBe("http://localhost:1111/")
    }).pipe(Effect.provide(layer))
  })

  it.effect("explicit options win over the environment, and what they give is not read", () => {
    const { layer } = withEnv({ AWS_ENDPOINT_URL: "http://localhost:1111" }, { region: "ca-central-1", maxAttempts: 2 })
    return Effect.gen(function* () {
      expect(yield* call).toEqual({ region: "ca-central-1", endpoint: "http://localhost:1111/" })
    }).pipe(Effect.provide(layer))
  })

  for (const [name, env, expected] of [
    ["no region", {}, "AWS_REGION"],
    ["a malformed AWS_MAX_ATTEMPTS", { AWS_REGION: "us-east-1", AWS_MAX_ATTEMPTS: "many" }, "AWS_MAX_ATTEMPTS"],
    ["AWS_MAX_ATTEMPTS below 1", { AWS_REGION: "us-east-1", AWS_MAX_ATTEMPTS: "0" }, "at least 1"],
    ["an endpoint that is not a URL", { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: "not a url" }, "not a URL"],
    ["a region that cannot name a host", { AWS_REGION: "us east/1" }, "not an AWS region name"]
  ] as const) {
    it.effect(`${name} is a ConfigError`, () => {
      const { layer } = withEnv(env)
      return Effect.gen(function* () {
        const result = yield* Effect.either(Layer.build(layer).pipe(Effect.scoped))
        expect(Either.isLeft(result)).toBe(true)
        if (Either.isLeft(result)) {
          expect(String(result.left)).toContain(expected)
        }
      })
    })
  }

  it("resolve fills the defaults and checks the values", () => {
    const resolved = Either.getOrThrow(VoiceIdConfig.resolve({ region: "us-east-1" }))
    expect(resolved.endpoint.href).toBe("https://voiceid.us-east-1.amazonaws.com/")
    expect(resolved.signingName).toBe("voiceid")
    expect(resolved.maxAttempts).toBe(3)
    expect(resolved.retryQuota).toBe(500)
    expect(resolved.validateRequests).toBe(true)
    expect(Either.isLeft(VoiceIdConfig.resolve({ region: "us-east-1", maxAttempts: 0 }))).toBe(true)
    expect(Either.isLeft(VoiceIdConfig.resolve({ region: "us-east-1", maxAttempts: 1.5 }))).toBe(true)
    expect(Either.isLeft(VoiceIdConfig.resolve({ region: "us-east-1", endpoint: "ftp://x" }))).toBe(true)
    expect(Either.isLeft(VoiceIdConfig.resolve({ region: "us-east-1", endpoint: "https://u:p@x" }))).toBe(true)
    expect(Either.isLeft(VoiceIdConfig.resolve({ region: "us-east-1", timeout: "0 millis" }))).toBe(true)
    expect(Either.isLeft(VoiceIdConfig.resolve({ region: "us-east-1", retryQuota: -1 }))).toBe(true)
    expect(Either.getOrThrow(VoiceIdConfig.resolve({ region: "us-east-1", retryQuota: false })).retryQuota).toBe(false)
  })
})
