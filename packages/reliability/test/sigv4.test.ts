import { describe, expect, it } from "@effect/vitest"
import { Credentials, Signer } from "@effect-voiceid/client"
import { Aws4fetchSigner } from "@effect-voiceid/edge"
import { Auth } from "@effect-voiceid/emulator"
import { NodeSigner } from "@effect-voiceid/node"
import { SigV4 } from "@effect-voiceid/protocol"
import { loadSigV4Cases, parseRequest, type SigV4Case } from "@effect-voiceid/test-fixtures"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import { count, record } from "../src/Figures.js"

const cases = loadSigV4Cases()
const nameOf = (c: SigV4Case) => `${c.suite}/${c.name}`

/**
 * What each signer cannot express, with the reason, as the signers' own packages list them. The client's `Signer`
 * interface signs what Voice ID needs: a normalized path, the session token signed, no `x-amz-content-sha256`.
 */
const clientCannot = (c: SigV4Case): string | undefined => {
  if (!c.context.normalize) return "an un-normalized path (the signer always normalizes; Voice ID is POST /)"
  if (c.context.signBody) return "x-amz-content-sha256, an S3 header Voice ID does not use"
  if (c.context.omitSessionToken) return "an unsigned session token (the signer always signs it)"
  return undefined
}
const aws4fetchCannot: Readonly<Record<string, string>> = {
  "aws-c-auth-v4/get-header-value-multiline": "a folded header value (fetch's Headers refuse line breaks)",
  "botocore-aws4_testsuite/get-header-value-multiline": "a folded header value (fetch's Headers refuse line breaks)",
  "aws-c-auth-v4/get-space-normalized": "a raw space in the path (aws4fetch encodes the URL's path again)",
  "botocore-aws4_testsuite/normalize-path/get-space":
    "a raw space in the path (aws4fetch encodes the URL's path again)",
  "aws-c-auth-v4/get-utf8": "raw UTF-8 in the path (aws4fetch encodes the URL's path again)",
  "botocore-aws4_testsuite/get-utf8": "raw UTF-8 in the path (aws4fetch encodes the URL's path again)"
}

