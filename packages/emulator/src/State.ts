/**
 * The emulator's state: per region, the domains and everything they hold (watchlists, speakers, fraudsters,
 * speaker enrollment and fraudster registration jobs, sessions, tags), indexed in list order; the emulator-wide
 * clock, id generator, sequence counter and `NextToken` secret; and its snapshot, the JSON form the `state` file
 * holds.
 *
 * Records are plain mutable objects: handlers change them in place, synchronously, so a request sees and makes
 * one consistent change (Node runs one request's handler at a time).
 *
 * @since 0.1.0
 */

import { randomBytes } from "node:crypto"
import * as Schema from "effect/Schema"
import { EmulatorClock } from "./internal/clock.js"
import { IdGenerator } from "./internal/ids.js"
import { type Keyed, OrderedIndex } from "./internal/ordered.js"

// The types the records and the state are made of, so that users can name them.
export type { EmulatorClock } from "./internal/clock.js"
export type { IdGenerator } from "./internal/ids.js"
export { type Keyed, OrderedIndex } from "./internal/ordered.js"

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

/**
 * The service quotas the emulator enforces. Defaults are the documented Voice ID defaults.
 *
 * @category models
 * @since 0.1.0
 */
export interface Quotas {
  readonly domainsPerRegion: number
  readonly watchlistsPerDomain: number
  readonly fraudstersPerWatchlist: number
  readonly speakersPerDomain: number
  readonly activeSpeakerEnrollmentJobsPerDomain: number
  readonly activeFraudsterRegistrationJobsPerDomain: number
  readonly requestsPerSpeakerEnrollmentJob: number
  readonly requestsPerFraudsterRegistrationJob: number
  readonly tagsPerResource: number
}

/**
 * The documented Voice ID quotas (domains 3 per region, watchlists 3 per domain including the default one,
 * fraudsters 500 per watchlist, speakers 100,000 per domain, one active job of each kind per domain, 10,000
 * speakers per enrollment job, 500 fraudsters per registration job), and the usual 50 tags per resource.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultQuotas: Quotas = {
  domainsPerRegion: 3,
  watchlistsPerDomain: 3,
  fraudstersPerWatchlist: 500,
  speakersPerDomain: 100_000,
  activeSpeakerEnrollmentJobsPerDomain: 1,
  activeFraudsterRegistrationJobsPerDomain: 1,
  requestsPerSpeakerEnrollmentJob: 10_000,
  requestsPerFraudsterRegistrationJob: 500,
  tagsPerResource: 50
}

/**
 * How the emulator's state behaves.
 *
 * @category models
 * @since 0.1.0
 */
export interface StateConfig {
  /** The 12-digit account id of every ARN. */
  readonly accountId: string
  /** The regions served; the first is the one control routes use by default. */
  readonly regions: ReadonlyArray<string>
  /** The folder that stands in for S3: `s3://bucket/key` is `<dataDir>/bucket/key`. */
  readonly dataDir: string
  readonly quotas: Quotas
  /** Emulator time between a job's submission and its first processed request. */
  readonly jobStartDelayMs: number
  /** Manifest requests a job processes per second of emulator time. */
  readonly jobRequestsPerSecond: number
  /** Emulator time a server-side encryption key change takes. */
  readonly encryptionUpdateMs: number
  /** How long a `NextToken` stays valid, in emulator time (24 h). */
  readonly tokenLifetimeMs: number
}

// ---------------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------------

/**
 * The status of a job.
 *
 * @category models
 * @since 0.1.0
 */
export type JobStatus = "SUBMITTED" | "IN_PROGRESS" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "FAILED"

/**
 * Every job status, in life-cycle order.
 *
 * @category constants
 * @since 0.1.0
 */
export const jobStatuses: ReadonlyArray<JobStatus> = [
  "SUBMITTED",
  "IN_PROGRESS",
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "FAILED"
]

/**
 * Whether a job status is final.
 *
 * @category models
 * @since 0.1.0
 */
export const isTerminal = (status: JobStatus): boolean =>
  status === "COMPLETED" || status === "COMPLETED_WITH_ERRORS" || status === "FAILED"

