/**
 * The SigV4 signers compared in-process. Each signs the same `ListSpeakerEnrollmentJobs` request (same headers,
 * body and date) and returns its `Authorization` header, so the runner can check they all do the same work
 * before timing them.
 *
 * @since 0.1.0
 */
import { createHmac, hash } from "node:crypto"
import { nodeCrypto as nodeAdapterCrypto } from "@effect-voiceid/node/NodeSigner"
import { SigV4 } from "@effect-voiceid/protocol"
import { Hash } from "@smithy/hash-node"
import { HttpRequest } from "@smithy/protocol-http"
import { SignatureV4 } from "@smithy/signature-v4"
import { AwsV4Signer } from "aws4fetch"
import * as Wire from "../Wire.js"

/**
 * The signed request: what every client sends for the second page of a large domain.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const request = {
  host: "voiceid.us-east-1.amazonaws.com",
  body: Wire.requestBody(
    "mTWk3ocq2lSTtyy4O7bqgC",
    100,
    "AQAAAAAAZAJkYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXowMTIzNDU2Nzg5QUJD"
  )
} as const

/**
 * A signer: made once (outside the timed loop), then called once per signature.
 *
 * @category models
 * @since 0.1.0
 */
export interface Signer {
  readonly key: string
  readonly label: string
  readonly what: string
  readonly make: () => (date: Date) => string | Promise<string>
}

/**
 * `20240501T000000Z` from a date, as SigV4 spells it.
 *
 * @category signers
 * @since 0.1.0
 */
export const amzDate = (date: Date): string => date.toISOString().replace(/[:-]|\.\d{3}/g, "")

/**
 * SigV4 for one request shape (`POST /` with content-type, host, x-amz-date and x-amz-target signed) written straight
 * on `node:crypto`, signing key cached per day as every real signer caches it. It is the floor of the signing
 * comparison (what the hashing alone costs) and signs the load generator's one request; it is not a general
 * canonicalizer.
 *
 * @category signers
 * @since 0.1.0
 */
export const nodeCryptoSigner = (host: string, body: string): ((date: Date) => string) => {
  const hex = (data: string) => hash("sha256", data, "hex")
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest()
  const bodyHash = hex(body)
  const keys = new Map<string, Buffer>()
  return (date) => {
    const stamp = amzDate(date)
    const day = stamp.slice(0, 8)
    let key = keys.get(day)
    if (key === undefined) {
      key = hmac(
        hmac(hmac(hmac("AWS4" + Wire.credentials.secretAccessKey, day), Wire.region), Wire.service),
        "aws4_request"
      )
      keys.set(day, key)
    }
    const scope = day + "/" + Wire.region + "/" + Wire.service + "/aws4_request"
    const canonical =
      "POST\n/\n\ncontent-type:" +
      Wire.contentType +
      "\nhost:" +
      host +
      "\nx-amz-date:" +
      stamp +
      "\nx-amz-target:" +
      Wire.target +
      "\n\ncontent-type;host;x-amz-date;x-amz-target\n" +
      bodyHash
    const signature = createHmac("sha256", key)
      .update("AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + hex(canonical))
      .digest("hex")
    return (
      "AWS4-HMAC-SHA256 Credential=" +
      Wire.credentials.accessKeyId +
      "/" +
      scope +
      ", SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
      signature
    )
  }
}

/**
 * Key of our synchronous signer, the subject of the signing target.
 *
 * @category references
 * @since 0.1.0
 */
export const oursKey = "effect-voiceid-sigv4"

/**
 * node:crypto as the protocol's synchronous `Sha256Hmac` (one-shot `crypto.hash` for digests, as the protocol's
 * documentation advises).
 *
 * @category signers
 * @since 0.1.0
 */
export const nodeCrypto: SigV4.Sha256Hmac = {
  sha256Hex: (data) => hash("sha256", data, "hex"),
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest()
}

const ours: SigV4.Request = {
  method: "POST",
  path: "/",
  headers: { host: request.host, "content-type": Wire.contentType, "x-amz-target": Wire.target },
  body: request.body
}

/**
 * Every signer compared, in report order.
 *
 * @category tables
 * @since 0.1.0
 */
export const signers: ReadonlyArray<Signer> = [
  {
    key: oursKey,
    label: "effect-voiceid SigV4.sign over node:crypto",
    what:
      "`@effect-voiceid/protocol` `SigV4.sign` (sync) over the Node adapter's `NodeSigner.nodeCrypto`, with a " +
      "signing-key cache: what `VoiceIdNode` signs with",
    make: () => {
      const cache = SigV4.makeSigningKeyCache()
      return (date) =>
        // The options as the client's signer builds them, one literal per request.
        SigV4.sign(nodeAdapterCrypto, ours, Wire.credentials, {
          region: Wire.region,
          service: Wire.service,
          signingDate: date,
          signingKeyCache: cache
        }).headers.authorization
    }
  },
  {
    key: "effect-voiceid-sigv4-webcrypto",
    label: "effect-voiceid SigV4.signAsync over WebCrypto",
    what: "`SigV4.signAsync` with `SigV4.fromSubtle(crypto.subtle)` and a signing-key cache: the edge path, on Node",
    make: () => {
      const cache = SigV4.makeSigningKeyCache()
      const subtle = SigV4.fromSubtle(globalThis.crypto.subtle)
      return async (date) =>
        (
          await SigV4.signAsync(subtle, ours, Wire.credentials, {
            region: Wire.region,
            service: Wire.service,
            signingDate: date,
            signingKeyCache: cache
          })
        ).headers.authorization
    }
  },
  {
    key: "smithy",
    label: "@smithy/signature-v4 + @smithy/hash-node",
    what: "what SDK v3 signs with on Node (async, `applyChecksum: false` so it signs the same headers as the others)",
    make: () => {
      const signer = new SignatureV4({
        credentials: Wire.credentials,
        region: Wire.region,
        service: Wire.service,
        sha256: Hash.bind(null, "sha256"),
        applyChecksum: false
      })
      return async (date) => {
        const signed = await signer.sign(
          new HttpRequest({
            method: "POST",
            protocol: "https:",
            hostname: request.host,
            path: "/",
            headers: { host: request.host, "content-type": Wire.contentType, "x-amz-target": Wire.target },
            body: request.body
          }),
          { signingDate: date }
        )
        return String(signed.headers.authorization)
      }
    }
  },
  {
    key: "aws4fetch",
    label: "aws4fetch AwsV4Signer",
    what: "WebCrypto (`crypto.subtle`), async; signing key cached across calls as `AwsClient` does",
    make: () => {
      const cache = new Map<string, ArrayBuffer>()
      return async (date) => {
        const signer = new AwsV4Signer({
          method: "POST",
          url: "https://" + request.host + "/",
          headers: { "content-type": Wire.contentType, "x-amz-target": Wire.target },
          body: request.body,
          ...Wire.credentials,
          service: Wire.service,
          region: Wire.region,
          datetime: amzDate(date),
          // aws4fetch leaves content-type unsigned by default; sign it so every signer does the same work.
          allHeaders: true,
          cache
        })
        const signed = await signer.sign()
        return signed.headers.get("authorization") ?? ""
      }
    }
  },
  {
    key: "node-crypto",
    label: "node:crypto, hand-rolled (reference)",
    what: "one fixed request shape written directly on `crypto.hash` and a `createHmac` per HMAC, sync: plain node:crypto use",
    make: () => nodeCryptoSigner(request.host, request.body)
  }
]
