import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Waiters } from "@effect-voiceid/client"
import {
  DuplicateRegistrationAction,
  ExistingEnrollmentAction,
  FraudDetectionAction,
  FraudsterRegistrationJobStatus,
  operations,
  SpeakerEnrollmentJobStatus
} from "@effect-voiceid/protocol"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import { globalOptions, optional, out } from "./global.js"
import { outputOption, pagingOptions, runList } from "./list.js"
import { groupHandler, withClient } from "./root.js"

export const domainId = Options.text("domain-id").pipe(Options.withDescription("The domain's id."))
const jobId = Options.text("job-id").pipe(Options.withDescription("The job's id."))

interface JobSummary {
  readonly JobId?: string | undefined
  readonly JobName?: string | undefined
  readonly JobStatus?: string | undefined
  readonly JobProgress?: { readonly PercentComplete?: number | undefined } | undefined
  readonly CreatedAt?: Date | undefined
  readonly EndedAt?: Date | undefined
}

export const jobColumns: ReadonlyArray<Output.Column<JobSummary>> = [
  { header: "JobId", value: (j) => j.JobId },
  { header: "JobStatus", value: (j) => j.JobStatus },
  {
    header: "Progress",
    value: (j) => (j.JobProgress?.PercentComplete === undefined ? undefined : `${j.JobProgress.PercentComplete}%`)
  },
  { header: "CreatedAt", value: (j) => j.CreatedAt },
  { header: "EndedAt", value: (j) => j.EndedAt },
  { header: "JobName", value: (j) => j.JobName }
]

const seconds = (name: string, fallback: number, description: string) =>
  Options.float(name).pipe(
    Options.withSchema(Schema.Number.pipe(Schema.positive())),
    Options.withDescription(description),
    Options.withDefault(fallback)
  )

const waitOptions = {
  wait: Options.boolean("wait").pipe(
    Options.withDescription(
      "Follow the job until it ends (a progress bar on a terminal, a line per change otherwise); exit 4 if it FAILED."
    )
  ),
  pollInterval: seconds("poll-interval", 2, "Seconds between two checks of the job with --wait (default 2)."),
  waitTimeout: seconds("wait-timeout", 3600, "Give up waiting after this many seconds, exit 5 (default 3600).")
}

const startOptions = {
  ...globalOptions,
  domainId,
  inputS3Uri: Options.text("input-s3-uri").pipe(Options.withDescription("s3:// URI of the job's manifest.")),
  outputS3Uri: Options.text("output-s3-uri").pipe(
    Options.withDescription("s3:// URI of the folder the job writes its results to.")
  ),
  dataAccessRoleArn: Options.text("data-access-role-arn").pipe(
    Options.withDescription("IAM role Voice ID assumes to read the manifest and write the results.")
  ),
  jobName: Options.text("job-name").pipe(Options.withDescription("A name for the job."), Options.optional),
  outputKmsKeyId: Options.text("output-kms-key-id").pipe(
    Options.withDescription("KMS key of the output file."),
    Options.optional
  ),
  clientToken: Options.text("client-token").pipe(
    Options.withDescription("Idempotency token (default: a fresh one, repeated by retries)."),
    Options.optional
  ),
  output: outputOption("json"),
  ...waitOptions
}

type WaitFlags = { readonly wait: boolean; readonly pollInterval: number; readonly waitTimeout: number }

const percent = (job: JobSummary): number =>
  job.JobProgress?.PercentComplete ?? (job.JobStatus === "COMPLETED" ? 100 : 0)

/** Follows a job, showing its progress on stderr, then prints it; fails as the watch fails (`FAILED`, timeout). */
const follow = <E>(
  watch: (schedule: Schedule.Schedule<unknown, unknown>) => Stream.Stream<JobSummary, E>,
  flags: WaitFlags,
  format: Output.Format
) =>
  Effect.gen(function* () {
    const progress = Progress.make()
    let last: JobSummary | undefined
    const schedule = Schedule.spaced(Duration.seconds(flags.pollInterval)).pipe(
      Schedule.upTo(Duration.seconds(flags.waitTimeout))
    )
    const result = yield* Stream.runForEach(watch(schedule), (job) => {
      last = job
      const status = job.JobStatus ?? "UNKNOWN"
      return progress.update(
        progress.interactive
          ? `job ${job.JobId ?? ""} ${Progress.bar(percent(job))} ${status}`
          : `job ${job.JobId ?? ""}: ${status} ${percent(job)}%`
      )
    }).pipe(Effect.ensuring(progress.done), Effect.either)
    if (last !== undefined) yield* out(Output.single(format, { Job: last }))
    if (Either.isLeft(result)) return yield* Effect.fail(result.left)
  })

