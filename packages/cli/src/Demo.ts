/**
 * The main job (`pnpm start`, `voiceid demo`): a tour of the client against a Voice ID endpoint, by default an
 * emulator started inside the process.
 *
 * 1. creates a domain;
 * 2. writes a generated manifest (and the recordings it names) into the emulator's folder standing in for S3, and
 *    starts a real speaker enrollment job from it;
 * 3. seeds a few thousand jobs across all five statuses (emulator control route);
 * 4. follows the enrollment job until it ends (a progress bar on a terminal, lines otherwise);
 * 5. turns on light throttling (a few % of requests answered `ThrottlingException`);
 * 6. streams `ListSpeakerEnrollmentJobs` lazily, page by page, with a live progress line;
 * 7. ends with a summary: jobs per status (seeded and listed), pages, retries absorbed (from each page's
 *    `$metadata.attempts`), elapsed time.
 *
 * Against another endpoint (`--endpoint`, `AWS_ENDPOINT_URL_VOICE_ID`, credentials and region from the
 * environment or a profile) it does the same; the steps that need an emulator (seeding, faults, writing the
 * manifest) are done when the endpoint is one (its control routes answer; the manifest needs `--data-dir`, the
 * emulator's data folder), and skipped with a note otherwise. A domain it created there is deleted at the end.
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Path from "@effect/platform/Path"
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import { SpeakerEnrollmentJobStatus as JobStatus } from "@effect-voiceid/protocol"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Output from "./Output.js"
import * as Progress from "./Progress.js"

/**
 * What the demo does.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /** Jobs to seed across the five statuses (default 3000). */
  readonly jobs?: number | undefined
  /** `MaxResults` of each list request (default 100). */
  readonly pageSize?: number | undefined
  /** Share of requests throttled while listing (default 0.03). */
  readonly throttleRate?: number | undefined
  /** Speakers in the generated manifest (default 40). */
  readonly speakers?: number | undefined
  /** Use this domain instead of creating one. */
  readonly domainId?: string | undefined
  /** The data folder of an external emulator, to write the manifest into. */
  readonly dataDir?: string | undefined
  /** The client's options (`--region`, `--endpoint`, `--profile`, `--max-attempts`). */
  readonly client?: VoiceIdNode.Options | undefined
}

/**
 * The five job statuses, in the order of a job's life.
 *
 * @category models
 * @since 0.1.0
 */
export const statuses: ReadonlyArray<typeof JobStatus.Type> = JobStatus.literals

/**
 * What the demo found.
 *
 * @category models
 * @since 0.1.0
 */
export interface Summary {
  /** The endpoint the client talked to. */
  readonly endpoint: string
  /** Whether that was an emulator started by the demo. */
  readonly embedded: boolean
  /** The domain the jobs were listed from. */
  readonly domainId: string
  /** The real enrollment job, with the status it ended with (absent when skipped). */
  readonly enrollmentJob: { readonly JobId: string; readonly JobStatus: string } | undefined
  /** Jobs seeded per status (absent when the endpoint is not an emulator). */
  readonly seeded: Readonly<Record<string, number>> | undefined
  /** Jobs listed per status. */
  readonly listed: Readonly<Record<string, number>>
  /** Jobs listed in all. */
  readonly total: number
  /** List requests that returned a page (retries not counted). */
  readonly pages: number
  /** `MaxResults` of each list request. */
  readonly pageSize: number
  /** Retries the client made while listing (each page's `$metadata.attempts` minus one, summed). */
  readonly retries: number
  /** What the emulator says it did to the list requests (absent when the endpoint is not an emulator). */
  readonly faults: { readonly requests: number; readonly throttled: number } | undefined
  /** Whether every job listed is one the demo seeded or started, and each was listed once. */
  readonly consistent: boolean | undefined
  /** From the start of the demo (the emulator's start included) to the end of the listing. */
  readonly elapsedMillis: number
  /** Steps skipped, and why. */
  readonly notes: ReadonlyArray<string>
}

