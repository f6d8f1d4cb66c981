/**
 * What every handler works with: the state of the request's region, the emulator time, the modeled errors it
 * answers with, pagination and the views (records as the model's output shapes).
 */
import {
  Codec,
  ConflictException,
  type ModeledError,
  type OperationName,
  type Output,
  type operations,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException
} from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import type { Schema } from "effect/Schema"
import { take } from "../internal/bytes.js"
import type { Keyed, OrderedIndex } from "../internal/ordered.js"
import * as Tokens from "../internal/tokens.js"
import type {
  DomainRecord,
  EmulatorState,
  FraudsterRecord,
  JobRecord,
  RegionState,
  SpeakerRecord,
  WatchlistRecord
} from "../State.js"

/** What a handler sees. */
export interface HandlerContext {
  readonly state: EmulatorState
  readonly region: RegionState
  /** Emulator time of the request, epoch milliseconds. */
  readonly now: number
}

/**
 * An output already serialized to UTF-8 JSON (list pages assembled from cached fragments). `slot` is the pooled
 * buffer holding `bytes`, to give back once they are written (see `internal/bytes`).
 */
export class Encoded {
  constructor(
    readonly bytes: Buffer,
    readonly slot: Buffer | undefined = undefined
  ) {}
}

/** The decoded output type of an operation. */
export type OutputOf<Op extends OperationName> = Schema.Type<(typeof operations)[Op]["output"]>

/** What a handler returns: the output, or the modeled error to answer with. */
export type Reply<Op extends OperationName> = Either.Either<OutputOf<Op> | Encoded, ModeledError>

/** A handler of operation `Op`. */
export type Handler<Op extends OperationName> = (ctx: HandlerContext, input: Codec.Input<Op>) => Reply<Op>

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

type ResourceType = "BATCH_JOB" | "COMPLIANCE_CONSENT" | "DOMAIN" | "FRAUDSTER" | "SESSION" | "SPEAKER" | "WATCHLIST"
type ConflictType = NonNullable<ConflictException["ConflictType"]>

export const notFound = (ResourceType: ResourceType, Message: string): Either.Either<never, ModeledError> =>
  Either.left(new ResourceNotFoundException({ Message, ResourceType, $metadata: { httpStatusCode: 404 } }, true))

export const conflict = (ConflictType: ConflictType, Message: string): Either.Either<never, ModeledError> =>
  Either.left(new ConflictException({ Message, ConflictType, $metadata: { httpStatusCode: 409 } }, true))

export const invalid = (Message: string): Either.Either<never, ModeledError> =>
  Either.left(new ValidationException({ Message, $metadata: { httpStatusCode: 400 } }, true))

export const overQuota = (Message: string): Either.Either<never, ModeledError> =>
  Either.left(new ServiceQuotaExceededException({ Message, $metadata: { httpStatusCode: 402 } }, true))

/** The domain of a request, or the `ResourceNotFoundException` the service answers. */
export const domainOf = (ctx: HandlerContext, domainId: string): Either.Either<DomainRecord, ModeledError> => {
  const domain = ctx.region.domains.get(domainId)
  return domain === undefined
    ? notFound("DOMAIN", `The domain ${domainId} does not exist in ${ctx.region.region}.`)
    : Either.right(domain)
}

/** The domain of a request, which must be `ACTIVE` (`ConflictException` `DOMAIN_NOT_ACTIVE` otherwise). */
export const activeDomainOf = (ctx: HandlerContext, domainId: string): Either.Either<DomainRecord, ModeledError> =>
  Either.flatMap(domainOf(ctx, domainId), (domain) =>
    domain.status === "ACTIVE" ? Either.right(domain) : conflict("DOMAIN_NOT_ACTIVE", "The domain is not active.")
  )

// ---------------------------------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------------------------------

/** One page of a list, and the token that continues it. */
export interface Page<T> {
  readonly items: ReadonlyArray<T>
  readonly nextToken: string | undefined
}

/**
 * Reads the page a list request asks for: up to `MaxResults` (the model's maximum when absent) records after the
 * request's `NextToken`, in list order. `binding` names the query (operation, domain, filters); a token is only
 * accepted by the query that issued it.
 */
