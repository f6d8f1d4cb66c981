/**
 * Batch jobs on the emulator clock. A local folder stands in for S3 (`s3://bucket/key` is `<dataDir>/bucket/key`).
 *
 * A started job is `SUBMITTED`; after the start delay it reads its manifest and turns `IN_PROGRESS`, then
 * processes its requests at a steady pace (`JobProgress.PercentComplete` rising), and ends `COMPLETED`,
 * `COMPLETED_WITH_ERRORS` (some requests failed; see the output file) or `FAILED` (the manifest is missing or
 * invalid, or the output could not be written: `FailureDetails` says why). The output file is written where the
 * service writes it: `<OutputDataConfig.S3Uri>/<JobId>/<input file name>.out`.
 *
 * Manifests and output files follow the documented formats:
 * - speaker enrollment input `{"Version":"1.0","SpeakerEnrollmentRequests":[{"RequestId","SpeakerId",
 *   "AudioSpecifications":[{"S3Uri","ChannelId"}]}]}`, output `{"Version":"1.0","Errors":[{"RequestId",
 *   "ErrorCode","ErrorMessage"}],"SuccessfulEnrollments":[{"RequestId","GeneratedSpeakerId","CustomerSpeakerId",
 *   "EnrollmentStatus"}]}`;
 * - fraudster registration input `{"Version":"1.0","FraudsterRegistrationRequests":[{"RequestId",
 *   "AudioSpecifications":[…]}]}`, output `{"Version":"1.0","Errors":[…],"SuccessfulRegistrations":[{"RequestId",
 *   "GeneratedFraudsterId","RegistrationStatus","FraudsterSimilarityScore"}]}`.
 *
 * Voices: the emulator hears no audio. A recording's voice is its content: two requests name the same voice when
 * they share a recording with identical bytes (SHA-256). That decides duplicates between fraudsters, fraud
 * checks during enrollment, and `EvaluateSession` matches.
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from "node:fs"
import { basename, join, resolve, sep } from "node:path"
import { derivedId } from "./internal/ids.js"
import {
  addFraudster,
  addSpeaker,
  type DomainRecord,
  type EmulatorState,
  type FraudsterRecord,
  type JobOutputEntry,
  type JobRecord,
  type JobStatus,
  type JobTable,
  jobStatuses,
  type RegionState
} from "./State.js"

// ---------------------------------------------------------------------------------------------------------------
// The local S3
// ---------------------------------------------------------------------------------------------------------------

const S3_URI = /^s3:\/\/([a-z0-9][.\-a-z0-9]{1,61}[a-z0-9])(?:\/(.*))?$/

/**
 * The local path of an `s3://bucket/key` URI under `dataDir`, or an error message. Keys never leave the bucket
 * folder (`..` segments are refused).
 *
 * @category s3
 * @since 0.1.0
 */
export const localPath = (dataDir: string, s3Uri: string): { path: string } | { error: string } => {
  const match = S3_URI.exec(s3Uri)
  if (match === null) return { error: `'${s3Uri}' is not an s3:// URI` }
  const bucket = match[1]!
  const key = match[2] ?? ""
  if (key.split("/").some((segment) => segment === "..")) return { error: `'${s3Uri}' leaves its bucket` }
  const root = resolve(dataDir, bucket)
  const path = resolve(root, key)
  if (path !== root && !path.startsWith(root + sep)) return { error: `'${s3Uri}' leaves its bucket` }
  return { path }
}

/**
 * Where a job writes its output: `<OutputDataConfig.S3Uri>/<JobId>/<input file name>.out`.
 *
 * @category s3
 * @since 0.1.0
 */
export const outputUri = (job: Pick<JobRecord, "id" | "inputS3Uri" | "outputS3Uri">): string => {
  const base = job.outputS3Uri.endsWith("/") ? job.outputS3Uri.slice(0, -1) : job.outputS3Uri
  const inputName = basename(job.inputS3Uri.replace(/\/+$/, "")) || "manifest"
  return `${base}/${job.id}/${inputName}.out`
}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024

