/**
 * Reads the jobs of one status in two sittings: the first `--max-items`, then the rest from the checkpoint printed
 * after them. A checkpoint is a plain string (the service's `NextToken`, or a resume token in the AWS CLI's
 * `--starting-token` format when a page had to be cut), so the second sitting can be another process: give it
 * the token with `--starting-token`. The example checks that the two sittings add up to one uninterrupted read,
 * with no job read twice and none missed.
 *
 * ```sh
 * pnpm --filter @effect-voiceid/examples checkpoint-resume        # an emulator with 300 seeded jobs, both sittings
 * pnpm --filter @effect-voiceid/examples checkpoint-resume --endpoint URL --domain-id ID [--status FAILED]
 *   [--max-items 25] [--page-size 20] [--starting-token TOKEN]   # with a token: the second sitting only
 * ```
 *
 * @since 0.1.0
 */
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import type { SpeakerEnrollmentJobSummary } from "@effect-voiceid/protocol"
import { Chunk, Console, Effect, Option, Stream } from "effect"
import * as Example from "./shared/Example.js"

/**
 * A job status, as the model spells it.
 *
 * @category models
 * @since 0.1.0
 */
export type JobStatus = NonNullable<SpeakerEnrollmentJobSummary["JobStatus"]>

/**
 * The first sitting: the ids read and the token to resume from (`undefined`: there was nothing more).
 *
 * @category models
 * @since 0.1.0
 */
export interface Checkpoint {
  readonly jobIds: ReadonlyArray<string>
  readonly resumeToken: string | undefined
}

/**
 * Reads at most `maxItems` jobs of a status and returns where it stopped.
 *
 * @category programs
 * @since 0.1.0
 */
export const firstSitting = (DomainId: string, JobStatus: JobStatus, maxItems: number, pageSize: number) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    // Pages carry the token that resumes right after them; the last page's is the checkpoint.
    const pages = yield* Stream.runCollect(
      voiceId.listSpeakerEnrollmentJobsPages({ DomainId, JobStatus }, { maxItems, pageSize })
    )
    const jobIds = Chunk.toReadonlyArray(pages).flatMap((page) => page.items.map((job) => job.JobId ?? ""))
    const resumeToken = Option.getOrUndefined(Chunk.last(pages))?.resumeToken
    yield* Console.log(`first sitting: ${jobIds.length} ${JobStatus} jobs`)
    yield* Console.log(`checkpoint: ${resumeToken ?? "(none: every job was read)"}`)
    return { jobIds, resumeToken } satisfies Checkpoint
  })

/**
 * Reads every job of a status from a checkpoint to the end.
 *
 * @category programs
 * @since 0.1.0
 */
export const resume = (DomainId: string, JobStatus: JobStatus, startingToken: string, pageSize: number) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    const jobs = yield* Stream.runCollect(
      voiceId.listSpeakerEnrollmentJobsStream({ DomainId, JobStatus }, { startingToken, pageSize })
    )
    const jobIds = Chunk.toReadonlyArray(jobs).map((job) => job.JobId ?? "")
    yield* Console.log(`second sitting: ${jobIds.length} more ${JobStatus} jobs from the checkpoint`)
    return jobIds
  })

/**
 * What the two sittings add up to, checked against one read of everything.
 *
 * @category models
 * @since 0.1.0
 */
export interface Summary {
  readonly first: number
  readonly resumeToken: string | undefined
  readonly rest: number
  /** Jobs of the status in one uninterrupted read (absent when only the second sitting ran). */
  readonly total: number | undefined
  /** Jobs read in both sittings, and jobs of the uninterrupted read that neither sitting saw. */
  readonly repeated: number
  readonly missed: number
}

/**
 * Both sittings, then one uninterrupted read to check that they add up exactly.
 *
 * @category programs
 * @since 0.1.0
 */
export const checkpointAndResume = (DomainId: string, JobStatus: JobStatus, maxItems: number, pageSize: number) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    const checkpoint = yield* firstSitting(DomainId, JobStatus, maxItems, pageSize)
    const rest =
      checkpoint.resumeToken === undefined ? [] : yield* resume(DomainId, JobStatus, checkpoint.resumeToken, pageSize)
    const everything = yield* Stream.runCollect(
      voiceId.listSpeakerEnrollmentJobsStream({ DomainId, JobStatus }, { pageSize: 100 })
    )
    const seen = new Set(checkpoint.jobIds)
    const repeated = rest.filter((id) => seen.has(id)).length
    for (const id of rest) seen.add(id)
    const missed = Chunk.toReadonlyArray(everything).filter((job) => !seen.has(job.JobId ?? "")).length
    yield* Console.log(
      `${checkpoint.jobIds.length} + ${rest.length} = ${everything.length} ${JobStatus} jobs; read twice: ${repeated}, missed: ${missed}`
    )
    return {
      first: checkpoint.jobIds.length,
      resumeToken: checkpoint.resumeToken,
      rest: rest.length,
      total: everything.length,
      repeated,
      missed
    } satisfies Summary
  })

const statuses: ReadonlyArray<JobStatus> = ["SUBMITTED", "IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"]

const flags = {
  "domain-id": { type: "string" },
  status: { type: "string" },
  "max-items": { type: "string" },
  "page-size": { type: "string" },
  "starting-token": { type: "string" }
} as const

/**
 * Runs the example with a command line (see the module description).
 *
 * @category main
 * @since 0.1.0
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const args = yield* Example.parse(argv, flags)
    const status = statuses.find((s) => s === (args.status ?? "COMPLETED"))
    if (status === undefined) {
      return yield* new Example.UsageError({ message: `--status must be one of ${statuses.join(", ")}` })
    }
    const maxItems = yield* Example.positiveInt(args["max-items"], "max-items", 25)
    const pageSize = yield* Example.positiveInt(args["page-size"], "page-size", 20)
    const target = yield* Example.target(args)
    const domainId = yield* Example.orPrepare(args["domain-id"], "domain-id", target, (emulator) =>
      Effect.map(emulator.seedJobs({ count: 300, domainName: "checkpoint-example" }), (seeded) => seeded.domainId)
    )
    const VoiceIdLive = VoiceIdNode.layer(target.client)
    const startingToken = args["starting-token"]
    if (startingToken === undefined) {
      return yield* checkpointAndResume(domainId, status, maxItems, pageSize).pipe(Effect.provide(VoiceIdLive))
    }
    const rest = yield* resume(domainId, status, startingToken, pageSize).pipe(Effect.provide(VoiceIdLive))
    return {
      first: 0,
      resumeToken: startingToken,
      rest: rest.length,
      total: undefined,
      repeated: 0,
      missed: 0
    } satisfies Summary
  }).pipe(Effect.scoped)

Example.runMain(
  import.meta,
  "checkpoint-resume [--endpoint URL] [--region R] [--domain-id ID] [--status S] [--max-items N] [--page-size N] [--starting-token T]",
  main
)