/**
 * A step of the demo that is not a Voice ID call failed (a control route, the manifest files).
 *
 * @category errors
 * @since 0.1.0
 */
export class DemoError extends Schema.TaggedError<DemoError>()("DemoError", {
  message: Schema.String
}) {}

const log = (line: string) => Effect.sync(() => void process.stderr.write(`${line}\n`))

const SeedAnswer = Schema.Struct({
  domainId: Schema.String,
  statuses: Schema.Record({ key: Schema.String, value: Schema.Number })
})

const FaultsAnswer = Schema.Struct({
  config: Schema.optional(Schema.Unknown),
  stats: Schema.Record({
    key: Schema.String,
    value: Schema.Struct({ requests: Schema.Number, throttled: Schema.Number })
  })
})

/** The emulator's control routes at an endpoint, if it is an emulator. */
const controlRoutes = (endpoint: string) =>
  Effect.gen(function* () {
    const http = yield* HttpClient.HttpClient
    const base = new URL("__emulator/", endpoint.endsWith("/") ? endpoint : `${endpoint}/`)
    const call = <A, I>(method: "GET" | "POST" | "PUT", route: string, schema: Schema.Schema<A, I>, body?: unknown) =>
      Effect.gen(function* () {
        let request = HttpClientRequest.make(method)(new URL(route, base))
        if (body !== undefined) request = HttpClientRequest.bodyUnsafeJson(request, body)
        const response = yield* http.execute(request)
        const json = yield* response.json
        if (response.status !== 200) {
          const message = (json as { readonly message?: unknown } | null)?.message
          return yield* Effect.fail(
            new DemoError({ message: `${method} ${route}: HTTP ${response.status} ${String(message ?? "")}` })
          )
        }
        return yield* Schema.decodeUnknown(schema)(json)
      }).pipe(
        Effect.scoped,
        Effect.catchTags({
          RequestError: (e) => Effect.fail(new DemoError({ message: `${method} ${route}: ${e.message}` })),
          ResponseError: (e) => Effect.fail(new DemoError({ message: `${method} ${route}: ${e.message}` })),
          ParseError: (e) =>
            Effect.fail(new DemoError({ message: `${method} ${route}: unexpected answer: ${e.message}` }))
        })
      )
    const healthy = yield* call("GET", "health", Schema.Struct({ status: Schema.Literal("ok") })).pipe(
      Effect.timeout("3 seconds"),
      Effect.option
    )
    if (Option.isNone(healthy)) return undefined
    return {
      seed: (request: {
        readonly region: string
        readonly domainId: string
        readonly count: number
        readonly statuses: Record<string, number>
      }) => call("POST", "seed", SeedAnswer, request),
      setFaults: (config: unknown) => Effect.asVoid(call("PUT", "faults", Schema.Unknown, config)),
      faultStats: call("GET", "faults", FaultsAnswer)
    }
  })

/** Writes the recordings and the manifest of a speaker enrollment job under `<dataDir>/<bucket>/<prefix>/`. */
const writeManifest = (dataDir: string, bucket: string, prefix: string, speakers: number) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const folder = path.join(dataDir, bucket, prefix)
    yield* fs.makeDirectory(path.join(folder, "audio"), { recursive: true })
    const requests: Array<unknown> = []
    for (let i = 1; i <= speakers; i++) {
      const name = `speaker-${String(i).padStart(3, "0")}.wav`
      // The emulator hears a recording's bytes: distinct bytes are distinct voices.
      yield* fs.writeFileString(path.join(folder, "audio", name), `demo recording of speaker ${i} (${prefix})`)
      requests.push({
        RequestId: `request-${i}`,
        SpeakerId: `demo-speaker-${String(i).padStart(3, "0")}`,
        AudioSpecifications: [{ S3Uri: `s3://${bucket}/${prefix}/audio/${name}`, ChannelId: 0 }]
      })
    }
    yield* fs.writeFileString(
      path.join(folder, "manifest.json"),
      JSON.stringify({ Version: "1.0", SpeakerEnrollmentRequests: requests })
    )
    return `s3://${bucket}/${prefix}/manifest.json`
  }).pipe(Effect.mapError((e) => new DemoError({ message: `Could not write the manifest: ${e.message}` })))