const readObject = (dataDir: string, s3Uri: string): { text: string } | { error: string } => {
  const located = localPath(dataDir, s3Uri)
  if ("error" in located) return located
  try {
    const stats = statSync(located.path)
    if (!stats.isFile()) return { error: `no object at ${s3Uri}` }
    if (stats.size > MAX_MANIFEST_BYTES) return { error: `the object at ${s3Uri} is larger than 64 MiB` }
    return { text: readFileSync(located.path, "utf8") }
  } catch {
    return { error: `no object at ${s3Uri}` }
  }
}

const voiceCache = new Map<string, { readonly mtimeMs: number; readonly size: number; readonly hash: string }>()

/**
 * The voice of a recording: the SHA-256 of its bytes; an error for a missing object, a non-empty result only for
 * a non-empty file ("not enough speech" otherwise).
 *
 * @category voices
 * @since 0.1.0
 */
export const voiceOf = (dataDir: string, s3Uri: string): { hash: string } | { error: string; code: number } => {
  const located = localPath(dataDir, s3Uri)
  if ("error" in located) return { error: located.error, code: 400 }
  let stats: ReturnType<typeof statSync>
  try {
    stats = statSync(located.path)
  } catch {
    return { error: `The audio file ${s3Uri} could not be read: no such object.`, code: 400 }
  }
  if (!stats.isFile()) return { error: `The audio file ${s3Uri} could not be read: no such object.`, code: 400 }
  if (stats.size === 0) return { error: `The audio file ${s3Uri} does not have enough speech.`, code: 400 }
  const cached = voiceCache.get(located.path)
  if (cached !== undefined && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached
  const hash = createHash("sha256")
  const fd = openSync(located.path, "r")
  try {
    const buffer = Buffer.allocUnsafe(1 << 16)
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
    }
  } finally {
    closeSync(fd)
  }
  const entry = { mtimeMs: stats.mtimeMs, size: stats.size, hash: hash.digest("hex") }
  voiceCache.set(located.path, entry)
  return entry
}

/**
 * The similarity of two voiceprints: 100 when they share a recording, else 0.
 *
 * @category voices
 * @since 0.1.0
 */
export const similarity = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): number =>
  a.some((h) => b.includes(h)) ? 100 : 0

// ---------------------------------------------------------------------------------------------------------------
// Manifests
// ---------------------------------------------------------------------------------------------------------------

const isRecord = (u: unknown): u is Record<string, unknown> => u !== null && typeof u === "object" && !Array.isArray(u)

/**
 * Reads a manifest: its requests, or why the whole job fails.
 *
 * @category manifests
 * @since 0.1.0
 */
export const parseManifest = (
  kind: JobRecord["kind"],
  text: string,
  maxRequests: number
): { readonly requests: ReadonlyArray<unknown> } | { readonly failure: string } => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { failure: "The input manifest file is malformed and cannot be parsed as JSON." }
  }
  if (!isRecord(parsed)) return { failure: "The input manifest file must hold a JSON object." }
  if (parsed.Version !== "1.0") return { failure: "The input manifest file must have Version '1.0'." }
  const key = kind === "speaker" ? "SpeakerEnrollmentRequests" : "FraudsterRegistrationRequests"
  const requests = parsed[key]
  if (!Array.isArray(requests)) return { failure: `The input manifest file must have a ${key} list.` }
  if (requests.length > maxRequests) {
    return {
      failure: `The input manifest file has ${requests.length} requests; a job takes at most ${maxRequests}.`
    }
  }
  const seen = new Set<string>()
  for (const request of requests) {
    if (isRecord(request) && typeof request.RequestId === "string") {
      if (seen.has(request.RequestId)) {
        return { failure: `RequestId '${request.RequestId}' appears more than once in the input manifest file.` }
      }
      seen.add(request.RequestId)
    }
  }
  return { requests }
}

const SPEAKER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/
const GENERATED_ID = /^id#[a-zA-Z0-9]{22}$/

interface RequestError {
  readonly code: number
  readonly message: string
}

