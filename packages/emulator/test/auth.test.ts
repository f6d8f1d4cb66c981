import { describe, expect, it } from "@effect/vitest"
import { loadSigV4Cases, parseRequest, type SigV4Case } from "@effect-voiceid/test-fixtures"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { parseAmzDate, type ReceivedRequest, type VerifyOptions, verify } from "../src/Auth.js"
import * as Emulator from "../src/Emulator.js"
import { rawRequest, signedRequest } from "./support.js"

const cases = loadSigV4Cases()

/**
 * The request of a case as signed by the suite, as a server receives it: the signed request file, with the
 * suite's expected `Authorization` value (botocore's `get-vanilla-with-session-token.sreq` carries the signature
 * of `get-vanilla`; its `.authz` is right).
 */
const received = (c: SigV4Case): ReceivedRequest => {
  const signed = parseRequest(c.header.signedRequest)
  const headers: Record<string, Array<string>> = {}
  for (const [name, value] of signed.headers) {
    const key = name.toLowerCase()
    headers[key] = [...(headers[key] ?? []), value]
  }
  headers.authorization = [c.header.authorization]
  // Presented as on the wire: the path encoded once, the query as written.
  return {
    method: signed.method,
    path: signed.path,
    query: signed.query,
    headers,
    body: signed.body ?? ""
  }
}

const optionsOf = (c: SigV4Case, overrides: Partial<VerifyOptions> = {}): VerifyOptions => ({
  keys: new Map([[c.context.accessKeyId, c.context.secretAccessKey]]),
  service: c.context.service,
  servesRegion: (region) => region === c.context.region,
  now: Date.parse(c.context.timestamp),
  maxSkewMs: 5 * 60_000,
  normalizePath: c.context.normalize,
  ...overrides
})

describe("SigV4 verification", () => {
  it("has the vectors of both suites", () => {
    expect(cases.length).toBe(72)
  })

  it.each(cases.map((c) => [`${c.suite}/${c.name}`, c] as const))("accepts %s", (_, c) => {
    const result = verify(received(c), optionsOf(c))
    expect(result).toEqual(Either.right({ accessKeyId: c.context.accessKeyId, region: c.context.region }))
  })

  it.each(cases.map((c) => [`${c.suite}/${c.name}`, c] as const))(
    "refuses %s when its signature is altered",
    (_, c) => {
      const request = received(c)
      const authorization = (request.headers.authorization as Array<string>)[0]!
      const last = authorization.slice(-1)
      const altered = {
        ...request,
        headers: { ...request.headers, authorization: authorization.slice(0, -1) + (last === "0" ? "1" : "0") }
      }
      const result = verify(altered, optionsOf(c))
      expect(Either.isLeft(result) && result.left.code).toBe("InvalidSignatureException")
    }
  )

  const vanilla = cases.find((c) => c.suite === "aws-c-auth-v4" && c.name === "post-vanilla")!
  const withBody = cases.find((c) => c.suite === "aws-c-auth-v4" && c.name === "post-x-www-form-urlencoded")!

  it("refuses a changed body, header or secret", () => {
    const request = received(withBody)
    const changedBody = verify({ ...request, body: "Param1=value2" }, optionsOf(withBody))
    expect(Either.isLeft(changedBody) && changedBody.left.code).toBe("InvalidSignatureException")
    const base = received(vanilla)
    const changedHost = verify(
      { ...base, headers: { ...base.headers, host: ["evil.example.com"] } },
      optionsOf(vanilla)
    )
    expect(Either.isLeft(changedHost) && changedHost.left.code).toBe("InvalidSignatureException")
    const wrongSecret = verify(base, optionsOf(vanilla, { keys: new Map([[vanilla.context.accessKeyId, "other"]]) }))
    expect(Either.isLeft(wrongSecret) && wrongSecret.left.code).toBe("InvalidSignatureException")
  })

  it("names what is wrong: unknown key, missing or malformed header, scope, time", () => {
    const base = received(vanilla)
    const code = (request: ReceivedRequest, options: VerifyOptions) => {
      const result = verify(request, options)
      return Either.isLeft(result) ? [result.left.code, result.left.status, result.left.Message] : undefined
    }
    expect(code(base, optionsOf(vanilla, { keys: new Map([["someone-else", "x"]]) }))).toEqual([
      "UnrecognizedClientException",
      403,
      "The security token included in the request is invalid."
    ])
    const { authorization: _, ...unsigned } = base.headers
    expect(code({ ...base, headers: unsigned }, optionsOf(vanilla))).toEqual([
      "MissingAuthenticationTokenException",
      403,
      "Missing Authentication Token"
    ])
    expect(
      code(
        { ...base, headers: { ...base.headers, authorization: ["AWS4-HMAC-SHA256 Credential=x"] } },
        optionsOf(vanilla)
      )?.[0]
    ).toBe("IncompleteSignatureException")
    expect(code(base, optionsOf(vanilla, { service: "voiceid" }))?.[2]).toBe(
      "Credential should be scoped to correct service: 'voiceid'. "
    )
    expect(code(base, optionsOf(vanilla, { servesRegion: (r) => r === "eu-west-2" }))?.[2]).toBe(
      "Credential should be scoped to a valid region, not 'us-east-1'. "
    )
    const signedAt = Date.parse(vanilla.context.timestamp)
    expect(code(base, optionsOf(vanilla, { now: signedAt + 5 * 60_000 }))).toBeUndefined()
    expect(code(base, optionsOf(vanilla, { now: signedAt + 6 * 60_000 }))).toEqual([
      "InvalidSignatureException",
      403,
      "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)"
    ])
    expect(code(base, optionsOf(vanilla, { now: signedAt - 6 * 60_000 }))).toEqual([
      "InvalidSignatureException",
      403,
      "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T123000Z + 5 min.)"
    ])
  })
})