/**
 * A speaker.
 *
 * @category models
 * @since 0.1.0
 */
export interface SpeakerRecord extends Keyed {
  readonly generatedId: string
  readonly customerId: string | undefined
  status: "ENROLLED" | "EXPIRED" | "OPTED_OUT" | "PENDING"
  updatedAt: number
  lastAccessedAt: number | undefined
  /** Content hashes of the recordings the speaker was enrolled with. */
  voiceprint: ReadonlyArray<string>
}

/**
 * A fraudster.
 *
 * @category models
 * @since 0.1.0
 */
export interface FraudsterRecord extends Keyed {
  readonly id: string
  /** The watchlists it belongs to, in the order it joined them. */
  readonly watchlists: Set<string>
  readonly voiceprint: ReadonlyArray<string>
}

/**
 * A watchlist, with its members in list order.
 *
 * @category models
 * @since 0.1.0
 */
export interface WatchlistRecord extends Keyed {
  readonly id: string
  name: string
  description: string | undefined
  readonly isDefault: boolean
  updatedAt: number
  readonly clientToken: string | undefined
  readonly members: OrderedIndex<FraudsterRecord>
}

/**
 * One line of a job's output file.
 *
 * @category models
 * @since 0.1.0
 */
export type JobOutputEntry = Readonly<Record<string, string | number>>

/**
 * A speaker enrollment job or a fraudster registration job.
 *
 * @category models
 * @since 0.1.0
 */
export interface JobRecord extends Keyed {
  readonly kind: "speaker" | "fraudster"
  readonly id: string
  readonly domainId: string
  readonly name: string | undefined
  status: JobStatus
  endedAt: number | undefined
  percent: number
  failure: { readonly StatusCode: number; readonly Message: string } | undefined
  readonly inputS3Uri: string
  readonly outputS3Uri: string
  readonly outputKmsKeyId: string | undefined
  readonly roleArn: string
  /** The `EnrollmentConfig` or `RegistrationConfig` as it is described (defaults filled in). */
  readonly config: Readonly<Record<string, unknown>>
  readonly clientToken: string | undefined
  /** `false` for seeded jobs: they keep the status they were seeded with. */
  readonly simulated: boolean
  /** When the job leaves `SUBMITTED` (emulator time). */
  readonly startsAt: number
  total: number | undefined
  processed: number
  readonly errors: Array<JobOutputEntry>
  readonly successes: Array<JobOutputEntry>
  /** The manifest's requests while the job runs (read again after a restart). */
  requests: ReadonlyArray<unknown> | undefined
  /** The encoded summary (UTF-8), kept until the job changes: list pages are assembled from these. */
  summary: Buffer | undefined
}

/**
 * The jobs of one kind in a domain, indexed for listing (all, and per status) and by client token.
 *
 * @category models
 * @since 0.1.0
 */
export class JobTable {
  readonly byId = new Map<string, JobRecord>()
  readonly all = new OrderedIndex<JobRecord>()
  readonly byStatus = new Map<JobStatus, OrderedIndex<JobRecord>>(jobStatuses.map((s) => [s, new OrderedIndex()]))
  readonly byClientToken = new Map<string, JobRecord>()

  /** Adds a job to every index (by id, in list order, under its status, by client token). */
  add(job: JobRecord): void {
    this.byId.set(job.id, job)
    this.all.insert(job)
    this.byStatus.get(job.status)!.insert(job)
    if (job.clientToken !== undefined) this.byClientToken.set(job.clientToken, job)
  }

  /** Adds many jobs at once, as {@link JobTable.add} does for one (seeding): one sort per index. */
  addMany(jobs: ReadonlyArray<JobRecord>): void {
    for (const job of jobs) {
      this.byId.set(job.id, job)
      if (job.clientToken !== undefined) this.byClientToken.set(job.clientToken, job)
    }
    this.all.insertMany(jobs)
    for (const status of jobStatuses) this.byStatus.get(status)!.insertMany(jobs.filter((j) => j.status === status))
  }

  /** Moves a job to another status, keeping the status indexes right. */
  setStatus(job: JobRecord, status: JobStatus): void {
    if (job.status === status) return
    this.byStatus.get(job.status)!.remove(job)
    job.status = status
    this.byStatus.get(status)!.insert(job)
  }

