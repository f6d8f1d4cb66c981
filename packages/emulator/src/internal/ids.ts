/**
 * Identifiers the emulator hands out. Resource ids are derived from a key and a counter (HMAC-SHA256), so the
 * same seed gives the same ids in the same order, and the persisted counter keeps them unique across restarts.
 */
import { createHmac, randomUUID } from "node:crypto"

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/** 22 alphanumeric characters from a byte string (at least 22 bytes). */
export const alnum22 = (bytes: Uint8Array): string => {
  let out = ""
  for (let i = 0; i < 22; i++) out += ALPHABET[bytes[i]! % 62]
  return out
}

/** A deterministic 22-character id for `parts` under `key` (result ids, session ids). */
export const derivedId = (key: Uint8Array, ...parts: ReadonlyArray<string>): string =>
  alnum22(createHmac("sha256", key).update(parts.join("\u0000")).digest())

/** Hands out fresh 22-character ids. */
export class IdGenerator {
  constructor(
    private readonly key: Uint8Array,
    private count = 0
  ) {}

  get counter(): number {
    return this.count
  }

  next(): string {
    this.count++
    return derivedId(this.key, "id", String(this.count))
  }
}

/** A request id in the form AWS uses (a UUID). */
export const requestId = (): string => randomUUID()
