import { createHash, createHmac } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { Credentials, Signer } from "@effect-voiceid/client"
import type { SigV4 } from "@effect-voiceid/protocol"
import { loadSigV4Cases, type SigV4Case } from "@effect-voiceid/test-fixtures"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import { NodeSigner } from "../src/index.js"
import { makeNodeCrypto, oneShotHash } from "../src/internal/crypto.js"

const cases = loadSigV4Cases()

// The client's signers sign what Voice ID needs: a normalized path, the session token signed, no
// x-amz-content-sha256. The protocol package runs the other vectors through the canonicalizer directly.
const representable = (c: SigV4Case): boolean =>
  c.context.normalize && !c.context.signBody && !c.context.omitSessionToken

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

describe("the node:crypto signer", () => {
  it("runs on this Node with the one-shot crypto.hash (Node 20.12+)", () => {
    expect(typeof oneShotHash).toBe("function")
  })

  const signed = cases.filter(representable)
  it("has the 62 header-mode vectors of the two AWS suites that the client's signers can express", () => {
    expect(signed).toHaveLength(62)
  })

  for (const c of signed) {
    it.effect(`${c.suite}/${c.name}`, () =>
      Effect.gen(function* () {
        const headers = yield* NodeSigner.make().sign(
          {
            method: c.request.method,
            path: c.request.path,
            query: c.request.query,
            headers: headersOf(c),
            body: c.request.body
          },
          contextOf(c)
        )
        expect(headers.authorization).toBe(c.header.authorization)
        expect(headers["x-amz-security-token"]).toBe(c.context.sessionToken)
      })
    )
  }

  it.prop(
    "the one-shot hash and the createHash fallback give the same digests and HMACs",
    [
      FastCheck.oneof(FastCheck.string(), FastCheck.uint8Array()),
      FastCheck.string(),
      FastCheck.uint8Array({ minLength: 1 })
    ],
    ([data, text, key]) => {
      const oneShot = makeNodeCrypto(oneShotHash)
      const fallback = makeNodeCrypto(undefined)
      const reference = createHash("sha256").update(data).digest("hex")
      expect(oneShot.sha256Hex(data)).toBe(reference)
      expect(fallback.sha256Hex(data)).toBe(reference)
      const hmac = new Uint8Array(createHmac("sha256", key).update(text).digest())
      expect(new Uint8Array(oneShot.hmacSha256(key, text))).toEqual(hmac)
      expect(new Uint8Array(fallback.hmacSha256(key, text))).toEqual(hmac)
    }
  )

  it.prop(
    "the hex HMAC (two one-shot hashes over cached key blocks, or createHmac) equals createHmac's",
    [
      FastCheck.array(
        FastCheck.tuple(
          FastCheck.oneof(
            FastCheck.uint8Array({ minLength: 0, maxLength: 80 }),
            FastCheck.uint8Array({ minLength: 32, maxLength: 32 }),
            FastCheck.string()
          ),
          FastCheck.oneof(FastCheck.string(), FastCheck.string({ unit: "binary", minLength: 150, maxLength: 600 }))
        ),
        { minLength: 1, maxLength: 6 }
      )
    ],
    ([calls]) => {
      // One crypto per run, keys changing and repeating between calls, as a signer's do across days.
      const oneShot = makeNodeCrypto(oneShotHash)
      const fallback = makeNodeCrypto(undefined)
      for (const [key, text] of [...calls, ...calls]) {
        const reference = createHmac("sha256", key).update(text).digest("hex")
        expect(oneShot.hmacSha256Hex?.(key, text)).toBe(reference)
        expect(fallback.hmacSha256Hex?.(key, text)).toBe(reference)
      }
    }
  )

  it("the hex HMAC sees a key array changed in place since the last call", () => {
    const crypto = makeNodeCrypto(oneShotHash)
    const key = new Uint8Array(32).fill(7)
    const before = crypto.hmacSha256Hex?.(key, "string to sign")
    key[31] = 8
    const after = crypto.hmacSha256Hex?.(key, "string to sign")
    expect(before).toBe(createHmac("sha256", new Uint8Array(32).fill(7)).update("string to sign").digest("hex"))
    expect(after).toBe(createHmac("sha256", key).update("string to sign").digest("hex"))
    expect(after).not.toBe(before)
  })

  it.effect(
    "reuses the signing key (the client's cache over node:crypto): a second signature the same day derives none",
    () =>
      Effect.gen(function* () {
        let hmacs = 0
        const counting: SigV4.Sha256Hmac = {
          sha256Hex: NodeSigner.nodeCrypto.sha256Hex,
          hmacSha256: (key, data) => {
            hmacs++
            return NodeSigner.nodeCrypto.hmacSha256(key, data)
          }
        }
        const signer = Signer.fromSha256Hmac(counting)
        const request: SigV4.Request = {
          method: "POST",
          path: "/",
          headers: { host: "voiceid.us-east-1.amazonaws.com", "x-amz-target": "VoiceID.ListDomains" },
          body: "{}"
        }
        const context = contextOf(signed[0]!)
        yield* signer.sign(request, { ...context, region: "us-east-1", service: "voiceid" })
        const first = hmacs
        yield* signer.sign(request, { ...context, region: "us-east-1", service: "voiceid" })
        // Four HMACs derive the key, one signs: the second signature does only the last.
        expect(first).toBe(5)
        expect(hmacs - first).toBe(1)
      })
  )
})