  /** Jobs that still run (submitted or in progress) and are simulated. */
  activeCount(): number {
    let n = 0
    for (const status of ["SUBMITTED", "IN_PROGRESS"] as const) {
      for (const job of this.byStatus.get(status)!.values()) if (job.simulated) n++
    }
    return n
  }
}

/**
 * A session registered through the control routes, evaluated by `EvaluateSession`.
 *
 * @category models
 * @since 0.1.0
 */
export interface SessionRecord {
  readonly id: string
  readonly name: string
  readonly startedAt: number
  readonly speakerId: string | undefined
  readonly streamingStatus: "PENDING_CONFIGURATION" | "ONGOING" | "ENDED"
  readonly speechSeconds: number
  readonly audio: ReadonlyArray<string>
  readonly fraudsterId: string | undefined
  readonly authenticationScore: number | undefined
  readonly voiceSpoofingRiskScore: number | undefined
  readonly acceptanceThreshold: number
  readonly riskThreshold: number
  readonly watchlistId: string | undefined
}

/**
 * A domain and everything it holds.
 *
 * @category models
 * @since 0.1.0
 */
export interface DomainRecord extends Keyed {
  readonly id: string
  readonly arn: string
  name: string
  description: string | undefined
  kmsKeyId: string
  encryptionUpdate:
    | {
        status: "IN_PROGRESS" | "COMPLETED" | "FAILED"
        readonly oldKmsKeyId: string
        readonly completesAt: number
        message: string | undefined
      }
    | undefined
  status: "ACTIVE" | "PENDING" | "SUSPENDED"
  updatedAt: number
  readonly defaultWatchlistId: string
  readonly clientToken: string | undefined
  readonly tags: Map<string, string>
  readonly watchlists: Map<string, WatchlistRecord>
  readonly watchlistIndex: OrderedIndex<WatchlistRecord>
  readonly watchlistTokens: Map<string, WatchlistRecord>
  readonly speakers: Map<string, SpeakerRecord>
  readonly speakersByCustomerId: Map<string, SpeakerRecord>
  readonly speakerIndex: OrderedIndex<SpeakerRecord>
  readonly fraudsters: Map<string, FraudsterRecord>
  readonly fraudsterIndex: OrderedIndex<FraudsterRecord>
  readonly speakerJobs: JobTable
  readonly fraudsterJobs: JobTable
  readonly sessions: Map<string, SessionRecord>
  readonly sessionsByName: Map<string, SessionRecord>
}

/**
 * The state of one region.
 *
 * @category models
 * @since 0.1.0
 */
export class RegionState {
  readonly domains = new Map<string, DomainRecord>()
  readonly domainIndex = new OrderedIndex<DomainRecord>()
  readonly domainTokens = new Map<string, DomainRecord>()

  constructor(readonly region: string) {}

  /** Adds a domain to the region's indexes (by id, in list order, by client token). */
  addDomain(domain: DomainRecord): void {
    this.domains.set(domain.id, domain)
    this.domainIndex.insert(domain)
    if (domain.clientToken !== undefined) this.domainTokens.set(domain.clientToken, domain)
  }

  /** Removes a domain from the region's indexes. */
  removeDomain(domain: DomainRecord): void {
    this.domains.delete(domain.id)
    this.domainIndex.remove(domain)
    if (domain.clientToken !== undefined) this.domainTokens.delete(domain.clientToken)
  }
}

/**
 * A new, empty domain record.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeDomain = (fields: {
  readonly id: string
  readonly arn: string
  readonly name: string
  readonly description: string | undefined
  readonly kmsKeyId: string
  readonly createdAt: number
  readonly seq: number
  readonly defaultWatchlistId: string
  readonly clientToken: string | undefined
}): DomainRecord => ({
  ...fields,
  encryptionUpdate: undefined,
  status: "ACTIVE",
  updatedAt: fields.createdAt,
  tags: new Map(),
  watchlists: new Map(),
  watchlistIndex: new OrderedIndex(),
  watchlistTokens: new Map(),
  speakers: new Map(),
  speakersByCustomerId: new Map(),
  speakerIndex: new OrderedIndex(),
  fraudsters: new Map(),
  fraudsterIndex: new OrderedIndex(),
  speakerJobs: new JobTable(),
  fraudsterJobs: new JobTable(),
  sessions: new Map(),
  sessionsByName: new Map()
})

/**
 * Adds a watchlist to a domain.
 *
 * @category mutations
 * @since 0.1.0
 */