const listingLine = (pages: number, total: number, retries: number) =>
  `  page ${pages}: ${total} jobs listed, ${retries} ${retries === 1 ? "retry" : "retries"} absorbed`

const seedWeights = { SUBMITTED: 10, IN_PROGRESS: 10, COMPLETED: 60, COMPLETED_WITH_ERRORS: 10, FAILED: 10 }

/** The demo against the endpoint of the `VoiceId` service in context. */
const tour = (options: Options, embedded: boolean, dataDir: string | undefined, startedAt: number) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    const endpoint = voiceId.client.endpoint
    const jobs = options.jobs ?? 3000
    const pageSize = options.pageSize ?? 100
    const throttleRate = options.throttleRate ?? 0.03
    const notes: Array<string> = []
    yield* log(
      `Voice ID demo against ${embedded ? "an emulator started in this process" : "the endpoint"} at ${endpoint}`
    )

    const control = yield* controlRoutes(endpoint)
    if (control === undefined) notes.push("the endpoint is not an emulator: no jobs seeded, no faults injected")

    // 1. The domain
    let domainId: string
    if (options.domainId !== undefined) {
      domainId = options.domainId
      yield* voiceId.describeDomain({ DomainId: domainId })
      yield* log(`  using domain ${domainId}`)
    } else {
      const created = yield* voiceId.createDomain({
        Name: `voiceid-demo-${startedAt.toString(36)}`,
        Description: "Created by the effect-voiceid demo",
        ServerSideEncryptionConfiguration: { KmsKeyId: "alias/voiceid-demo" }
      })
      domainId = created.Domain?.DomainId ?? ""
      yield* log(`  created domain ${domainId}`)
      if (!embedded) {
        yield* Effect.addFinalizer(() =>
          voiceId.deleteDomain({ DomainId: domainId }).pipe(
            Effect.zipRight(log(`  deleted domain ${domainId}`)),
            Effect.catchAll((e) => log(`  could not delete domain ${domainId}: ${e._tag}`))
          )
        )
      }
    }

    // 2. A real enrollment job from a generated manifest
    let jobId: string | undefined
    if (dataDir !== undefined) {
      const speakers = options.speakers ?? 40
      const manifest = yield* writeManifest(dataDir, "voiceid-demo", domainId, speakers)
      yield* log(`  wrote a manifest of ${speakers} speakers: ${manifest}`)
      const started = yield* voiceId.startSpeakerEnrollmentJob({
        DomainId: domainId,
        JobName: "demo-enrollment",
        DataAccessRoleArn: "arn:aws:iam::000000000000:role/VoiceIdDemoAccess",
        InputDataConfig: { S3Uri: manifest },
        OutputDataConfig: { S3Uri: `s3://voiceid-demo/${domainId}/output/` }
      })
      jobId = started.Job?.JobId
      yield* log(`  started enrollment job ${jobId ?? "?"}`)
    } else {
      notes.push("no data folder for the manifest (--data-dir): no enrollment job started")
    }

    // 3. Thousands of jobs in every status
    let seeded: Record<string, number> | undefined
    if (control !== undefined) {
      const answer = yield* control.seed({
        region: voiceId.client.region,
        domainId,
        count: jobs,
        statuses: seedWeights
      })
      seeded = { ...answer.statuses }
      yield* log(`  seeded ${jobs} jobs: ${statuses.map((s) => `${s} ${seeded?.[s] ?? 0}`).join(", ")}`)
    }

    // 4. Follow the real job to its end
    let enrollmentJob: Summary["enrollmentJob"]
    if (jobId !== undefined) {
      const progress = Progress.make()
      const JobId = jobId
      let status = "SUBMITTED"
      const watch = voiceId.watchSpeakerEnrollmentJob(
        { DomainId: domainId, JobId },
        { schedule: Schedule.spaced(embedded ? "100 millis" : "1 second").pipe(Schedule.upTo("2 minutes")) }
      )
      yield* Stream.runForEach(watch, (job) => {
        status = job.JobStatus ?? status
        const percent = job.JobProgress?.PercentComplete ?? 0
        return progress.update(
          progress.interactive
            ? `  job ${JobId} ${Progress.bar(percent)} ${status}`
            : `  job ${JobId}: ${status} ${percent}%`
        )
      }).pipe(
        Effect.ensuring(progress.done),
        Effect.catchTag("JobFailedError", (e) => log(`  the job failed: ${e.message}`))
      )
      enrollmentJob = { JobId, JobStatus: status }
    }

    // 5. Light throttling; the emulator's own fault settings are put back at the end
    const listStats =
      control === undefined
        ? Effect.succeed(undefined)
        : Effect.map(control.faultStats, (f) => f.stats.ListSpeakerEnrollmentJobs)
    if (control !== undefined && throttleRate > 0) {
      const previous = (yield* control.faultStats).config
      // A fixed seed: the same requests are throttled on every run (three of the first 34 at the default rate).
      yield* control.setFaults({ seed: 19, all: { throttle: throttleRate } })
      yield* Effect.addFinalizer(() => Effect.ignore(control.setFaults(previous ?? {})))
      yield* log(`  throttling ${Math.round(throttleRate * 1000) / 10}% of requests`)
    }
    // Read after the faults are set, in case setting them restarts the counters.
    const statsBefore = yield* listStats

    // 6. Every job, lazily, page by page
    yield* log(`  listing the domain's jobs, ${pageSize} per page`)
    const listed: Record<string, number> = {}
    let total = 0
    let pages = 0
    let retries = 0
    const progress = Progress.make()
    yield* Stream.runForEach(voiceId.listSpeakerEnrollmentJobsPages({ DomainId: domainId }, { pageSize }), (page) => {
      pages++
      retries += Math.max(0, (page.output.$metadata.attempts ?? 1) - 1)
      for (const job of page.items) {
        const status = job.JobStatus ?? "UNKNOWN"
        listed[status] = (listed[status] ?? 0) + 1
      }
      total += page.items.length
      // In a log, a line every ten pages is enough; a terminal redraws its line at every page.
      return progress.interactive || pages % 10 === 0
        ? progress.update(listingLine(pages, total, retries))
        : Effect.void
    }).pipe(
      Effect.zipRight(Effect.suspend(() => progress.update(listingLine(pages, total, retries)))),
      Effect.ensuring(progress.done)
    )

    // 7. What the emulator did to the list requests
    let faults: Summary["faults"]
    const statsAfter = yield* listStats
    if (statsAfter !== undefined) {
      // The counters cover the emulator's whole life: what this listing did is the difference.
      faults = {
        requests: statsAfter.requests - (statsBefore?.requests ?? 0),
        throttled: statsAfter.throttled - (statsBefore?.throttled ?? 0)
      }
    }

    let consistent: boolean | undefined
    if (seeded !== undefined && options.domainId === undefined) {
      const expected = { ...seeded }
      if (enrollmentJob !== undefined) expected[enrollmentJob.JobStatus] = (expected[enrollmentJob.JobStatus] ?? 0) + 1
      const keys = new Set([...Object.keys(expected), ...Object.keys(listed)])
      consistent = [...keys].every((k) => (expected[k] ?? 0) === (listed[k] ?? 0))
    }

    const finishedAt = yield* Clock.currentTimeMillis
    const summary: Summary = {
      endpoint,
      embedded,
      domainId,
      enrollmentJob,
      seeded,
      listed,
      total,
      pages,
      pageSize,
      retries,
      faults,
      consistent,
      elapsedMillis: finishedAt - startedAt,
      notes
    }
    return summary
  }).pipe(Effect.scoped)

