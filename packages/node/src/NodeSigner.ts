/**
 * The SigV4 signer on `node:crypto`: synchronous hashing through the client's `Signer.fromSha256Hmac`, so a
 * signature costs a few microseconds instead of the promise round trips of WebCrypto. Signing keys are cached per
 * day, region and service by the client's signer (the protocol package's `SigV4.makeSigningKeyCache`).
 *
 * @since 0.1.0
 */
import { Signer } from "@effect-voiceid/client"
import type { SigV4 } from "@effect-voiceid/protocol"
import * as Layer from "effect/Layer"
import { makeNodeCrypto, oneShotHash } from "./internal/crypto.js"

/**
 * SHA-256 and HMAC-SHA256 from `node:crypto`, in the shape `SigV4.sign` takes. Hashes go through the one-shot
 * `crypto.hash` where this Node has it (20.12 and later), else `createHash`; so does the HMAC of each signature
 * (`hmacSha256Hex`: two hashes over the signing key's padded blocks, kept from the last call), else `createHmac`.
 *
 * @category crypto
 * @since 0.1.0
 */
export const nodeCrypto: SigV4.Sha256Hmac = /* @__PURE__ */ makeNodeCrypto(oneShotHash)

/**
 * A signer over {@link nodeCrypto}, with its own signing-key cache.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (): Signer.RequestSigner => Signer.fromSha256Hmac(nodeCrypto)

/**
 * The `node:crypto` signer as a layer.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer: Layer.Layer<Signer.Signer> = /* @__PURE__ */ Layer.sync(Signer.Signer, make)