export const addWatchlist = (domain: DomainRecord, watchlist: WatchlistRecord): void => {
  domain.watchlists.set(watchlist.id, watchlist)
  domain.watchlistIndex.insert(watchlist)
  if (watchlist.clientToken !== undefined) domain.watchlistTokens.set(watchlist.clientToken, watchlist)
}

/**
 * Adds a speaker to a domain.
 *
 * @category mutations
 * @since 0.1.0
 */
export const addSpeaker = (domain: DomainRecord, speaker: SpeakerRecord): void => {
  domain.speakers.set(speaker.generatedId, speaker)
  if (speaker.customerId !== undefined) domain.speakersByCustomerId.set(speaker.customerId, speaker)
  domain.speakerIndex.insert(speaker)
}

/**
 * Adds a fraudster to a domain and to the watchlists it names.
 *
 * @category mutations
 * @since 0.1.0
 */
export const addFraudster = (domain: DomainRecord, fraudster: FraudsterRecord): void => {
  domain.fraudsters.set(fraudster.id, fraudster)
  domain.fraudsterIndex.insert(fraudster)
  for (const id of fraudster.watchlists) domain.watchlists.get(id)?.members.insert(fraudster)
}

/**
 * Finds a speaker by generated id (`id#…`) or customer id.
 *
 * @category lookups
 * @since 0.1.0
 */
export const findSpeaker = (domain: DomainRecord, speakerId: string): SpeakerRecord | undefined =>
  domain.speakers.get(speakerId) ?? domain.speakersByCustomerId.get(speakerId)

// ---------------------------------------------------------------------------------------------------------------
// The emulator's state
// ---------------------------------------------------------------------------------------------------------------

/**
 * Everything the emulator knows.
 *
 * @category models
 * @since 0.1.0
 */
export class EmulatorState {
  readonly regions = new Map<string, RegionState>()
  readonly clock: EmulatorClock
  ids: IdGenerator
  /** Key of ids and `NextToken` MACs; random per emulator, kept in the state file. */
  secret: Uint8Array
  private sequence = 0
  /** Jobs that still run and are simulated. */
  readonly activeJobs = new Set<JobRecord>()
  /** Domains with an encryption key change in progress. */
  readonly pendingEncryptionUpdates = new Set<DomainRecord>()
  /** Bumped on every change; the persister saves when it moved. */
  version = 0

  constructor(
    readonly config: StateConfig,
    secret: Uint8Array = randomBytes(32),
    frozen = false
  ) {
    const startedAt = Date.now()
    this.clock = new EmulatorClock(0, frozen ? () => startedAt : Date.now)
    this.secret = secret
    this.ids = new IdGenerator(secret)
    for (const region of config.regions) this.regions.set(region, new RegionState(region))
  }

  /** The next sequence number (the tie-breaker of list order). */
  nextSeq(): number {
    return ++this.sequence
  }

  get seq(): number {
    return this.sequence
  }

  /** Marks the state changed. */
  touch(): void {
    this.version++
  }

  /** The state of a region, or `undefined` when the emulator does not serve it. */
  region(name: string): RegionState | undefined {
    return this.regions.get(name)
  }

  /** The ARN of a domain. */
  domainArn(region: string, domainId: string): string {
    return `arn:aws:voiceid:${region}:${this.config.accountId}:domain/${domainId}`
  }

  /** Forgets everything: regions empty, clock back to the machine's, a new secret. */
  reset(secret: Uint8Array = randomBytes(32)): void {
    for (const region of this.config.regions) this.regions.set(region, new RegionState(region))
    this.activeJobs.clear()
    this.pendingEncryptionUpdates.clear()
    this.clock.reset()
    this.secret = secret
    this.ids = new IdGenerator(secret)
    this.sequence = 0
    this.touch()
  }