/** Checks a request's shape and reads the voices of its recordings. */
const readRequest = (
  dataDir: string,
  request: unknown,
  withSpeaker: boolean
):
  | { readonly requestId: string; readonly speakerId: string; readonly voiceprint: ReadonlyArray<string> }
  | { readonly requestId: string; readonly error: RequestError } => {
  const requestId = isRecord(request) && typeof request.RequestId === "string" ? request.RequestId : ""
  const fail = (message: string, code = 400) => ({ requestId, error: { code, message } })
  if (!isRecord(request)) return fail("The request is not a JSON object.")
  if (requestId === "") return fail("RequestId is required.")
  let speakerId = ""
  if (withSpeaker) {
    if (typeof request.SpeakerId !== "string") return fail("SpeakerId is required.")
    speakerId = request.SpeakerId
    if (GENERATED_ID.test(speakerId)) {
      return fail("SpeakerId must be a CustomerSpeakerId; a GeneratedSpeakerId is not supported.")
    }
    if (speakerId.length > 256 || !SPEAKER_ID.test(speakerId)) {
      return fail("SpeakerId must match ^[a-zA-Z0-9][a-zA-Z0-9_-]*$ (1 to 256 characters).")
    }
  }
  const audio = request.AudioSpecifications
  if (!Array.isArray(audio) || audio.length === 0) return fail("AudioSpecifications must list 1 to 10 audio files.")
  if (audio.length > 10) return fail("AudioSpecifications must list 1 to 10 audio files.")
  const voiceprint: Array<string> = []
  for (const spec of audio) {
    if (!isRecord(spec) || typeof spec.S3Uri !== "string") return fail("Each audio specification needs an S3Uri.")
    if (spec.ChannelId !== 0 && spec.ChannelId !== 1) return fail("ChannelId must be 0 or 1.")
    const voice = voiceOf(dataDir, spec.S3Uri)
    if ("error" in voice) return fail(voice.error, voice.code)
    voiceprint.push(voice.hash)
  }
  return { requestId, speakerId, voiceprint }
}

// ---------------------------------------------------------------------------------------------------------------
// Processing one request
// ---------------------------------------------------------------------------------------------------------------

const fraudstersIn = (domain: DomainRecord, watchlistIds: ReadonlyArray<string>): Array<FraudsterRecord> =>
  watchlistIds.flatMap((id) => [...(domain.watchlists.get(id)?.members.values() ?? [])])

const enroll = (state: EmulatorState, domain: DomainRecord, job: JobRecord, request: unknown, now: number) => {
  const read = readRequest(state.config.dataDir, request, true)
  if ("error" in read) {
    job.errors.push({ RequestId: read.requestId, ErrorCode: read.error.code, ErrorMessage: read.error.message })
    return
  }
  const config = job.config as {
    readonly ExistingEnrollmentAction?: string
    readonly FraudDetectionConfig?: {
      readonly FraudDetectionAction?: string
      readonly RiskThreshold?: number
      readonly WatchlistIds?: ReadonlyArray<string>
    }
  }
  const existing = domain.speakersByCustomerId.get(read.speakerId)
  const error = (code: number, message: string) =>
    job.errors.push({ RequestId: read.requestId, ErrorCode: code, ErrorMessage: message })
  if (existing?.status === "OPTED_OUT") {
    return error(409, "Conflicting action: you cannot request an enrollment for an opted out speaker.")
  }
  if (existing?.status === "ENROLLED" && config.ExistingEnrollmentAction !== "OVERWRITE") {
    job.successes.push({
      RequestId: read.requestId,
      GeneratedSpeakerId: existing.generatedId,
      CustomerSpeakerId: read.speakerId,
      EnrollmentStatus: "DUPLICATE_SKIPPED"
    })
    return
  }
  const fraud = config.FraudDetectionConfig
  if (fraud?.FraudDetectionAction !== "IGNORE") {
    const threshold = fraud?.RiskThreshold ?? 50
    const watchlists = fraud?.WatchlistIds ?? [domain.defaultWatchlistId]
    const known = fraudstersIn(domain, watchlists).find((f) => similarity(f.voiceprint, read.voiceprint) >= threshold)
    if (known !== undefined) {
      return error(400, "Fraud verification checks failed for the given speaker: the voice matches a known fraudster.")
    }
  }
  if (existing === undefined) {
    if (domain.speakers.size >= state.config.quotas.speakersPerDomain) {
      return error(402, "Speaker limit exceeded.")
    }
    const speaker = {
      generatedId: `id#${state.ids.next()}`,
      customerId: read.speakerId,
      status: "ENROLLED" as const,
      createdAt: now,
      seq: state.nextSeq(),
      updatedAt: now,
      lastAccessedAt: undefined,
      voiceprint: read.voiceprint
    }
    addSpeaker(domain, speaker)
    job.successes.push({
      RequestId: read.requestId,
      GeneratedSpeakerId: speaker.generatedId,
      CustomerSpeakerId: read.speakerId,
      EnrollmentStatus: "NEW_ENROLLMENT"
    })
    return
  }
  const wasEnrolled = existing.status === "ENROLLED"
  existing.status = "ENROLLED"
  existing.voiceprint = read.voiceprint
  existing.updatedAt = now
  job.successes.push({
    RequestId: read.requestId,
    GeneratedSpeakerId: existing.generatedId,
    CustomerSpeakerId: read.speakerId,
    EnrollmentStatus: wasEnrolled ? "ENROLLMENT_OVERWRITE" : "NEW_ENROLLMENT"
  })
}

