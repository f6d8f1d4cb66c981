/**
 * Starts a speaker enrollment job and follows it: the watch stream gives the job each time its status or progress
 * changes; the waiter gives its end, and turns a `FAILED` job into a typed `JobFailedError` carrying the
 * service's `FailureDetails`.
 *
 * ```sh
 * pnpm --filter @effect-voiceid/examples watch-job      # an emulator, with a manifest of 100 speakers in its local S3
 * pnpm --filter @effect-voiceid/examples watch-job --endpoint URL --domain-id ID --manifest s3://bucket/manifest.json \
 *   --output s3://bucket/output/ --role-arn arn:aws:iam::123456789012:role/VoiceIdDataAccess
 * ```
 *
 * @since 0.1.0
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import { Console, Effect, Schedule, Stream } from "effect"
import * as Example from "./shared/Example.js"

/**
 * What to enroll, and where the service reads and writes.
 *
 * @category models
 * @since 0.1.0
 */
export interface JobSpec {
  readonly DomainId: string
  /** The manifest: `s3://bucket/key` of a JSON file listing the speakers and their recordings. */
  readonly manifest: string
  /** Where the service writes the job's output (a folder: `s3://bucket/prefix/`). */
  readonly output: string
  /** The IAM role the service assumes to read and write those objects. */
  readonly roleArn: string
}

/**
 * How the job ended.
 *
 * @category models
 * @since 0.1.0
 */
export interface Result {
  readonly jobId: string
  readonly status: string
  /** Each status and progress the watch saw, in order (`SUBMITTED 0`, `IN_PROGRESS 40`, ...). */
  readonly seen: ReadonlyArray<string>
  /** `FailureDetails.Message` of a `FAILED` job. */
  readonly failure: string | undefined
}

// Poll often: the emulator finishes a job of a hundred speakers within a second. The default (1 s, doubling to
// 30 s, for up to an hour) suits real jobs.
const poll = Schedule.spaced("100 millis")

/**
 * The example: it needs only the `VoiceId` service.
 *
 * @category programs
 * @since 0.1.0
 */
export const startAndWatch = (spec: JobSpec) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    const started = yield* voiceId.startSpeakerEnrollmentJob({
      DomainId: spec.DomainId,
      JobName: "watch-job-example",
      DataAccessRoleArn: spec.roleArn,
      InputDataConfig: { S3Uri: spec.manifest },
      OutputDataConfig: { S3Uri: spec.output }
    })
    const job = { DomainId: spec.DomainId, JobId: started.Job?.JobId ?? "" }
    yield* Console.log(`started job ${job.JobId}`)

    // The watch: one element per change. A FAILED job is emitted, then the stream fails with JobFailedError,
    // which is left to the waiter below.
    const seen: Array<string> = []
    yield* voiceId.watchSpeakerEnrollmentJob(job, { schedule: poll }).pipe(
      Stream.runForEach((current) => {
        const line = `${current.JobStatus} ${current.JobProgress?.PercentComplete ?? 0}`
        seen.push(line)
        return Console.log(`  ${line}%`)
      }),
      Effect.catchTag("JobFailedError", () => Effect.void)
    )

    // The waiter: the job once it has ended (at once here, since the watch saw the end).
    return yield* voiceId.awaitSpeakerEnrollmentJob(job, { schedule: poll }).pipe(
      Effect.tap((done) =>
        Console.log(`job ${job.JobId} ended ${done.JobStatus}; output in ${done.OutputDataConfig?.S3Uri}`)
      ),
      Effect.map((done): Result => ({ jobId: job.JobId, status: done.JobStatus ?? "", seen, failure: undefined })),
      Effect.catchTag("JobFailedError", (error) =>
        Effect.as(Console.log(`job ${job.JobId} failed: ${error.FailureDetails?.Message ?? "no details"}`), {
          jobId: job.JobId,
          status: error.JobStatus,
          seen,
          failure: error.FailureDetails?.Message
        })
      )
    )
  })

/**
 * Writes a manifest of `speakers` speakers, one distinct recording each, into a local folder that stands in for
 * S3 (the emulator's `dataDir`: `s3://bucket/key` is `<dataDir>/bucket/key`). Returns the manifest's URI.
 *
 * @category preparation
 * @since 0.1.0
 */
export const writeSampleManifest = (dataDir: string, bucket: string, speakers: number) =>
  Effect.promise(async () => {
    await mkdir(join(dataDir, bucket, "audio"), { recursive: true })
    const requests = []
    for (let i = 1; i <= speakers; i++) {
      const id = `customer-${String(i).padStart(4, "0")}`
      // The emulator hears no audio: a recording's voice is its bytes, so each speaker gets different ones.
      await writeFile(join(dataDir, bucket, "audio", `${id}.wav`), `recording of ${id}`)
      requests.push({
        RequestId: `request-${i}`,
        SpeakerId: id,
        AudioSpecifications: [{ S3Uri: `s3://${bucket}/audio/${id}.wav`, ChannelId: 0 }]
      })
    }
    const manifest = { Version: "1.0", SpeakerEnrollmentRequests: requests }
    await writeFile(join(dataDir, bucket, "manifest.json"), JSON.stringify(manifest))
    return `s3://${bucket}/manifest.json`
  })

const flags = {
  "domain-id": { type: "string" },
  manifest: { type: "string" },
  output: { type: "string" },
  "role-arn": { type: "string" }
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
    const target = yield* Example.target(args)
    const DomainId = yield* Example.orPrepare(args["domain-id"], "domain-id", target, (emulator) =>
      // A domain without jobs.
      Effect.map(emulator.seedJobs({ count: 0, domainName: "watch-job-example" }), (seeded) => seeded.domainId)
    )
    const manifest = yield* Example.orPrepare(args.manifest, "manifest", target, (emulator) =>
      writeSampleManifest(emulator.dataDir, "voiceid-examples", 100)
    )
    const output = yield* Example.orPrepare(args.output, "output", target, () =>
      Effect.succeed("s3://voiceid-examples/output/")
    )
    const roleArn = yield* Example.orPrepare(args["role-arn"], "role-arn", target, (emulator) =>
      Effect.succeed(`arn:aws:iam::${emulator.accountId}:role/VoiceIdExamples`)
    )
    return yield* startAndWatch({ DomainId, manifest, output, roleArn }).pipe(
      Effect.provide(VoiceIdNode.layer(target.client))
    )
  }).pipe(Effect.scoped)

Example.runMain(
  import.meta,
  "watch-job [--endpoint URL] [--region R] [--domain-id ID] [--manifest S3_URI] [--output S3_URI] [--role-arn ARN]",
  main
)