  /** Restores counters from a snapshot. */
  restoreCounters(secret: Uint8Array, idCounter: number, seq: number): void {
    this.secret = secret
    this.ids = new IdGenerator(secret, idCounter)
    this.sequence = seq
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshot
// ---------------------------------------------------------------------------------------------------------------

const Opt = <S extends Schema.Schema.Any>(s: S) => Schema.optional(s)
const Entry = Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Number) })

const SpeakerSnapshot = Schema.Struct({
  generatedId: Schema.String,
  customerId: Opt(Schema.String),
  status: Schema.Literal("ENROLLED", "EXPIRED", "OPTED_OUT", "PENDING"),
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
  lastAccessedAt: Opt(Schema.Number),
  seq: Schema.Number,
  voiceprint: Schema.Array(Schema.String)
})

const FraudsterSnapshot = Schema.Struct({
  id: Schema.String,
  createdAt: Schema.Number,
  seq: Schema.Number,
  watchlists: Schema.Array(Schema.String),
  voiceprint: Schema.Array(Schema.String)
})

const WatchlistSnapshot = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  description: Opt(Schema.String),
  isDefault: Schema.Boolean,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
  seq: Schema.Number,
  clientToken: Opt(Schema.String)
})

const JobSnapshot = Schema.Struct({
  kind: Schema.Literal("speaker", "fraudster"),
  id: Schema.String,
  name: Opt(Schema.String),
  status: Schema.Literal(...jobStatuses),
  createdAt: Schema.Number,
  seq: Schema.Number,
  endedAt: Opt(Schema.Number),
  percent: Schema.Number,
  failure: Opt(Schema.Struct({ StatusCode: Schema.Number, Message: Schema.String })),
  inputS3Uri: Schema.String,
  outputS3Uri: Schema.String,
  outputKmsKeyId: Opt(Schema.String),
  roleArn: Schema.String,
  config: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  clientToken: Opt(Schema.String),
  simulated: Schema.Boolean,
  startsAt: Schema.Number,
  total: Opt(Schema.Number),
  processed: Schema.Number,
  errors: Schema.Array(Entry),
  successes: Schema.Array(Entry)
})

const SessionSnapshot = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  startedAt: Schema.Number,
  speakerId: Opt(Schema.String),
  streamingStatus: Schema.Literal("PENDING_CONFIGURATION", "ONGOING", "ENDED"),
  speechSeconds: Schema.Number,
  audio: Schema.Array(Schema.String),
  fraudsterId: Opt(Schema.String),
  authenticationScore: Opt(Schema.Number),
  voiceSpoofingRiskScore: Opt(Schema.Number),
  acceptanceThreshold: Schema.Number,
  riskThreshold: Schema.Number,
  watchlistId: Opt(Schema.String)
})

const DomainSnapshot = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  description: Opt(Schema.String),
  kmsKeyId: Schema.String,
  encryptionUpdate: Opt(
    Schema.Struct({
      status: Schema.Literal("IN_PROGRESS", "COMPLETED", "FAILED"),
      oldKmsKeyId: Schema.String,
      completesAt: Schema.Number,
      message: Opt(Schema.String)
    })
  ),
  status: Schema.Literal("ACTIVE", "PENDING", "SUSPENDED"),
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
  seq: Schema.Number,
  defaultWatchlistId: Schema.String,
  clientToken: Opt(Schema.String),
  tags: Schema.Array(Schema.Tuple(Schema.String, Schema.String)),
  watchlists: Schema.Array(WatchlistSnapshot),
  speakers: Schema.Array(SpeakerSnapshot),
  fraudsters: Schema.Array(FraudsterSnapshot),
  speakerJobs: Schema.Array(JobSnapshot),
  fraudsterJobs: Schema.Array(JobSnapshot),
  sessions: Schema.Array(SessionSnapshot)
})

/**
 * The JSON form of the whole state: what the `state` file holds and what the dump control route returns.
 *
 * @category snapshot
 * @since 0.1.0
 */