describe("parseAmzDate", () => {
  it("reads YYYYMMDD'T'HHMMSS'Z' and nothing else", () => {
    expect(parseAmzDate("20150830T123600Z")).toBe(Date.UTC(2015, 7, 30, 12, 36, 0))
    expect(parseAmzDate("20260520T000000Z")).toBe(Date.UTC(2026, 4, 20))
    for (const malformed of [
      "",
      "20150830T123600",
      "20150830T123600Z ",
      "2015083OT123600Z",
      "20150830t123600Z",
      "20150830T12360OZ",
      "20150830 123600Z",
      "2015-08-30T12:36:00Z",
      "+0150830T123600Z",
      "20150830T12-600Z",
      "２0150830T123600Z"
    ]) {
      expect(parseAmzDate(malformed)).toBeUndefined()
    }
  })
})

describe("authentication over HTTP", () => {
  it.scopedLive("answers 403 with the AWS error codes, and accepts a good signature", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ regions: ["us-east-1", "eu-west-2"] })
      const body = JSON.stringify({})
      const ok = yield* signedRequest(emulator, "VoiceID.ListDomains", body)
      expect(ok.status).toBe(200)
      const otherRegion = yield* signedRequest(emulator, "VoiceID.ListDomains", body, { region: "eu-west-2" })
      expect(otherRegion.status).toBe(200)

      const missing = yield* rawRequest(emulator.url, {
        headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "VoiceID.ListDomains" },
        body
      })
      expect(missing.status).toBe(403)
      expect(missing.json?.__type).toBe("com.amazonaws.voiceid#MissingAuthenticationTokenException")
      const wrongSecret = yield* signedRequest(emulator, "VoiceID.ListDomains", body, { secretAccessKey: "nope" })
      expect([wrongSecret.status, wrongSecret.json?.__type]).toEqual([
        403,
        "com.amazonaws.voiceid#InvalidSignatureException"
      ])
      const stale = yield* signedRequest(emulator, "VoiceID.ListDomains", body, {
        signingDate: new Date(Date.now() - 10 * 60_000)
      })
      expect(stale.status).toBe(403)
      expect(stale.json?.Message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/)
      const wrongService = yield* signedRequest(emulator, "VoiceID.ListDomains", body, { service: "connect" })
      expect(wrongService.json?.Message).toBe("Credential should be scoped to correct service: 'voiceid'. ")
      const wrongRegion = yield* signedRequest(emulator, "VoiceID.ListDomains", body, { region: "ap-south-1" })
      expect(wrongRegion.json?.Message).toBe("Credential should be scoped to a valid region, not 'ap-south-1'. ")
      // A header added after signing but listed as signed would change the signature; one not signed does not matter.
      const extra = yield* signedRequest(emulator, "VoiceID.ListDomains", body, { headers: { "x-custom": "1" } })
      expect(extra.status).toBe(200)
    })
  )

  it.scopedLive("keeps per-region state apart", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ regions: ["us-east-1", "eu-west-2"] })
      const create = JSON.stringify({ Name: "east", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })
      const created = yield* signedRequest(emulator, "VoiceID.CreateDomain", create)
      expect(created.status).toBe(200)
      const east = yield* signedRequest(emulator, "VoiceID.ListDomains", "{}")
      const west = yield* signedRequest(emulator, "VoiceID.ListDomains", "{}", { region: "eu-west-2" })
      expect(east.json?.DomainSummaries).toHaveLength(1)
      expect(west.json?.DomainSummaries).toEqual([])
    })
  )

  it.scopedLive("can be turned off", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ verifySignatures: false })
      const answer = yield* rawRequest(emulator.url, {
        headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "VoiceID.ListDomains" },
        body: "{}"
      })
      expect(answer.status).toBe(200)
      expect(answer.json).toEqual({ DomainSummaries: [] })
    })
  )

  it.scopedLive("when off, still files a signed request under the region it names", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ verifySignatures: false, regions: ["us-east-1", "eu-west-2"] })
      const create = JSON.stringify({ Name: "west", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })
      yield* signedRequest(emulator, "VoiceID.CreateDomain", create, { region: "eu-west-2", secretAccessKey: "any" })
      const west = yield* signedRequest(emulator, "VoiceID.ListDomains", "{}", { region: "eu-west-2" })
      const east = yield* signedRequest(emulator, "VoiceID.ListDomains", "{}")
      expect(west.json?.DomainSummaries).toHaveLength(1)
      expect(east.json?.DomainSummaries).toEqual([])
    })
  )
})
