/**
 * Batch jobs: StartSpeakerEnrollmentJob, DescribeSpeakerEnrollmentJob, ListSpeakerEnrollmentJobs, and the same
 * three for fraudster registration jobs. The jobs then run on the emulator clock (see `Jobs`).
 */
import type { ModeledError } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import type { DomainRecord, JobRecord, JobStatus, JobTable } from "../State.js"
import {
  activeDomainOf,
  domainOf,
  encodedPage,
  fraudsterJobView,
  type Handler,
  type HandlerContext,
  jobSummaryBytes,
  notFound,
  overQuota,
  page,
  speakerJobView
} from "./context.js"
import { watchlistOf } from "./watchlists.js"

const jobOf = (table: JobTable, domain: DomainRecord, jobId: string): Either.Either<JobRecord, ModeledError> => {
  const job = table.byId.get(jobId)
  return job === undefined
    ? notFound("BATCH_JOB", `The job ${jobId} does not exist in domain ${domain.id}.`)
    : Either.right(job)
}

const newJob = (
  ctx: HandlerContext,
  domain: DomainRecord,
  kind: JobRecord["kind"],
  input: {
    readonly ClientToken?: string | undefined
    readonly DataAccessRoleArn: string
    readonly InputDataConfig: { readonly S3Uri: string }
    readonly JobName?: string | undefined
    readonly OutputDataConfig: { readonly S3Uri: string; readonly KmsKeyId?: string | undefined }
  },
  config: Readonly<Record<string, unknown>>
): JobRecord => ({
  kind,
  id: ctx.state.ids.next(),
  domainId: domain.id,
  name: input.JobName,
  status: "SUBMITTED",
  createdAt: ctx.now,
  seq: ctx.state.nextSeq(),
  endedAt: undefined,
  percent: 0,
  failure: undefined,
  inputS3Uri: input.InputDataConfig.S3Uri,
  outputS3Uri: input.OutputDataConfig.S3Uri,
  outputKmsKeyId: input.OutputDataConfig.KmsKeyId,
  roleArn: input.DataAccessRoleArn,
  config,
  clientToken: input.ClientToken,
  simulated: true,
  startsAt: ctx.now + ctx.state.config.jobStartDelayMs,
  total: undefined,
  processed: 0,
  errors: [],
  successes: [],
  requests: undefined,
  summary: undefined
})

const start = (
  ctx: HandlerContext,
  table: JobTable,
  maxActive: number,
  make: () => JobRecord
): Either.Either<JobRecord, ModeledError> => {
  if (table.activeCount() >= maxActive) {
    return overQuota(
      `A domain can run at most ${maxActive} job(s) of this kind at a time; wait for the running one to end.`
    )
  }
  const job = make()
  table.add(job)
  ctx.state.activeJobs.add(job)
  ctx.state.touch()
  return Either.right(job)
}

/**
 * Starts a speaker enrollment job (`SUBMITTED`). The same `ClientToken` returns the job it started. The fraud
 * detection watchlist must exist; at most the quota of enrollment jobs run at once per domain.
 */
export const startSpeakerEnrollmentJob: Handler<"StartSpeakerEnrollmentJob"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) => {
    const table = domain.speakerJobs
    if (input.ClientToken !== undefined) {
      const existing = table.byClientToken.get(input.ClientToken)
      if (existing !== undefined) return Either.right({ Job: speakerJobView(existing) })
    }
    const fraud = input.EnrollmentConfig?.FraudDetectionConfig
    const watchlistIds = fraud?.WatchlistIds ?? [domain.defaultWatchlistId]
    for (const id of watchlistIds) {
      const found = watchlistOf(domain, id)
      if (Either.isLeft(found)) return Either.left(found.left)
    }
    const config = {
      ExistingEnrollmentAction: input.EnrollmentConfig?.ExistingEnrollmentAction ?? "SKIP",
      FraudDetectionConfig: {
        FraudDetectionAction: fraud?.FraudDetectionAction ?? "FAIL",
        RiskThreshold: fraud?.RiskThreshold ?? 50,
        WatchlistIds: watchlistIds
      }
    }
    return Either.map(
      start(ctx, table, ctx.state.config.quotas.activeSpeakerEnrollmentJobsPerDomain, () =>
        newJob(ctx, domain, "speaker", input, config)
      ),
      (job) => ({ Job: speakerJobView(job) })
    )
  })

/**
 * Starts a fraudster registration job (`SUBMITTED`). The same `ClientToken` returns the job it started. The
 * target watchlist must exist; at most the quota of registration jobs run at once per domain.
 */
export const startFraudsterRegistrationJob: Handler<"StartFraudsterRegistrationJob"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) => {
    const table = domain.fraudsterJobs
    if (input.ClientToken !== undefined) {
      const existing = table.byClientToken.get(input.ClientToken)
      if (existing !== undefined) return Either.right({ Job: fraudsterJobView(existing) })
    }
    const registration = input.RegistrationConfig
    const watchlistIds = registration?.WatchlistIds ?? [domain.defaultWatchlistId]
    for (const id of watchlistIds) {
      const found = watchlistOf(domain, id)
      if (Either.isLeft(found)) return Either.left(found.left)
    }
    const config = {
      DuplicateRegistrationAction: registration?.DuplicateRegistrationAction ?? "SKIP",
      FraudsterSimilarityThreshold: registration?.FraudsterSimilarityThreshold ?? 50,
      WatchlistIds: watchlistIds
    }
    return Either.map(
      start(ctx, table, ctx.state.config.quotas.activeFraudsterRegistrationJobsPerDomain, () =>
        newJob(ctx, domain, "fraudster", input, config)
      ),
      (job) => ({ Job: fraudsterJobView(job) })
    )
  })

export const describeSpeakerEnrollmentJob: Handler<"DescribeSpeakerEnrollmentJob"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) =>
    Either.map(jobOf(domain.speakerJobs, domain, input.JobId), (job) => ({ Job: speakerJobView(job) }))
  )

export const describeFraudsterRegistrationJob: Handler<"DescribeFraudsterRegistrationJob"> = (ctx, input) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) =>
    Either.map(jobOf(domain.fraudsterJobs, domain, input.JobId), (job) => ({ Job: fraudsterJobView(job) }))
  )

const listJobs = (
  ctx: HandlerContext,
  operation: string,
  table: (domain: DomainRecord) => JobTable,
  input: {
    readonly DomainId: string
    readonly JobStatus?: string | undefined
    readonly MaxResults?: number | undefined
    readonly NextToken?: string | undefined
  }
) =>
  Either.flatMap(domainOf(ctx, input.DomainId), (domain) => {
    const jobs = table(domain)
    const index = input.JobStatus === undefined ? jobs.all : jobs.byStatus.get(input.JobStatus as JobStatus)!
    return Either.map(
      page(ctx, `${operation}\n${domain.id}\n${input.JobStatus ?? ""}`, index, input, 100),
      ({ items, nextToken }) => encodedPage("JobSummaries", items.map(jobSummaryBytes), nextToken)
    )
  })

/** Jobs in creation order, optionally of one status; pages are assembled from each job's cached summary. */
export const listSpeakerEnrollmentJobs: Handler<"ListSpeakerEnrollmentJobs"> = (ctx, input) =>
  listJobs(ctx, "ListSpeakerEnrollmentJobs", (d) => d.speakerJobs, input)

export const listFraudsterRegistrationJobs: Handler<"ListFraudsterRegistrationJobs"> = (ctx, input) =>
  listJobs(ctx, "ListFraudsterRegistrationJobs", (d) => d.fraudsterJobs, input)