const register = (state: EmulatorState, domain: DomainRecord, job: JobRecord, request: unknown, now: number) => {
  const read = readRequest(state.config.dataDir, request, false)
  if ("error" in read) {
    job.errors.push({ RequestId: read.requestId, ErrorCode: read.error.code, ErrorMessage: read.error.message })
    return
  }
  const config = job.config as {
    readonly DuplicateRegistrationAction?: string
    readonly FraudsterSimilarityThreshold?: number
    readonly WatchlistIds?: ReadonlyArray<string>
  }
  const watchlistId = config.WatchlistIds?.[0] ?? domain.defaultWatchlistId
  const watchlist = domain.watchlists.get(watchlistId)
  if (watchlist === undefined) {
    job.errors.push({ RequestId: read.requestId, ErrorCode: 404, ErrorMessage: "The watchlist no longer exists." })
    return
  }
  const threshold = config.FraudsterSimilarityThreshold ?? 50
  let closest: FraudsterRecord | undefined
  let score = 0
  for (const fraudster of domain.fraudsterIndex.values()) {
    const s = similarity(fraudster.voiceprint, read.voiceprint)
    if (s > score) {
      score = s
      closest = fraudster
    }
  }
  if (closest !== undefined && score >= threshold && config.DuplicateRegistrationAction !== "REGISTER_AS_NEW") {
    job.successes.push({
      RequestId: read.requestId,
      GeneratedFraudsterId: closest.id,
      RegistrationStatus: "DUPLICATE_SKIPPED",
      FraudsterSimilarityScore: score
    })
    return
  }
  if (watchlist.members.size >= state.config.quotas.fraudstersPerWatchlist) {
    job.errors.push({ RequestId: read.requestId, ErrorCode: 402, ErrorMessage: "Fraudster limit exceeded." })
    return
  }
  const fraudster: FraudsterRecord = {
    id: `id#${state.ids.next()}`,
    createdAt: now,
    seq: state.nextSeq(),
    watchlists: new Set([watchlistId]),
    voiceprint: read.voiceprint
  }
  addFraudster(domain, fraudster)
  job.successes.push({
    RequestId: read.requestId,
    GeneratedFraudsterId: fraudster.id,
    RegistrationStatus: "NEW_REGISTRATION",
    FraudsterSimilarityScore: score
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The life cycle
// ---------------------------------------------------------------------------------------------------------------

const tableOf = (domain: DomainRecord, job: JobRecord): JobTable =>
  job.kind === "speaker" ? domain.speakerJobs : domain.fraudsterJobs

const finish = (
  state: EmulatorState,
  table: JobTable,
  job: JobRecord,
  status: JobStatus,
  now: number,
  failure?: { readonly StatusCode: number; readonly Message: string }
) => {
  table.setStatus(job, status)
  job.endedAt = now
  job.failure = failure
  if (status !== "FAILED") job.percent = 100
  job.requests = undefined
  job.summary = undefined
  state.activeJobs.delete(job)
}

const writeOutput = (state: EmulatorState, job: JobRecord): string | undefined => {
  const uri = outputUri(job)
  const located = localPath(state.config.dataDir, uri)
  if ("error" in located) return located.error
  const body =
    job.kind === "speaker"
      ? { Version: "1.0", Errors: job.errors, SuccessfulEnrollments: job.successes }
      : { Version: "1.0", Errors: job.errors, SuccessfulRegistrations: job.successes }
  try {
    mkdirSync(join(located.path, ".."), { recursive: true })
    const temporary = `${located.path}.${job.id}.tmp`
    writeFileSync(temporary, JSON.stringify(body, null, 2))
    renameSync(temporary, located.path)
    return undefined
  } catch (error) {
    return `The output file ${uri} could not be written: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** Advances one job to emulator time `now`. Returns whether it changed. */
const step = (state: EmulatorState, region: RegionState, job: JobRecord, now: number): boolean => {
  const domain = region.domains.get(job.domainId)
  if (domain === undefined) {
    state.activeJobs.delete(job)
    return false
  }
  const table = tableOf(domain, job)
  if (now < job.startsAt) return false
  let changed = false
  if (job.requests === undefined && job.status !== "COMPLETED" && job.status !== "COMPLETED_WITH_ERRORS") {
    const read = readObject(state.config.dataDir, job.inputS3Uri)
    const maxRequests =
      job.kind === "speaker"
        ? state.config.quotas.requestsPerSpeakerEnrollmentJob
        : state.config.quotas.requestsPerFraudsterRegistrationJob
    const parsed =
      "error" in read
        ? { failure: `The input manifest file could not be read: ${read.error}.` }
        : parseManifest(job.kind, read.text, maxRequests)
    if ("failure" in parsed) {
      finish(state, table, job, "FAILED", Math.max(now, job.startsAt), { StatusCode: 400, Message: parsed.failure })
      return true
    }
    job.requests = parsed.requests
    job.total = parsed.requests.length
    if (job.status === "SUBMITTED") {
      table.setStatus(job, "IN_PROGRESS")
      job.summary = undefined
      changed = true
    }
  }
  const requests = job.requests!
  const total = requests.length
  const due = Math.min(total, Math.floor(((now - job.startsAt) * state.config.jobRequestsPerSecond) / 1000))
  while (job.processed < due) {
    const request = requests[job.processed]
    if (job.kind === "speaker") enroll(state, domain, job, request, now)
    else register(state, domain, job, request, now)
    job.processed++
    changed = true
  }
  if (job.processed >= total) {
    const problem = writeOutput(state, job)
    if (problem !== undefined) finish(state, table, job, "FAILED", now, { StatusCode: 500, Message: problem })
    else finish(state, table, job, job.errors.length > 0 ? "COMPLETED_WITH_ERRORS" : "COMPLETED", now)
    return true
  }
  const percent = total === 0 ? 100 : Math.floor((job.processed * 100) / total)
  if (percent !== job.percent) {
    job.percent = percent
    job.summary = undefined
    changed = true
  }
  return changed
}

/**
 * Advances every running job, and every encryption key change, to emulator time `now`. Returns whether anything
 * changed.
 *
 * @category life cycle
 * @since 0.1.0
 */
export const advance = (state: EmulatorState, now: number): boolean => {
  let changed = false
  if (state.activeJobs.size > 0) {
    for (const job of [...state.activeJobs]) {
      const region = regionOfJob(state, job)
      if (region === undefined) {
        state.activeJobs.delete(job)
        continue
      }
      if (step(state, region, job, now)) changed = true
    }
  }
  if (state.pendingEncryptionUpdates.size > 0) {
    for (const domain of [...state.pendingEncryptionUpdates]) {
      const update = domain.encryptionUpdate
      if (update === undefined || update.status !== "IN_PROGRESS") {
        state.pendingEncryptionUpdates.delete(domain)
      } else if (now >= update.completesAt) {
        update.status = "COMPLETED"
        state.pendingEncryptionUpdates.delete(domain)
        changed = true
      }
    }
  }
  if (changed) state.touch()
  return changed
}

const regionOfJob = (state: EmulatorState, job: JobRecord): RegionState | undefined => {
  for (const region of state.regions.values()) if (region.domains.has(job.domainId)) return region
  return undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------------------------

/**
 * What to seed: `count` jobs of a kind in a domain, their statuses drawn in the given proportions.
 *
 * @category seeding
 * @since 0.1.0
 */
export interface SeedJobs {
  readonly count: number
  readonly kind?: JobRecord["kind"] | undefined
  /** Relative weights per status (default 70 % completed, 10 % with errors, 10 % failed, 5 % in progress, 5 % submitted). */
  readonly statuses?: { readonly [S in JobStatus]?: number | undefined } | undefined
  readonly namePrefix?: string | undefined
}

/**
 * The default status mix of seeded jobs.
 *
 * @category seeding
 * @since 0.1.0
 */
export const defaultStatusMix: Readonly<Record<JobStatus, number>> = {
  COMPLETED: 70,
  COMPLETED_WITH_ERRORS: 10,
  FAILED: 10,
  IN_PROGRESS: 5,
  SUBMITTED: 5
}

/**
 * Adds `count` finished-looking jobs to a domain, created one second apart and ending before now, with statuses
 * spread evenly in the given proportions (deterministic). Seeded jobs are not simulated: they keep their status,
 * and do not count against the active job quota.
 *
 * @category seeding
 * @since 0.1.0
 */
export const seedJobs = (
  state: EmulatorState,
  domain: DomainRecord,
  options: SeedJobs,
  now: number
): Record<JobStatus, number> => {
  const kind = options.kind ?? "speaker"
  const mix = options.statuses ?? defaultStatusMix
  const weights = jobStatuses.map((s) => Math.max(0, mix[s] ?? 0))
  const totalWeight = weights.reduce((a, b) => a + b, 0) || 1
  const counts = Object.fromEntries(jobStatuses.map((s) => [s, 0])) as Record<JobStatus, number>
  const table = kind === "speaker" ? domain.speakerJobs : domain.fraudsterJobs
  const prefix = options.namePrefix ?? "seeded"
  // Seeded jobs never change: they share their configuration and (empty) output lists.
  const config =
    kind === "speaker"
      ? {
          ExistingEnrollmentAction: "SKIP",
          FraudDetectionConfig: {
            FraudDetectionAction: "FAIL",
            RiskThreshold: 50,
            WatchlistIds: [domain.defaultWatchlistId]
          }
        }
      : {
          DuplicateRegistrationAction: "SKIP",
          FraudsterSimilarityThreshold: 50,
          WatchlistIds: [domain.defaultWatchlistId]
        }
  const none: Array<JobOutputEntry> = []
  const failure = { StatusCode: 400, Message: "The input manifest file could not be read: no such object." }
  const roleArn = `arn:aws:iam::${state.config.accountId}:role/voiceid-emulator-seed`
  const jobs: Array<JobRecord> = []
  const credit = weights.map(() => 0)
  for (let i = 0; i < options.count; i++) {
    // Smooth weighted round-robin: the proportions hold in every stretch of the sequence.
    let best = 0
    for (let s = 0; s < weights.length; s++) {
      credit[s]! += weights[s]!
      if (credit[s]! > credit[best]!) best = s
    }
    credit[best]! -= totalWeight
    const status = jobStatuses[best]!
    counts[status]++
    const createdAt = now - (options.count - i) * 1000 - 60_000
    const id = state.ids.next()
    const terminal = status === "COMPLETED" || status === "COMPLETED_WITH_ERRORS" || status === "FAILED"
    jobs.push({
      kind,
      id,
      domainId: domain.id,
      name: `${prefix}-${i + 1}`,
      status,
      createdAt,
      seq: state.nextSeq(),
      endedAt: terminal ? createdAt + 30_000 : undefined,
      percent: terminal ? (status === "FAILED" ? 0 : 100) : status === "IN_PROGRESS" ? 1 + (i % 99) : 0,
      failure: status === "FAILED" ? failure : undefined,
      inputS3Uri: `s3://voiceid-emulator-seed/${prefix}-${i + 1}.json`,
      outputS3Uri: "s3://voiceid-emulator-seed/output",
      outputKmsKeyId: undefined,
      roleArn,
      config,
      clientToken: undefined,
      simulated: false,
      startsAt: createdAt,
      total: undefined,
      processed: 0,
      errors: none,
      successes: none,
      requests: undefined,
      summary: undefined
    })
  }
  table.addMany(jobs)
  state.touch()
  return counts
}

/**
 * A deterministic result id (22 characters) for an evaluation.
 *
 * @category sessions
 * @since 0.1.0
 */
export const resultId = (state: EmulatorState, ...parts: ReadonlyArray<string>): string =>
  derivedId(state.secret, "result", ...parts)
