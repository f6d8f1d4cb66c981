/**
 * Deterministic, realistic `SpeakerEnrollmentJobSummary` values: the same (domain, index) always gives the same
 * job, so a page can be rebuilt on demand and every run sees identical bytes.
 *
 * @since 0.1.0
 */

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** mulberry32: tiny, fast and good enough to make ids and times look unpatterned. */
const random = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a over a string, to seed per-domain generators from the domain's name. */
const hash = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const alphanumeric = (next: () => number, length: number): string => {
  let out = ""
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[Math.floor(next() * 62)]
  return out
}

/**
 * The 22-character id of the domain with the given benchmark name.
 *
 * @category constructors
 * @since 0.1.0
 */
export const domainId = (name: string): string => alphanumeric(random(hash(name)), 22)

/**
 * A job summary as the service returns it (members in the model's order; times are epoch seconds with
 * milliseconds, like the real service's).
 *
 * @category models
 * @since 0.1.0
 */
export interface JobSummary {
  readonly CreatedAt: number
  readonly DomainId: string
  readonly EndedAt?: number
  readonly FailureDetails?: { readonly Message: string; readonly StatusCode: number }
  readonly JobId: string
  readonly JobName: string
  readonly JobProgress: { readonly PercentComplete: number }
  readonly JobStatus: "SUBMITTED" | "IN_PROGRESS" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "FAILED"
}

/** 2024-05-01T00:00:00Z in milliseconds: jobs are spread over the following months. */
const EPOCH_MS = 1714521600000

/**
 * The job at `index` of the domain `domain` (whose id is `id`). Mostly completed jobs, with a realistic share of
 * failed (with failure details), partial, running and queued ones.
 *
 * @category constructors
 * @since 0.1.0
 */
export const job = (domainSeed: number, id: string, index: number): JobSummary => {
  const next = random(domainSeed ^ Math.imul(index + 1, 0x9e3779b1))
  const createdMs = EPOCH_MS + index * 37_000 + Math.floor(next() * 30_000)
  const roll = next()
  const JobId = alphanumeric(next, 22)
  const JobName = "enrollment-" + String(index).padStart(8, "0")
  const CreatedAt = createdMs / 1000
  const EndedAt = (createdMs + 20_000 + Math.floor(next() * 600_000)) / 1000
  if (roll < 0.85) {
    return {
      CreatedAt,
      DomainId: id,
      EndedAt,
      JobId,
      JobName,
      JobProgress: { PercentComplete: 100 },
      JobStatus: "COMPLETED"
    }
  }
  if (roll < 0.9) {
    return {
      CreatedAt,
      DomainId: id,
      EndedAt,
      JobId,
      JobName,
      JobProgress: { PercentComplete: 100 },
      JobStatus: "COMPLETED_WITH_ERRORS"
    }
  }
  if (roll < 0.94) {
    return {
      CreatedAt,
      DomainId: id,
      EndedAt,
      FailureDetails: { Message: "The input data config references an object that does not exist.", StatusCode: 400 },
      JobId,
      JobName,
      JobProgress: { PercentComplete: Math.floor(next() * 100) },
      JobStatus: "FAILED"
    }
  }
  if (roll < 0.98) {
    return {
      CreatedAt,
      DomainId: id,
      JobId,
      JobName,
      JobProgress: { PercentComplete: 1 + Math.floor(next() * 98) },
      JobStatus: "IN_PROGRESS"
    }
  }
  return { CreatedAt, DomainId: id, JobId, JobName, JobProgress: { PercentComplete: 0 }, JobStatus: "SUBMITTED" }
}

/**
 * The seed of a domain's job generator.
 *
 * @category constructors
 * @since 0.1.0
 */
export const domainSeed = (name: string): number => hash("jobs:" + name)

/**
 * Opaque `NextToken`s: base64url of a versioned (domain, offset, limit) record padded with bytes derived from it, so
 * they are as long and as meaningless to a client as a real service's.
 *
 * @category tokens
 * @since 0.1.0
 */
export const encodeToken = (domainIndex: number, offset: number, limit: number): string => {
  const bytes = Buffer.alloc(48)
  bytes.writeUInt8(1, 0)
  bytes.writeUInt16BE(domainIndex, 1)
  bytes.writeUInt32BE(offset, 3)
  bytes.writeUInt8(limit, 7)
  const next = random(hash(domainIndex + ":" + offset))
  for (let i = 8; i < 48; i++) bytes[i] = Math.floor(next() * 256)
  return bytes.toString("base64url")
}

/**
 * Reads a token made by {@link encodeToken}; `undefined` when it was not made by it.
 *
 * @category tokens
 * @since 0.1.0
 */
export const decodeToken = (
  token: string
): { readonly domainIndex: number; readonly offset: number; readonly limit: number } | undefined => {
  if (token.length !== 64 || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined
  const bytes = Buffer.from(token, "base64url")
  if (bytes.length !== 48 || bytes.readUInt8(0) !== 1) return undefined
  return { domainIndex: bytes.readUInt16BE(1), offset: bytes.readUInt32BE(3), limit: bytes.readUInt8(7) }
}