export const Snapshot = Schema.Struct({
  version: Schema.Literal(1),
  /** The emulator's secret (base64): ids and `NextToken`s stay valid across a restart. */
  secret: Schema.String,
  idCounter: Schema.Number,
  seq: Schema.Number,
  clockOffsetMs: Schema.Number,
  clockLastMs: Schema.Number,
  regions: Schema.Array(Schema.Struct({ region: Schema.String, domains: Schema.Array(DomainSnapshot) }))
})

/**
 * @category snapshot
 * @since 0.1.0
 */
export type Snapshot = typeof Snapshot.Type

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const defined = <T extends object>(value: T): T => {
  const out = {} as Mutable<T>
  for (const key in value) if (value[key] !== undefined) out[key] = value[key]
  return out
}

const jobSnapshot = (job: JobRecord): typeof JobSnapshot.Type =>
  defined({
    kind: job.kind,
    id: job.id,
    name: job.name,
    status: job.status,
    createdAt: job.createdAt,
    seq: job.seq,
    endedAt: job.endedAt,
    percent: job.percent,
    failure: job.failure,
    inputS3Uri: job.inputS3Uri,
    outputS3Uri: job.outputS3Uri,
    outputKmsKeyId: job.outputKmsKeyId,
    roleArn: job.roleArn,
    config: job.config,
    clientToken: job.clientToken,
    simulated: job.simulated,
    startsAt: job.startsAt,
    total: job.total,
    processed: job.processed,
    errors: job.errors,
    successes: job.successes
  }) as typeof JobSnapshot.Type

/**
 * The snapshot of the state (a plain JSON value).
 *
 * @category snapshot
 * @since 0.1.0
 */
export const toSnapshot = (state: EmulatorState): Snapshot => ({
  version: 1,
  secret: Buffer.from(state.secret).toString("base64"),
  idCounter: state.ids.counter,
  seq: state.seq,
  clockOffsetMs: state.clock.offsetMs,
  clockLastMs: state.clock.now(),
  regions: [...state.regions.values()].map((region) => ({
    region: region.region,
    domains: region.domainIndex.values().map(
      (d) =>
        defined({
          id: d.id,
          name: d.name,
          description: d.description,
          kmsKeyId: d.kmsKeyId,
          encryptionUpdate: d.encryptionUpdate === undefined ? undefined : defined({ ...d.encryptionUpdate }),
          status: d.status,
          createdAt: d.createdAt,
          updatedAt: d.updatedAt,
          seq: d.seq,
          defaultWatchlistId: d.defaultWatchlistId,
          clientToken: d.clientToken,
          tags: [...d.tags],
          watchlists: d.watchlistIndex.values().map((w) =>
            defined({
              id: w.id,
              name: w.name,
              description: w.description,
              isDefault: w.isDefault,
              createdAt: w.createdAt,
              updatedAt: w.updatedAt,
              seq: w.seq,
              clientToken: w.clientToken
            })
          ),
          speakers: d.speakerIndex.values().map((s) =>
            defined({
              generatedId: s.generatedId,
              customerId: s.customerId,
              status: s.status,
              createdAt: s.createdAt,
              updatedAt: s.updatedAt,
              lastAccessedAt: s.lastAccessedAt,
              seq: s.seq,
              voiceprint: s.voiceprint
            })
          ),
          fraudsters: d.fraudsterIndex.values().map((f) => ({
            id: f.id,
            createdAt: f.createdAt,
            seq: f.seq,
            watchlists: [...f.watchlists],
            voiceprint: f.voiceprint
          })),
          speakerJobs: d.speakerJobs.all.values().map(jobSnapshot),
          fraudsterJobs: d.fraudsterJobs.all.values().map(jobSnapshot),
          sessions: [...d.sessions.values()].map((s) => defined({ ...s }))
        }) as typeof DomainSnapshot.Type
    )
  }))
})

