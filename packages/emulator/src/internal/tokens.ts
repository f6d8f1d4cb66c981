/**
 * `NextToken`s: opaque, bound to the query that produced them, tamper-evident and expiring.
 *
 * A token is `<payload>.<mac>`: the payload (base64url) holds the version, the time the token was issued and the
 * sort key of the last record returned; the mac is an HMAC-SHA256 (truncated to 128 bits) under the emulator's
 * secret over the payload and the query it answers (operation, region, domain, filter). A token used with
 * another query, edited, or older than its lifetime is refused. The `.` keeps a token from ever reading as
 * base64, so clients never mistake it for a resume token of their own.
 */

import { createHmac, timingSafeEqual } from "node:crypto"
import * as Either from "effect/Either"
import type { Keyed } from "./ordered.js"

const VERSION = "1"

const mac = (secret: Uint8Array, payload: string, binding: string): Buffer =>
  createHmac("sha256", secret).update(payload).update("\n").update(binding).digest().subarray(0, 16)

/** Issues the token that continues after `cursor` for the query `binding`. */
export const issue = (secret: Uint8Array, binding: string, cursor: Keyed, now: number): string => {
  const payload = Buffer.from(
    `${VERSION}.${now.toString(36)}.${cursor.createdAt.toString(36)}.${cursor.seq.toString(36)}`,
    "latin1"
  ).toString("base64url")
  return `${payload}.${mac(secret, payload, binding).toString("base64url")}`
}

/** Why a token was refused. */
export type Refusal = "malformed" | "mismatch" | "expired"

/** Reads a token given back for the query `binding`: the cursor to continue after, or why it is refused. */
export const read = (
  secret: Uint8Array,
  binding: string,
  token: string,
  now: number,
  lifetimeMs: number
): Either.Either<Keyed, Refusal> => {
  const dot = token.indexOf(".")
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return Either.left("malformed")
  const payload = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1), "base64url")
  const expected = mac(secret, payload, binding)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return Either.left("mismatch")
  const fields = Buffer.from(payload, "base64url").toString("latin1").split(".")
  if (fields.length !== 4 || fields[0] !== VERSION) return Either.left("malformed")
  const issuedAt = Number.parseInt(fields[1]!, 36)
  const createdAt = Number.parseInt(fields[2]!, 36)
  const seq = Number.parseInt(fields[3]!, 36)
  if (!Number.isFinite(issuedAt) || !Number.isFinite(createdAt) || !Number.isFinite(seq))
    return Either.left("malformed")
  if (now - issuedAt > lifetimeMs) return Either.left("expired")
  return Either.right({ createdAt, seq })
}

/** The message of the `ValidationException` for a refused token. */
export const refusalMessage = (refusal: Refusal): string =>
  refusal === "expired"
    ? "The NextToken has expired; start the listing again without a NextToken."
    : refusal === "mismatch"
      ? "The NextToken is invalid: it was not issued for this request (operation, domain and filters must be the same)."
      : "The NextToken is invalid."