/**
 * Runs the demo. Without an endpoint (`client.endpoint`, `AWS_ENDPOINT_URL_VOICE_ID`, `AWS_ENDPOINT_URL`) it starts
 * an emulator in the process and talks to it; otherwise it talks to that endpoint with the credentials and region
 * of the environment or profile.
 *
 * @category running
 * @since 0.1.0
 */
export const run = (options: Options = {}) =>
  Effect.gen(function* () {
    const startedAt = yield* Clock.currentTimeMillis
    const client = options.client ?? {}
    const fromEnvironment = yield* Config.option(
      Config.orElse(Config.nonEmptyString("AWS_ENDPOINT_URL_VOICE_ID"), () => Config.nonEmptyString("AWS_ENDPOINT_URL"))
    ).pipe(Effect.orElseSucceed(() => Option.none<string>()))
    if (client.endpoint !== undefined || Option.isSome(fromEnvironment)) {
      return yield* tour(options, false, options.dataDir, startedAt).pipe(Effect.provide(VoiceIdNode.layer(client)))
    }
    // Loaded only here: the server is not needed against another endpoint.
    const { Emulator } = yield* Effect.promise(() => import("@effect-voiceid/emulator"))
    const emulator = yield* Emulator.make({ seed: 7 }).pipe(
      Effect.mapError((e) => new DemoError({ message: `The emulator could not start: ${e.message}` }))
    )
    const layer = VoiceIdNode.layer({
      region: emulator.region,
      endpoint: emulator.url,
      credentials: {
        accessKeyId: emulator.credentials.accessKeyId,
        secretAccessKey: emulator.credentials.secretAccessKey
      },
      // Throttling is on: a little more patience than the default 3 attempts.
      maxAttempts: client.maxAttempts ?? 5
    })
    return yield* tour(options, true, emulator.dataDir, startedAt).pipe(Effect.provide(layer))
  }).pipe(Effect.scoped, Effect.provide(VoiceIdNode.layerHttpClient))