const jobFromSnapshot = (domainId: string, j: typeof JobSnapshot.Type): JobRecord => ({
  kind: j.kind,
  id: j.id,
  domainId,
  name: j.name,
  status: j.status,
  createdAt: j.createdAt,
  seq: j.seq,
  endedAt: j.endedAt,
  percent: j.percent,
  failure: j.failure,
  inputS3Uri: j.inputS3Uri,
  outputS3Uri: j.outputS3Uri,
  outputKmsKeyId: j.outputKmsKeyId,
  roleArn: j.roleArn,
  config: j.config,
  clientToken: j.clientToken,
  simulated: j.simulated,
  startsAt: j.startsAt,
  total: j.total,
  processed: j.processed,
  errors: [...j.errors],
  successes: [...j.successes],
  requests: undefined,
  summary: undefined
})

/**
 * Loads a snapshot into a state (replacing what it holds). Regions of the snapshot that the emulator does not
 * serve are kept, so that they come back when served again.
 *
 * @category snapshot
 * @since 0.1.0
 */
export const loadSnapshot = (state: EmulatorState, snapshot: Snapshot): void => {
  const secret = Buffer.from(snapshot.secret, "base64")
  state.reset(secret)
  state.restoreCounters(secret, snapshot.idCounter, snapshot.seq)
  state.clock.restore(snapshot.clockOffsetMs, snapshot.clockLastMs)
  for (const r of snapshot.regions) {
    let region = state.regions.get(r.region)
    if (region === undefined) {
      region = new RegionState(r.region)
      state.regions.set(r.region, region)
    }
    for (const d of r.domains) {
      const domain = makeDomain({
        id: d.id,
        arn: state.domainArn(r.region, d.id),
        name: d.name,
        description: d.description,
        kmsKeyId: d.kmsKeyId,
        createdAt: d.createdAt,
        seq: d.seq,
        defaultWatchlistId: d.defaultWatchlistId,
        clientToken: d.clientToken
      })
      domain.status = d.status
      domain.updatedAt = d.updatedAt
      if (d.encryptionUpdate !== undefined) {
        domain.encryptionUpdate = { ...d.encryptionUpdate, message: d.encryptionUpdate.message }
        if (d.encryptionUpdate.status === "IN_PROGRESS") state.pendingEncryptionUpdates.add(domain)
      }
      for (const [k, v] of d.tags) domain.tags.set(k, v)
      for (const w of d.watchlists) {
        addWatchlist(domain, {
          id: w.id,
          name: w.name,
          description: w.description,
          isDefault: w.isDefault,
          createdAt: w.createdAt,
          updatedAt: w.updatedAt,
          seq: w.seq,
          clientToken: w.clientToken,
          members: new OrderedIndex()
        })
      }
      for (const s of d.speakers) {
        addSpeaker(domain, {
          generatedId: s.generatedId,
          customerId: s.customerId,
          status: s.status,
          createdAt: s.createdAt,
          updatedAt: s.updatedAt,
          lastAccessedAt: s.lastAccessedAt,
          seq: s.seq,
          voiceprint: s.voiceprint
        })
      }
      for (const f of d.fraudsters) {
        addFraudster(domain, {
          id: f.id,
          createdAt: f.createdAt,
          seq: f.seq,
          watchlists: new Set(f.watchlists),
          voiceprint: f.voiceprint
        })
      }
      domain.speakerJobs.addMany(d.speakerJobs.map((j) => jobFromSnapshot(d.id, j)))
      domain.fraudsterJobs.addMany(d.fraudsterJobs.map((j) => jobFromSnapshot(d.id, j)))
      for (const table of [domain.speakerJobs, domain.fraudsterJobs]) {
        for (const job of table.byId.values()) if (job.simulated && !isTerminal(job.status)) state.activeJobs.add(job)
      }
      for (const s of d.sessions) {
        const session: SessionRecord = {
          ...s,
          speakerId: s.speakerId,
          fraudsterId: s.fraudsterId,
          authenticationScore: s.authenticationScore,
          voiceSpoofingRiskScore: s.voiceSpoofingRiskScore,
          watchlistId: s.watchlistId
        }
        domain.sessions.set(session.id, session)
        domain.sessionsByName.set(session.name, session)
      }
      region.addDomain(domain)
    }
  }
}

/**
 * Decodes a snapshot read from a file.
 *
 * @category snapshot
 * @since 0.1.0
 */
export const decodeSnapshot = Schema.decodeUnknownEither(Schema.parseJson(Snapshot))
