import * as NodeCrypto from "node:crypto"
import type { SigV4 } from "@effect-voiceid/protocol"

/** `crypto.hash`'s shape (Node 20.12+, 21.7+): one call, no Hash object. */
export type OneShotHash = (algorithm: string, data: string | Uint8Array, outputEncoding: "hex" | "latin1") => string

/** `crypto.hash` where this Node has it. */
export const oneShotHash: OneShotHash | undefined = (NodeCrypto as { readonly hash?: OneShotHash }).hash

const BLOCK = 64
const DIGEST = 32

/**
 * Hex HMAC-SHA256 written as its definition, `H((K ^ opad) || H((K ^ ipad) || data))`, over two one-shot hashes.
 * A signer signs every request of a day with the same derived key, so the padded key blocks are kept for the last
 * key (compared by value, so a caller reusing a mutated array is safe) and each signature costs two hash calls
 * into preallocated buffers instead of an `Hmac` object, which is most of the cost of a signature and its garbage.
 * Keys longer than a block (hashed first by HMAC) are left to `createHmac`.
 */
const makeOneShotHmacHex = (oneShot: OneShotHash): ((key: Uint8Array, data: string) => string) => {
  const lastKey = new Uint8Array(BLOCK)
  let lastKeyLength = -1
  let inner = Buffer.alloc(BLOCK + 512)
  // The view of `inner` hashed last: strings to sign of one scope all have the same length.
  let view = inner.subarray(0, 0)
  const outer = Buffer.alloc(BLOCK + DIGEST)
  const sameKey = (key: Uint8Array): boolean => {
    if (key.length !== lastKeyLength) return false
    for (let i = 0; i < key.length; i++) if (key[i] !== lastKey[i]) return false
    return true
  }
  const setKey = (key: Uint8Array): void => {
    lastKey.fill(0)
    lastKey.set(key)
    lastKeyLength = key.length
    for (let i = 0; i < BLOCK; i++) {
      inner[i] = lastKey[i]! ^ 0x36
      outer[i] = lastKey[i]! ^ 0x5c
    }
  }
  return (key, data) => {
    if (key.length > BLOCK) return NodeCrypto.createHmac("sha256", key).update(data).digest("hex")
    if (!sameKey(key)) setKey(key)
    // UTF-8 takes at most three bytes per UTF-16 unit; grow before writing, as `write` truncates silently.
    if (BLOCK + data.length * 3 > inner.length) {
      const grown = Buffer.alloc(BLOCK + data.length * 3)
      inner.copy(grown, 0, 0, BLOCK)
      inner = grown
      view = inner.subarray(0, 0)
    }
    const length = BLOCK + inner.write(data, BLOCK, "utf8")
    if (view.length !== length) view = inner.subarray(0, length)
    // The inner digest as latin1 (one character a byte): the cheapest way back into a buffer.
    outer.write(oneShot("sha256", view, "latin1"), BLOCK, "latin1")
    return oneShot("sha256", outer, "hex")
  }
}

/**
 * SHA-256 and HMAC-SHA256 over `node:crypto`: the one-shot hash when given (and the HMAC of signatures built on
 * it), `createHash`/`createHmac` otherwise.
 */
export const makeNodeCrypto = (oneShot: OneShotHash | undefined): SigV4.Sha256Hmac => {
  const hmacSha256 = (key: Uint8Array | string, data: string): Uint8Array =>
    NodeCrypto.createHmac("sha256", key).update(data).digest()
  if (typeof oneShot !== "function") {
    return {
      sha256Hex: (data) => NodeCrypto.createHash("sha256").update(data).digest("hex"),
      hmacSha256,
      hmacSha256Hex: (key, data) => NodeCrypto.createHmac("sha256", key).update(data).digest("hex")
    }
  }
  const oneShotHmacHex = makeOneShotHmacHex(oneShot)
  return {
    sha256Hex: (data) => oneShot("sha256", data, "hex"),
    hmacSha256,
    hmacSha256Hex: (key, data) =>
      typeof key === "string"
        ? NodeCrypto.createHmac("sha256", key).update(data).digest("hex")
        : oneShotHmacHex(key, data)
  }
}