export const page = <T extends Keyed>(
  ctx: HandlerContext,
  binding: string,
  index: OrderedIndex<T>,
  input: { readonly MaxResults?: number | undefined; readonly NextToken?: string | undefined },
  maxResults: number
): Either.Either<Page<T>, ModeledError> => {
  const key = `${ctx.region.region}\n${binding}`
  let cursor: Keyed | undefined
  if (input.NextToken !== undefined && input.NextToken !== "") {
    const read = Tokens.read(ctx.state.secret, key, input.NextToken, ctx.now, ctx.state.config.tokenLifetimeMs)
    if (Either.isLeft(read)) return invalid(Tokens.refusalMessage(read.left))
    cursor = read.right
  }
  const { items, hasMore } = index.page(cursor, input.MaxResults ?? maxResults)
  const last = items[items.length - 1]
  return Either.right({
    items,
    nextToken: hasMore && last !== undefined ? Tokens.issue(ctx.state.secret, key, last, ctx.now) : undefined
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------------

const date = (ms: number): Date => new Date(ms)

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Copies the defined members only (outputs leave absent members out). */
export const compact = <T extends object>(value: { readonly [K in keyof T]: T[K] | undefined }): T => {
  const out = {} as Mutable<T>
  for (const key in value) {
    const v = value[key]
    if (v !== undefined) out[key] = v as T[typeof key]
  }
  return out
}

export const domainView = (domain: DomainRecord): Output.Domain =>
  compact<Output.Domain>({
    Arn: domain.arn,
    CreatedAt: date(domain.createdAt),
    Description: domain.description,
    DomainId: domain.id,
    DomainStatus: domain.status,
    Name: domain.name,
    ServerSideEncryptionConfiguration: { KmsKeyId: domain.kmsKeyId },
    ServerSideEncryptionUpdateDetails:
      domain.encryptionUpdate === undefined
        ? undefined
        : compact<Output.ServerSideEncryptionUpdateDetails>({
            Message: domain.encryptionUpdate.message,
            OldKmsKeyId: domain.encryptionUpdate.oldKmsKeyId,
            UpdateStatus: domain.encryptionUpdate.status
          }),
    UpdatedAt: date(domain.updatedAt),
    WatchlistDetails: { DefaultWatchlistId: domain.defaultWatchlistId }
  })

export const watchlistView = (domain: DomainRecord, watchlist: WatchlistRecord): Output.Watchlist =>
  compact<Output.Watchlist>({
    CreatedAt: date(watchlist.createdAt),
    DefaultWatchlist: watchlist.isDefault,
    Description: watchlist.description,
    DomainId: domain.id,
    Name: watchlist.name,
    UpdatedAt: date(watchlist.updatedAt),
    WatchlistId: watchlist.id
  })

export const speakerView = (domain: DomainRecord, speaker: SpeakerRecord): Output.Speaker =>
  compact<Output.Speaker>({
    CreatedAt: date(speaker.createdAt),
    CustomerSpeakerId: speaker.customerId,
    DomainId: domain.id,
    GeneratedSpeakerId: speaker.generatedId,
    LastAccessedAt: speaker.lastAccessedAt === undefined ? undefined : date(speaker.lastAccessedAt),
    Status: speaker.status,
    UpdatedAt: date(speaker.updatedAt)
  })

export const fraudsterView = (domain: DomainRecord, fraudster: FraudsterRecord): Output.Fraudster => ({
  CreatedAt: date(fraudster.createdAt),
  DomainId: domain.id,
  GeneratedFraudsterId: fraudster.id,
  WatchlistIds: [...fraudster.watchlists]
})

/** The summary of a job (the members both kinds of summary share). */
export const jobSummary = (job: JobRecord) =>
  compact<Output.SpeakerEnrollmentJobSummary & Output.FraudsterRegistrationJobSummary>({
    CreatedAt: date(job.createdAt),
    DomainId: job.domainId,
    EndedAt: job.endedAt === undefined ? undefined : date(job.endedAt),
    FailureDetails:
      job.failure === undefined ? undefined : { Message: job.failure.Message, StatusCode: job.failure.StatusCode },
    JobId: job.id,
    JobName: job.name,
    JobProgress: { PercentComplete: job.percent },
    JobStatus: job.status
  })

/** The summary of a job, serialized once per change of the job (list pages are assembled from these). */
export const jobSummaryBytes = (job: JobRecord): Buffer => {
  if (job.summary === undefined) job.summary = Buffer.from(Codec.toJson(jobSummary(job)), "utf8")
  return job.summary
}

export const speakerJobView = (job: JobRecord): Output.SpeakerEnrollmentJob =>
  compact<Output.SpeakerEnrollmentJob>({
    ...jobSummary(job),
    DataAccessRoleArn: job.roleArn,
    EnrollmentConfig: job.config as Output.EnrollmentConfig,
    InputDataConfig: { S3Uri: job.inputS3Uri },
    OutputDataConfig: compact<Output.OutputDataConfig>({ S3Uri: job.outputS3Uri, KmsKeyId: job.outputKmsKeyId })
  })

export const fraudsterJobView = (job: JobRecord): Output.FraudsterRegistrationJob =>
  compact<Output.FraudsterRegistrationJob>({
    ...jobSummary(job),
    DataAccessRoleArn: job.roleArn,
    RegistrationConfig: job.config as Output.RegistrationConfig,
    InputDataConfig: { S3Uri: job.inputS3Uri },
    OutputDataConfig: compact<Output.OutputDataConfig>({ S3Uri: job.outputS3Uri, KmsKeyId: job.outputKmsKeyId })
  })

const COMMA = Buffer.from(",")
const openings = new Map<string, Buffer>()

/** `{"<key>":[…],"NextToken":"…"}` from serialized items, written once into one (pooled) buffer. */
export const encodedPage = (key: string, items: ReadonlyArray<Buffer>, nextToken: string | undefined): Encoded => {
  let opening = openings.get(key)
  if (opening === undefined) {
    opening = Buffer.from(`{"${key}":[`)
    openings.set(key, opening)
  }
  const closing = nextToken === undefined ? "]}" : `],"NextToken":${JSON.stringify(nextToken)}}`
  const closingLength = Buffer.byteLength(closing)
  let length = opening.length + closingLength + Math.max(0, items.length - 1) * COMMA.length
  for (let i = 0; i < items.length; i++) length += items[i]!.length
  const { bytes, slot } = take(length)
  let at = opening.copy(bytes, 0)
  for (let i = 0; i < items.length; i++) {
    if (i > 0) at += COMMA.copy(bytes, at)
    at += items[i]!.copy(bytes, at)
  }
  bytes.write(closing, at, closingLength, "utf8")
  return new Encoded(bytes, slot)
}
