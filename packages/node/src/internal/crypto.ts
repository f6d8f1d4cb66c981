import * as NodeCrypto from "node:crypto"
import type { SigV4 } from "@effect-voiceid/protocol"

/** `crypto.hash`'s shape (Node 20.12+, 21.7+): one call, no Hash object. */
export type OneShotHash = (algorithm: string, data: string | Uint8Array, outputEncoding: "hex") => string

/** `crypto.hash` where this Node has it. */
export const oneShotHash: OneShotHash | undefined = (NodeCrypto as { readonly hash?: OneShotHash }).hash

/** SHA-256 and HMAC-SHA256 over `node:crypto`: the one-shot hash when given, `createHash` otherwise. */
export const makeNodeCrypto = (oneShot: OneShotHash | undefined): SigV4.Sha256Hmac => ({
  sha256Hex:
    typeof oneShot === "function"
      ? (data) => oneShot("sha256", data, "hex")
      : (data) => NodeCrypto.createHash("sha256").update(data).digest("hex"),
  hmacSha256: (key, data) => NodeCrypto.createHmac("sha256", key).update(data).digest()
})