const count = (n: number | undefined): string => (n === undefined ? "-" : n.toLocaleString("en-US"))

/**
 * The summary as text: jobs per status (seeded, listed), pages, retries, elapsed time.
 *
 * @category rendering
 * @since 0.1.0
 */
export const render = (summary: Summary): string => {
  const real = summary.enrollmentJob
  const known = new Set<string>(statuses)
  const rows = [...statuses, ...Object.keys(summary.listed).filter((s) => !known.has(s))].map((status) => [
    status,
    count(summary.seeded === undefined ? undefined : (summary.seeded[status] ?? 0)),
    count(summary.listed[status] ?? 0),
    real?.JobStatus === status ? "+1: the enrollment job" : ""
  ])
  const seededTotal =
    summary.seeded === undefined ? undefined : Object.values(summary.seeded).reduce((a, b) => a + b, 0)
  rows.push(["Total", count(seededTotal), count(summary.total), real === undefined ? "" : "+1"])
  const table = Output.table(["Status", "Seeded", "Listed", ""], rows, ["left", "right", "right", "left"])
  const throttled =
    summary.faults === undefined
      ? ""
      : ` (the emulator throttled ${summary.faults.throttled} of ${summary.faults.requests} list requests)`
  const lines = [
    "",
    `Speaker enrollment jobs of domain ${summary.domainId}`,
    "",
    table.trimEnd(),
    "",
    `Pages:             ${summary.pages} (${summary.pageSize} jobs per page)`,
    `Retries absorbed:  ${summary.retries}${throttled}`,
    `Elapsed:           ${(summary.elapsedMillis / 1000).toFixed(1)} s`
  ]
  if (real !== undefined) lines.push(`Enrollment job:    ${real.JobId} ${real.JobStatus}`)
  for (const note of summary.notes) lines.push(`Note: ${note}`)
  if (summary.consistent === true) lines.push("", "Every job was listed exactly once.")
  if (summary.consistent === false) lines.push("", "MISMATCH: the jobs listed differ from the jobs seeded and started.")
  return `${lines.join("\n")}\n`
}
