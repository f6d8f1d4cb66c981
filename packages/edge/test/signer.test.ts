import { describe, expect, it } from "@effect/vitest"
import { Credentials, Signer } from "@effect-voiceid/client"
import { SigV4 } from "@effect-voiceid/protocol"
import { loadSigV4Cases, type SigV4Case } from "@effect-voiceid/test-fixtures"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import { Aws4fetchSigner } from "../src/index.js"

const cases = loadSigV4Cases()

const headersOf = (c: SigV4Case): SigV4.Headers => {
  const byLowerName = new Map<string, { name: string; values: Array<string> }>()
  for (const [name, value] of c.request.headers) {
    const entry = byLowerName.get(name.toLowerCase())
    if (entry === undefined) byLowerName.set(name.toLowerCase(), { name, values: [value] })
    else entry.values.push(value)
  }
  return Object.fromEntries(
    [...byLowerName.values()].map(({ name, values }) => [name, values.length === 1 ? values[0]! : values])
  )
}

const contextOf = (c: SigV4Case): Signer.SigningContext => ({
  credentials: Credentials.make({
    accessKeyId: c.context.accessKeyId,
    secretAccessKey: c.context.secretAccessKey,
    sessionToken: c.context.sessionToken
  }),
  region: c.context.region,
  service: c.context.service,
  signingDate: new Date(c.context.timestamp)
})

/**
 * Vectors the aws4fetch signer does not reproduce, with the reason; none can occur on a Voice ID request (always
 * `POST /` with the client's fixed headers). The client's own signers cover them.
 */
const notReproduced: Readonly<Record<string, string>> = {
  "aws-c-auth-v4/get-header-value-multiline":
    "a folded header value: `Headers` refuses line breaks (so fetch could not send it)",
  "botocore-aws4_testsuite/get-header-value-multiline": "a folded header value: `Headers` refuses line breaks",
  "aws-c-auth-v4/get-space-normalized":
    "a raw space in the path: aws4fetch encodes the URL's already-encoded path again",
  "botocore-aws4_testsuite/normalize-path/get-space": "a raw space in the path: encoded twice",
  "aws-c-auth-v4/get-utf8": "raw UTF-8 in the path: encoded twice",
  "botocore-aws4_testsuite/get-utf8": "raw UTF-8 in the path: encoded twice"
}

// The client's signers sign a normalized path, the session token signed, no x-amz-content-sha256.
const representable = (c: SigV4Case): boolean =>
  c.context.normalize && !c.context.signBody && !c.context.omitSessionToken

const requestOf = (c: SigV4Case): SigV4.Request => ({
  method: c.request.method,
  path: c.request.path,
  query: c.request.query,
  headers: headersOf(c),
  body: c.request.body
})

describe("the aws4fetch signer against the AWS SigV4 test suites", () => {
  const signed = cases.filter(representable)

  it("reproduces all but the listed vectors of the 62 the client's signers express", () => {
    expect(signed).toHaveLength(62)
    for (const name of Object.keys(notReproduced)) expect(signed.map((c) => `${c.suite}/${c.name}`)).toContain(name)
  })

  for (const c of signed) {
    const name = `${c.suite}/${c.name}`
    const reason = notReproduced[name]
    if (reason !== undefined) {
      it.effect(`${name}: differs (${reason})`, () =>
        Effect.gen(function* () {
          const result = yield* Effect.either(Aws4fetchSigner.make().sign(requestOf(c), contextOf(c)))
          // Either a typed SigningError or another signature: never a defect.
          if (result._tag === "Left") expect(result.left._tag).toBe("SigningError")
          else expect(result.right.authorization).not.toBe(c.header.authorization)
        })
      )
      continue
    }
    it.effect(name, () =>
      Effect.gen(function* () {
        const headers = yield* Aws4fetchSigner.make().sign(requestOf(c), contextOf(c))
        expect(headers.authorization).toBe(c.header.authorization)
        expect(headers["x-amz-date"]).toBe(SigV4.amzDate(new Date(c.context.timestamp)))
        expect(headers["x-amz-security-token"]).toBe(c.context.sessionToken)
      })
    )
  }
})

describe("the aws4fetch signer against the client's signer", () => {
  const host = FastCheck.oneof(
    FastCheck.constantFrom("voiceid.us-east-1.amazonaws.com", "127.0.0.1:4599", "[::1]:8080"),
    // Each scheme drops its own default port from a URL's host: the signer must keep the one the endpoint names.
    FastCheck.constantFrom("localhost:80", "localhost:443", "example.test:8443")
  )

  it.effect.prop(
    "gives the same headers for any Voice ID request",
    [
      host,
      FastCheck.string(),
      FastCheck.string({ minLength: 1 }),
      // Session tokens are base64: aws4fetch and SigV4 differ only on whitespace inside header values.
      FastCheck.option(FastCheck.stringMatching(/^[A-Za-z0-9+/]{1,300}={0,2}$/), { nil: undefined }),
      FastCheck.constantFrom("us-east-1", "eu-west-2", "ap-southeast-2"),
      FastCheck.date({
        min: new Date("2000-01-01T00:00:00Z"),
        max: new Date("2099-12-31T23:59:59Z"),
        noInvalidDate: true
      })
    ],
    ([host, body, secret, token, region, signingDate]) =>
      Effect.gen(function* () {
        const request: SigV4.Request = {
          method: "POST",
          path: "/",
          headers: {
            host,
            "content-type": "application/x-amz-json-1.0",
            "x-amz-target": "VoiceID.ListSpeakerEnrollmentJobs"
          },
          body
        }
        const context: Signer.SigningContext = {
          credentials: Credentials.make({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token }),
          region,
          service: "voiceid",
          signingDate
        }
        const ours = yield* Aws4fetchSigner.make().sign(request, context)
        const reference = yield* Signer.webCrypto().sign(request, context)
        expect(ours).toEqual(reference)
      }),
    { timeout: 60_000, fastCheck: { numRuns: 100 } }
  )

  it.effect("reuses one signing-key cache across requests, keyed by secret, day, region and service", () =>
    Effect.gen(function* () {
      const signer = Aws4fetchSigner.make()
      const request: SigV4.Request = { method: "POST", path: "/", headers: { host: "h" }, body: "{}" }
      const context = (secret: string, day: number): Signer.SigningContext => ({
        credentials: Credentials.make({ accessKeyId: "A", secretAccessKey: secret }),
        region: "us-east-1",
        service: "voiceid",
        signingDate: new Date(Date.UTC(2026, 0, day, 12))
      })
      for (const [secret, day] of [
        ["a", 1],
        ["a", 1],
        ["b", 1],
        ["a", 2]
      ] as const) {
        const headers = yield* signer.sign(request, context(secret, day))
        expect(headers).toEqual(yield* Signer.webCrypto().sign(request, context(secret, day)))
      }
    })
  )
})
