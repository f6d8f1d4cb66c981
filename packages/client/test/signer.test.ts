import { describe, expect, it } from "@effect/vitest"
import { SigV4 } from "@effect-voiceid/protocol"
import { loadSigV4Cases, type SigV4Case } from "@effect-voiceid/test-fixtures"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Credentials from "../src/Credentials.js"
import * as Signer from "../src/Signer.js"
import { nodeSigner } from "./utils.js"

const cases = loadSigV4Cases()

/**
 * Vectors the client's signers cannot represent by construction, with the reason. The `Signer` interface signs
 * what Voice ID needs: header signing of a request whose path is taken as given and normalized, with the session
 * token signed and no `x-amz-content-sha256`. The protocol package's own tests run every vector through the
 * canonicalizer with the options these need.
 */
const notRepresentable = (c: SigV4Case): string | undefined => {
  if (!c.context.normalize) return "asks for an un-normalized path; the signer always normalizes (Voice ID is POST /)"
  if (c.context.signBody) return "signs x-amz-content-sha256, an S3 header Voice ID does not use"
  if (c.context.omitSessionToken) return "leaves the session token unsigned; the signer always signs it"
  return undefined
}

// Repeated header lines become one array under the first spelling of the name, in file order.
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

const requestOf = (c: SigV4Case): SigV4.Request => ({
  method: c.request.method,
  path: c.request.path,
  query: c.request.query,
  headers: headersOf(c),
  body: c.request.body
})

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

const signers: ReadonlyArray<readonly [string, Signer.RequestSigner]> = [
  ["webCrypto", Signer.webCrypto()],
  ["fromSha256Hmac (node:crypto)", nodeSigner]
]

describe("signers against the AWS SigV4 test suites", () => {
  it("loads both suites", () => {
    expect(cases.filter((c) => c.suite === "aws-c-auth-v4")).toHaveLength(38)
    expect(cases.filter((c) => c.suite === "botocore-aws4_testsuite")).toHaveLength(34)
  })

  it("excludes only the vectors listed with a reason", () => {
    const excluded = cases.filter((c) => notRepresentable(c) !== undefined).map((c) => `${c.suite}/${c.name}`)
    expect(excluded.sort()).toEqual(
      [
        "aws-c-auth-v4/get-relative-relative-unnormalized",
        "aws-c-auth-v4/get-relative-unnormalized",
        "aws-c-auth-v4/get-slash-dot-slash-unnormalized",
        "aws-c-auth-v4/get-slash-pointless-dot-unnormalized",
        "aws-c-auth-v4/get-slash-unnormalized",
        "aws-c-auth-v4/get-slashes-unnormalized",
        "aws-c-auth-v4/get-space-unnormalized",
        "aws-c-auth-v4/post-sts-header-after",
        "aws-c-auth-v4/post-x-www-form-urlencoded",
        "aws-c-auth-v4/post-x-www-form-urlencoded-parameters"
      ].sort()
    )
  })

  for (const [signerName, signer] of signers) {
    for (const c of cases) {
      const reason = notRepresentable(c)
      if (reason !== undefined) continue
      it.effect(`${signerName}: ${c.suite}/${c.name}`, () =>
        Effect.gen(function* () {
          const headers = yield* signer.sign(requestOf(c), contextOf(c))
          expect(headers.authorization).toBe(c.header.authorization)
          expect(headers["x-amz-date"]).toBe(SigV4.amzDate(new Date(c.context.timestamp)))
          expect(headers["x-amz-security-token"]).toBe(c.context.sessionToken)
          expect(headers["x-amz-content-sha256"]).toBeUndefined()
        })
      )
    }
  }

  it.effect.prop(
    "the WebCrypto and node:crypto signers agree on any Voice ID request",
    [FastCheck.string(), FastCheck.string({ minLength: 1 }), FastCheck.option(FastCheck.string({ minLength: 1 }))],
    ([body, secret, token]) =>
      Effect.gen(function* () {
        const request: SigV4.Request = {
          method: "POST",
          path: "/",
          headers: {
            host: "voiceid.eu-west-2.amazonaws.com",
            "content-type": "application/x-amz-json-1.0",
            "x-amz-target": "VoiceID.ListDomains"
          },
          body
        }
        const context: Signer.SigningContext = {
          credentials: Credentials.make({
            accessKeyId: "AKID",
            secretAccessKey: secret,
            sessionToken: token ?? undefined
          }),
          region: "eu-west-2",
          service: "voiceid",
          signingDate: new Date(Date.UTC(2026, 4, 20, 12, 0, 0))
        }
        const a = yield* Signer.webCrypto().sign(request, context)
        const b = yield* nodeSigner.sign(request, context)
        expect(a).toEqual(b)
      }),
    { fastCheck: { numRuns: 50 } }
  )
})