const outputConfig = (s3Uri: string, kmsKeyId: Option.Option<string>) =>
  Option.isSome(kmsKeyId) ? { S3Uri: s3Uri, KmsKeyId: kmsKeyId.value } : { S3Uri: s3Uri }

// ---------------------------------------------------------------------------------------------------------------
// Speaker enrollment jobs
// ---------------------------------------------------------------------------------------------------------------

const enrollmentList = Command.make(
  "list",
  {
    ...globalOptions,
    domainId,
    status: Options.choice("status", SpeakerEnrollmentJobStatus.literals).pipe(
      Options.withDescription("Only jobs with this status."),
      Options.optional
    ),
    ...pagingOptions,
    output: outputOption("table")
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      runList(
        voiceId,
        operations.ListSpeakerEnrollmentJobs,
        { DomainId: flags.domainId, ...optional("JobStatus", flags.status) },
        flags,
        flags.output,
        jobColumns
      )
    )
).pipe(Command.withDescription("List the speaker enrollment jobs of a domain, page by page (oldest first)."))

const enrollmentDescribe = Command.make(
  "describe",
  { ...globalOptions, domainId, jobId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(voiceId.describeSpeakerEnrollmentJob({ DomainId: flags.domainId, JobId: flags.jobId }), (o) =>
        out(Output.single(flags.output, o))
      )
    )
).pipe(Command.withDescription("Describe a speaker enrollment job, with its progress."))

const enrollmentStart = Command.make(
  "start",
  {
    ...startOptions,
    existingEnrollmentAction: Options.choice("existing-enrollment-action", ExistingEnrollmentAction.literals).pipe(
      Options.withDescription("What to do with speakers already enrolled (default SKIP)."),
      Options.optional
    ),
    fraudDetectionAction: Options.choice("fraud-detection-action", FraudDetectionAction.literals).pipe(
      Options.withDescription("What to do when a speaker's voice matches a known fraudster (default FAIL)."),
      Options.optional
    ),
    riskThreshold: Options.integer("risk-threshold").pipe(
      Options.withDescription("Fraud risk score (0-100) at or above which the fraud detection action applies."),
      Options.optional
    ),
    watchlistId: Options.text("watchlist-id").pipe(
      Options.withDescription("Watchlist to check speakers against (repeatable; default: the domain's default)."),
      Options.repeated
    )
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.gen(function* () {
        const fraudDetection = {
          ...optional("FraudDetectionAction", flags.fraudDetectionAction),
          ...optional("RiskThreshold", flags.riskThreshold),
          ...(flags.watchlistId.length > 0 ? { WatchlistIds: flags.watchlistId } : {})
        }
        const enrollment = {
          ...optional("ExistingEnrollmentAction", flags.existingEnrollmentAction),
          ...(Object.keys(fraudDetection).length > 0 ? { FraudDetectionConfig: fraudDetection } : {})
        }
        const started = yield* voiceId.startSpeakerEnrollmentJob({
          DomainId: flags.domainId,
          DataAccessRoleArn: flags.dataAccessRoleArn,
          InputDataConfig: { S3Uri: flags.inputS3Uri },
          OutputDataConfig: outputConfig(flags.outputS3Uri, flags.outputKmsKeyId),
          ...optional("JobName", flags.jobName),
          ...optional("ClientToken", flags.clientToken),
          ...(Object.keys(enrollment).length > 0 ? { EnrollmentConfig: enrollment } : {})
        })
        const JobId = started.Job?.JobId
        if (!flags.wait || JobId === undefined) return yield* out(Output.single(flags.output, started))
        return yield* follow(
          (schedule) =>
            voiceId.watchSpeakerEnrollmentJob(
              { DomainId: flags.domainId, JobId },
              { schedule: schedule as Schedule.Schedule<unknown, Waiters.SpeakerEnrollmentJob> }
            ),
          flags,
          flags.output
        )
      })
    )
).pipe(
  Command.withDescription(
    "Start a batch job that enrolls the speakers of a manifest; with --wait, follow it until it ends."
  )
)

