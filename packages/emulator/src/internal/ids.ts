/**
 * Identifiers the emulator hands out. Resource ids are derived from the emulator's secret and a counter, and the
 * persisted counter keeps them unique across restarts.
 */
import * as crypto from "node:crypto"

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/** 22 alphanumeric characters from a byte string (at least 22 bytes). */
export const alnum22 = (bytes: Uint8Array): string => {
  let out = ""
  for (let i = 0; i < 22; i++) out += ALPHABET[bytes[i]! % 62]
  return out
}

/** A deterministic 22-character id for `parts` under `key` (result ids, session ids). */
export const derivedId = (key: Uint8Array, ...parts: ReadonlyArray<string>): string =>
  alnum22(crypto.createHmac("sha256", key).update(parts.join("\u0000")).digest())

const sha256 =
  typeof crypto.hash === "function"
    ? (data: string): Buffer => crypto.hash("sha256", data, "buffer")
    : (data: string): Buffer => crypto.createHash("sha256").update(data).digest()

/**
 * Hands out fresh 22-character ids: SHA-256 of a secret prefix and a counter. Cheap (seeding a million jobs draws
 * a million ids), unique, and not guessable without the secret. `EmulatorState` builds its own from its secret.
 *
 * @category models
 * @since 0.1.0
 */
export class IdGenerator {
  private readonly prefix: string

  constructor(
    key: Uint8Array,
    private count = 0
  ) {
    this.prefix = `${Buffer.from(key).toString("hex")}:`
  }

  /** How many ids were handed out (persisted, so that ids stay unique across restarts). */
  get counter(): number {
    return this.count
  }

  /** A fresh id (22 alphanumeric characters). */
  next(): string {
    this.count++
    return alnum22(sha256(this.prefix + this.count))
  }
}

/** A request id in the form AWS uses (a UUID). */
export const requestId = (): string => crypto.randomUUID()