const headersOf = (c: SigV4Case): SigV4.Headers => {
  const byName = new Map<string, { name: string; values: Array<string> }>()
  for (const [name, value] of c.request.headers) {
    const entry = byName.get(name.toLowerCase())
    if (entry === undefined) byName.set(name.toLowerCase(), { name, values: [value] })
    else entry.values.push(value)
  }
  return Object.fromEntries(
    [...byName.values()].map(({ name, values }) => [name, values.length === 1 ? values[0]! : values])
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

interface SignerUnderTest {
  readonly name: string
  readonly make: () => Signer.RequestSigner
  readonly cannot: (c: SigV4Case) => string | undefined
}

const signers: ReadonlyArray<SignerUnderTest> = [
  { name: "client WebCrypto (Signer.webCrypto)", make: () => Signer.webCrypto(), cannot: clientCannot },
  { name: "node:crypto (NodeSigner)", make: NodeSigner.make, cannot: clientCannot },
  {
    name: "aws4fetch (Aws4fetchSigner)",
    make: Aws4fetchSigner.make,
    cannot: (c) => clientCannot(c) ?? aws4fetchCannot[nameOf(c)]
  }
]

/** The request of a case as a server receives it: the suite's signed request with its expected Authorization. */
const received = (c: SigV4Case): Auth.ReceivedRequest => {
  const request = parseRequest(c.header.signedRequest)
  const headers: Record<string, Array<string>> = {}
  for (const [name, value] of request.headers)
    headers[name.toLowerCase()] = [...(headers[name.toLowerCase()] ?? []), value]
  headers.authorization = [c.header.authorization]
  return { method: request.method, path: request.path, query: request.query, headers, body: request.body ?? "" }
}

const verifyOptions = (c: SigV4Case): Auth.VerifyOptions => ({
  keys: new Map([[c.context.accessKeyId, c.context.secretAccessKey]]),
  service: c.context.service,
  servesRegion: (region) => region === c.context.region,
  now: Date.parse(c.context.timestamp),
  maxSkewMs: 5 * 60_000,
  normalizePath: c.context.normalize
})

const rows: Array<readonly [string, string | number]> = []
const notes: Array<string> = []

describe("SigV4: every vector, every signer, and the emulator's verifier", () => {
  it("loads both suites (aws-c-auth 38, botocore 34)", () => {
    expect(cases.filter((c) => c.suite === "aws-c-auth-v4")).toHaveLength(38)
    expect(cases.filter((c) => c.suite === "botocore-aws4_testsuite")).toHaveLength(34)
  })

  for (const signer of signers) {
    it.effect(`${signer.name}: every vector it can express gives the suite's Authorization exactly`, () =>
      Effect.gen(function* () {
        const instance = signer.make()
        let passed = 0
        const excluded = new Map<string, number>()
        for (const c of cases) {
          const reason = signer.cannot(c)
          if (reason !== undefined) {
            excluded.set(reason, (excluded.get(reason) ?? 0) + 1)
            // Never a defect: a typed SigningError or a signature for what it could express.
            const result = yield* Effect.either(instance.sign(requestOf(c), contextOf(c)))
            if (Either.isLeft(result)) expect(result.left._tag).toBe("SigningError")
            continue
          }
          const headers = yield* instance.sign(requestOf(c), contextOf(c))
          expect(headers.authorization, nameOf(c)).toBe(c.header.authorization)
          expect(headers["x-amz-date"], nameOf(c)).toBe(SigV4.amzDate(new Date(c.context.timestamp)))
          expect(headers["x-amz-security-token"], nameOf(c)).toBe(c.context.sessionToken)
          passed++
        }
        const skipped = cases.length - passed
        rows.push([`${signer.name}: vectors passed / outside what it expresses`, `${passed} / ${skipped}`])
        for (const [reason, n] of excluded) notes.push(`${signer.name} does not express ${reason}: ${n} vector(s).`)
        expect(passed).toBe(signer.name.startsWith("aws4fetch") ? 56 : 62)
      })
    )
  }

  it("the emulator's verifier accepts every vector of both suites, and refuses each one altered", () => {
    let accepted = 0
    for (const c of cases) {
      expect(Auth.verify(received(c), verifyOptions(c)), nameOf(c)).toEqual(
        Either.right({ accessKeyId: c.context.accessKeyId, region: c.context.region })
      )
      const request = received(c)
      const authorization = (request.headers.authorization as Array<string>)[0]!
      const altered = authorization.slice(0, -1) + (authorization.endsWith("0") ? "1" : "0")
      const refused = Auth.verify(
        { ...request, headers: { ...request.headers, authorization: [altered] } },
        verifyOptions(c)
      )
      expect(Either.isLeft(refused) && refused.left.code, nameOf(c)).toBe("InvalidSignatureException")
      accepted++
    }
    rows.push(["emulator verifier: vectors accepted / altered copies refused", `${accepted} / ${accepted}`])
  })

  it.effect("every signer's signature on generated Voice ID requests is accepted by the emulator's verifier", () =>
    Effect.gen(function* () {
      const runs = 100
      const samples = FastCheck.sample(
        FastCheck.record({
          body: FastCheck.string({ maxLength: 300 }),
          target: FastCheck.constantFrom("VoiceID.ListDomains", "VoiceID.DescribeDomain", "VoiceID.CreateDomain"),
          secret: FastCheck.stringMatching(/^[A-Za-z0-9/+]{40}$/),
          token: FastCheck.option(FastCheck.stringMatching(/^[A-Za-z0-9/+=]{20,200}$/), { nil: undefined }),
          region: FastCheck.constantFrom("us-east-1", "eu-west-2", "ap-southeast-2"),
          host: FastCheck.constantFrom("voiceid.us-east-1.amazonaws.com", "127.0.0.1:4599", "localhost:80")
        }),
        { numRuns: runs, seed: 14 }
      )
      let verified = 0
      for (const signer of signers) {
        const instance = signer.make()
        for (const s of samples) {
          const request: SigV4.Request = {
            method: "POST",
            path: "/",
            headers: { host: s.host, "content-type": "application/x-amz-json-1.0", "x-amz-target": s.target },
            body: s.body
          }
          const signingDate = new Date(Date.UTC(2026, 4, 19, 12, 0, 0))
          const headers = yield* instance.sign(request, {
            credentials: Credentials.make({
              accessKeyId: "AKIDRELIABILITY",
              secretAccessKey: s.secret,
              sessionToken: s.token
            }),
            region: s.region,
            service: "voiceid",
            signingDate
          })
          const all: Record<string, string> = { ...(request.headers as Record<string, string>) }
          for (const [name, value] of Object.entries(headers)) if (value !== undefined) all[name] = value
          const result = Auth.verify(
            { method: "POST", path: "/", headers: all, body: s.body },
            {
              keys: new Map([["AKIDRELIABILITY", s.secret]]),
              service: "voiceid",
              servesRegion: (region) => region === s.region,
              now: signingDate.getTime(),
              maxSkewMs: 300_000
            }
          )
          expect(Either.isRight(result), `${signer.name} on ${JSON.stringify(s)}`).toBe(true)
          verified++
        }
      }
      rows.push(["generated Voice ID requests signed by each signer and verified by the emulator", count(verified)])
      record({
        id: "sigv4",
        order: 90,
        title: "SigV4 vectors",
        claim:
          `The ${cases.length} vectors of aws-c-auth's and botocore's SigV4 test suites (copied under ` +
          "packages/test-fixtures) through every signer of the project, each within what it can express (the " +
          "vectors outside it are listed below, as the signers' own tests list them, and give a typed SigningError " +
          "or another signature, never a defect), and through the emulator's verifier, which accepts every vector " +
          "and refuses every altered one. Then each signer's signatures on generated Voice ID requests are checked " +
          "by the verifier.",
        rows,
        notes
      })
    })
  )
})