/** `voiceid enrollment-jobs`. */
export const enrollmentJobs = Command.make(
  "enrollment-jobs",
  {},
  groupHandler("voiceid enrollment-jobs", ["list", "describe", "start"])
).pipe(
  Command.withDescription("Speaker enrollment jobs: list, describe, start (and wait)."),
  Command.withSubcommands([enrollmentList, enrollmentDescribe, enrollmentStart])
)

// ---------------------------------------------------------------------------------------------------------------
// Fraudster registration jobs
// ---------------------------------------------------------------------------------------------------------------

const registrationList = Command.make(
  "list",
  {
    ...globalOptions,
    domainId,
    status: Options.choice("status", FraudsterRegistrationJobStatus.literals).pipe(
      Options.withDescription("Only jobs with this status."),
      Options.optional
    ),
    ...pagingOptions,
    output: outputOption("table")
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      runList(
        voiceId,
        operations.ListFraudsterRegistrationJobs,
        { DomainId: flags.domainId, ...optional("JobStatus", flags.status) },
        flags,
        flags.output,
        jobColumns
      )
    )
).pipe(Command.withDescription("List the fraudster registration jobs of a domain, page by page (oldest first)."))

const registrationDescribe = Command.make(
  "describe",
  { ...globalOptions, domainId, jobId, output: outputOption("json") },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.flatMap(voiceId.describeFraudsterRegistrationJob({ DomainId: flags.domainId, JobId: flags.jobId }), (o) =>
        out(Output.single(flags.output, o))
      )
    )
).pipe(Command.withDescription("Describe a fraudster registration job, with its progress."))

const registrationStart = Command.make(
  "start",
  {
    ...startOptions,
    watchlistId: Options.text("watchlist-id").pipe(
      Options.withDescription("Watchlist to register the fraudsters into (default: the domain's default)."),
      Options.optional
    ),
    duplicateRegistrationAction: Options.choice(
      "duplicate-registration-action",
      DuplicateRegistrationAction.literals
    ).pipe(Options.withDescription("What to do with a fraudster already registered (default SKIP)."), Options.optional),
    fraudsterSimilarityThreshold: Options.integer("fraudster-similarity-threshold").pipe(
      Options.withDescription("Similarity score (0-100) at or above which a fraudster counts as already registered."),
      Options.optional
    )
  },
  (flags) =>
    withClient(flags, (voiceId) =>
      Effect.gen(function* () {
        const registration = {
          ...optional("DuplicateRegistrationAction", flags.duplicateRegistrationAction),
          ...optional("FraudsterSimilarityThreshold", flags.fraudsterSimilarityThreshold),
          ...(Option.isSome(flags.watchlistId) ? { WatchlistIds: [flags.watchlistId.value] } : {})
        }
        const started = yield* voiceId.startFraudsterRegistrationJob({
          DomainId: flags.domainId,
          DataAccessRoleArn: flags.dataAccessRoleArn,
          InputDataConfig: { S3Uri: flags.inputS3Uri },
          OutputDataConfig: outputConfig(flags.outputS3Uri, flags.outputKmsKeyId),
          ...optional("JobName", flags.jobName),
          ...optional("ClientToken", flags.clientToken),
          ...(Object.keys(registration).length > 0 ? { RegistrationConfig: registration } : {})
        })
        const JobId = started.Job?.JobId
        if (!flags.wait || JobId === undefined) return yield* out(Output.single(flags.output, started))
        return yield* follow(
          (schedule) =>
            voiceId.watchFraudsterRegistrationJob(
              { DomainId: flags.domainId, JobId },
              { schedule: schedule as Schedule.Schedule<unknown, Waiters.FraudsterRegistrationJob> }
            ),
          flags,
          flags.output
        )
      })
    )
).pipe(
  Command.withDescription(
    "Start a batch job that registers the fraudsters of a manifest; with --wait, follow it until it ends."
  )
)

/** `voiceid fraudster-jobs`. */
export const fraudsterJobs = Command.make(
  "fraudster-jobs",
  {},
  groupHandler("voiceid fraudster-jobs", ["list", "describe", "start"])
).pipe(
  Command.withDescription("Fraudster registration jobs: list, describe, start (and wait)."),
  Command.withSubcommands([registrationList, registrationDescribe, registrationStart])
)
