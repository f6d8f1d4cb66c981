import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { beforeEach, describe, expect, it, layer } from "@effect/vitest"
import { Emulator } from "@effect-voiceid/emulator"
import { Effect } from "effect"
import * as AwsSdk from "../aws-sdk.js"
import * as CheckpointResume from "../checkpoint-resume.js"
import * as CustomRetry from "../custom-retry.js"
import worker, { type Env } from "../edge-worker/worker.js"
import * as FanOut from "../fan-out.js"
import * as StreamJobs from "../stream-jobs.js"
import * as TypedErrors from "../typed-errors.js"
import * as WatchJob from "../watch-job.js"
import { captureConsole, nonZero, seedDomain, useEmulatorEnvironment } from "./support.js"

// Each example's main, run in this process against an emulator started here (given with --endpoint, as a user
// would), and once more with no endpoint, so that it starts and prepares its own. One file: every example loads
// the same packages, and loading them is most of the cost of a test file.

beforeEach(useEmulatorEnvironment)

describe("stream-jobs", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("counts every job of the domain it is given, per status", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 250, statuses: { COMPLETED: 3, FAILED: 1, SUBMITTED: 1 } })
        const output = captureConsole()
        const result = yield* StreamJobs.main(["--endpoint", url, "--domain-id", seeded.domainId, "--page-size", "40"])
        expect(result.total).toBe(250)
        expect(result.byStatus).toEqual(nonZero(seeded.statuses))
        expect(output.out[0]).toBe(`250 speaker enrollment jobs in domain ${seeded.domainId}`)
        const printed = output.out.slice(1).map((line) => line.trim().split(/\s+/))
        expect(Object.fromEntries(printed.map(([status, count]) => [status, Number(count)]))).toEqual(result.byStatus)
        // It used the endpoint it was given and started nothing.
        expect(output.err).toEqual([])
      })
    )

    it.effect("needs a domain when it is given an endpoint, and checks its numbers", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const missing = yield* Effect.flip(StreamJobs.main(["--endpoint", url]))
        expect(missing).toMatchObject({
          _tag: "UsageError",
          message: "--domain-id is required when an endpoint is given"
        })
        const badSize = yield* Effect.flip(StreamJobs.main(["--endpoint", url, "--domain-id", "x", "--page-size", "0"]))
        expect(badSize).toMatchObject({ _tag: "UsageError" })
        const unknown = yield* Effect.flip(StreamJobs.main(["--bogus"]))
        expect(unknown).toMatchObject({ _tag: "UsageError" })
      })
    )

    it.effect("fails with the typed error of a domain that does not exist", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const error = yield* Effect.flip(StreamJobs.main(["--endpoint", url, "--domain-id", "0000000000000000000000"]))
        expect(error).toMatchObject({ _tag: "ResourceNotFoundException", ResourceType: "DOMAIN" })
      })
    )
  })

  it.live("starts and seeds its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      const output = captureConsole()
      const result = yield* StreamJobs.main([])
      expect(result.total).toBe(1234)
      expect(output.err[0]).toMatch(/^Started a Voice ID emulator at http:\/\/127\.0\.0\.1:\d+ /)
      expect(output.out[0]).toMatch(/^1234 speaker enrollment jobs in domain \w{22}$/)
    })
  )
})

describe("checkpoint-resume", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("stops after --max-items, prints the checkpoint, and resumes exactly after it", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 200, statuses: { FAILED: 1, COMPLETED: 1 } })
        const failed = seeded.statuses.FAILED
        expect(failed).toBe(100)
        const common = ["--endpoint", url, "--domain-id", seeded.domainId, "--status", "FAILED", "--page-size", "8"]
        const output = captureConsole()

        // One process: both sittings, checked against an uninterrupted read.
        const both = yield* CheckpointResume.main([...common, "--max-items", "13"])
        expect(both).toMatchObject({ first: 13, rest: failed - 13, total: failed, repeated: 0, missed: 0 })
        expect(both.resumeToken).toBeTypeOf("string")
        expect(output.out).toContain(`checkpoint: ${both.resumeToken}`)
        expect(output.out).toContain(`13 + ${failed - 13} = ${failed} FAILED jobs; read twice: 0, missed: 0`)

        // Another process, given the printed token: the same rest.
        const later = yield* CheckpointResume.main([...common, "--starting-token", both.resumeToken ?? ""])
        expect(later.rest).toBe(failed - 13)
        expect(output.out.at(-1)).toBe(`second sitting: ${failed - 13} more FAILED jobs from the checkpoint`)
      })
    )

    it.effect("gives no checkpoint when the first sitting reads everything", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 12, statuses: { COMPLETED: 1 } })
        captureConsole()
        const result = yield* CheckpointResume.main([
          "--endpoint",
          url,
          "--domain-id",
          seeded.domainId,
          "--max-items",
          "50"
        ])
        expect(result).toMatchObject({ first: 12, resumeToken: undefined, rest: 0, total: 12 })
      })
    )

    it.effect("refuses a status the model does not have", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(CheckpointResume.main(["--status", "DONE"]))
        expect(error).toMatchObject({ _tag: "UsageError" })
      })
    )
  })

  it.live("runs both sittings on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      // 300 seeded jobs, 70 % of them COMPLETED.
      const result = yield* CheckpointResume.main([])
      expect(result).toMatchObject({ first: 25, rest: 185, total: 210, repeated: 0, missed: 0 })
    })
  )
})

const percents = (seen: ReadonlyArray<string>) => seen.map((line) => Number(line.split(" ")[1]))

describe("watch-job", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("starts a job, watches it to the end, and the job did its work", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const { domainId } = yield* seedDomain({ count: 0 })
        const manifest = yield* WatchJob.writeSampleManifest(emulator.dataDir, "watch-test", 30)
        const output = captureConsole()
        const result = yield* WatchJob.main([
          "--endpoint",
          emulator.url,
          "--domain-id",
          domainId,
          "--manifest",
          manifest,
          "--output",
          "s3://watch-test/out/",
          "--role-arn",
          "arn:aws:iam::000000000000:role/Test"
        ])
        expect(result.status).toBe("COMPLETED")
        expect(result.seen.at(-1)).toBe("COMPLETED 100")
        // Progress only goes forward, and each element is a change.
        const progress = percents(result.seen)
        expect(progress).toEqual([...progress].sort((a, b) => a - b))
        expect(new Set(result.seen).size).toBe(result.seen.length)
        expect(output.out[0]).toBe(`started job ${result.jobId}`)
        expect(output.out.at(-1)).toBe(`job ${result.jobId} ended COMPLETED; output in s3://watch-test/out/`)
        // The job enrolled every speaker of the manifest.
        const written = JSON.parse(
          yield* Effect.promise(() =>
            readFile(join(emulator.dataDir, "watch-test", "out", result.jobId, "manifest.json.out"), "utf8")
          )
        )
        expect(written.SuccessfulEnrollments).toHaveLength(30)
        expect(written.Errors).toEqual([])
      })
    )

    it.effect("reports a failed job through the waiter's typed JobFailedError", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const { domainId } = yield* seedDomain({ count: 0 })
        const output = captureConsole()
        const result = yield* WatchJob.main([
          "--endpoint",
          emulator.url,
          "--domain-id",
          domainId,
          "--manifest",
          "s3://watch-test/no-such-manifest.json",
          "--output",
          "s3://watch-test/out/",
          "--role-arn",
          "arn:aws:iam::000000000000:role/Test"
        ])
        expect(result.status).toBe("FAILED")
        expect(result.seen.at(-1)).toMatch(/^FAILED /)
        expect(result.failure).toBeTypeOf("string")
        expect(output.out.at(-1)).toBe(`job ${result.jobId} failed: ${result.failure}`)
      })
    )

    it.effect("needs the manifest, output and role when it is given an endpoint", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const error = yield* Effect.flip(WatchJob.main(["--endpoint", url, "--domain-id", "x"]))
        expect(error).toMatchObject({ _tag: "UsageError", message: "--manifest is required when an endpoint is given" })
      })
    )
  })

  it.live("enrolls a sample manifest on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      const result = yield* WatchJob.main([])
      expect(result.status).toBe("COMPLETED")
      expect(result.seen.at(-1)).toBe("COMPLETED 100")
    })
  )
})

const expectedOutcomes = [
  "ResourceNotFoundException (DOMAIN): ",
  "RequestValidationError, nothing sent: MaxResults",
  "ValidationException (HTTP 400): ",
  "succeeded",
  "ConflictException (DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES): ",
  "ThrottlingException after 1 attempt(s)",
  "TransportError ("
]

describe("typed-errors", () => {
  layer(Emulator.layer({ encryptionUpdateTime: "1 hour" }), { excludeTestServices: true })((it) => {
    it.effect("meets each failure as a typed value, and deletes its scratch domain", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        yield* emulator.setFaults({ operations: { ListSpeakers: { throttle: 1 } } })
        const output = captureConsole()
        const outcomes = yield* TypedErrors.main(["--endpoint", emulator.url])
        expect(outcomes).toHaveLength(expectedOutcomes.length)
        for (const [i, { outcome }] of outcomes.entries())
          expect(outcome.startsWith(expectedOutcomes[i] ?? "?"), outcome).toBe(true)
        // Each scenario printed its line and its outcome.
        expect(output.out).toHaveLength(expectedOutcomes.length)
        expect(output.out[0]).toBe(`${outcomes[0]?.scenario}\n  -> ${outcomes[0]?.outcome}`)
        // The throttled call was sent once; the scratch domain is gone.
        expect((yield* emulator.faultStats).ListSpeakers).toMatchObject({ requests: 1, throttled: 1 })
        expect(JSON.stringify(yield* emulator.dump)).not.toContain("typed-errors-example")
      })
    )
  })

  it.live("provokes the same failures on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      const outcomes = yield* TypedErrors.main([])
      expect(outcomes.map(({ outcome }, i) => outcome.startsWith(expectedOutcomes[i] ?? "?"))).toEqual(
        expectedOutcomes.map(() => true)
      )
    })
  )
})

describe("custom-retry", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("absorbs every injected fault with its own schedule, one retry per fault", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const { domainId } = yield* seedDomain({ count: 1000 })
        yield* emulator.setFaults(CustomRetry.faults)
        const output = captureConsole()
        const result = yield* CustomRetry.main(["--endpoint", emulator.url, "--domain-id", domainId])
        expect(result.total).toBe(1000)
        const stats = (yield* emulator.faultStats).ListSpeakerEnrollmentJobs
        expect(result.retries).toEqual({
          throttling: stats?.throttled,
          "server-error": stats?.internalErrors,
          transient: stats?.dropped
        })
        // The seeded faults hit all three kinds.
        expect(Math.min(...Object.values(result.retries))).toBeGreaterThan(0)
        const failures = output.out.filter((line) => line.includes(" failed with "))
        expect(failures).toHaveLength(
          result.retries.throttling + result.retries["server-error"] + result.retries.transient
        )
        // 1000 jobs, 25 per page: 40 pages answered, plus one request per fault.
        expect(stats?.requests).toBe(40 + failures.length)
      })
    )
  })

  it.live("reads through the faults of its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      captureConsole()
      const result = yield* CustomRetry.main([])
      expect(result.total).toBe(1000)
      expect(result.retries.throttling).toBeGreaterThan(0)
    })
  )
})

describe("fan-out", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("reads the domains it is given, a bounded number at a time, in their order", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* Effect.forEach([120, 80, 200, 40, 160], (count, i) =>
          seedDomain({ count, domainName: `fan-out-test-${i}` })
        )
        captureConsole()
        const ids = seeded.flatMap((domain) => ["--domain-id", domain.domainId])
        const result = yield* FanOut.main(["--endpoint", url, ...ids, "--concurrency", "2"])
        expect(result.domains).toEqual(
          seeded.map((domain, i) => ({
            domainId: domain.domainId,
            name: `fan-out-test-${i}`,
            jobs: domain.count,
            failed: domain.statuses.FAILED
          }))
        )
        expect(result.peakConcurrency).toBeGreaterThanOrEqual(1)
        expect(result.peakConcurrency).toBeLessThanOrEqual(2)

        // Without --domain-id: every domain of the account.
        const all = yield* FanOut.main(["--endpoint", url, "--concurrency", "1"])
        expect(all.domains.map((domain) => domain.domainId).sort()).toEqual(seeded.map((d) => d.domainId).sort())
        expect(all.peakConcurrency).toBe(1)
      })
    )
  })

  it.live("reads six seeded domains on its own emulator when no endpoint is given", () =>
    Effect.gen(function* () {
      const output = captureConsole()
      const result = yield* FanOut.main([])
      expect(result.domains.map((domain) => domain.jobs)).toEqual([900, 750, 600, 450, 300, 150])
      expect(result.peakConcurrency).toBeLessThanOrEqual(3)
      expect(output.out.at(-1)).toBe(`6 domains, at most ${result.peakConcurrency} read at the same time`)
    })
  )
})

// The Worker's own handler, called in Node (which has fetch and WebCrypto like workerd). Its bundle is run on
// workerd itself by packages/edge/test/example-worker.test.ts.
describe("edge-worker", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    const call = (query: string) =>
      Effect.gen(function* () {
        const emulator = yield* Emulator.Emulator
        const env: Env = {
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_REGION: emulator.region,
          VOICEID_ENDPOINT: emulator.url
        }
        const response = yield* Effect.promise(() => worker.fetch(new Request(`http://worker.test/${query}`), env))
        return { status: response.status, body: yield* Effect.promise(() => response.json()) }
      })

    it.effect("answers the first page of a domain's jobs", () =>
      Effect.gen(function* () {
        const { domainId } = yield* seedDomain({ count: 150 })
        const { status, body } = yield* call(`?domain=${domainId}`)
        expect(status).toBe(200)
        expect(body).toHaveLength(100)
        expect(body[0]).toMatchObject({ DomainId: domainId })
      })
    )

    it.effect("answers each typed failure with its status", () =>
      Effect.gen(function* () {
        expect(yield* call("?domain=0000000000000000000000")).toMatchObject({
          status: 404,
          body: { error: "ResourceNotFoundException" }
        })
        expect(yield* call("?domain=x")).toMatchObject({ status: 400, body: { error: "RequestValidationError" } })
      })
    )
  })
})

describe("aws-sdk", () => {
  layer(Emulator.layer(), { excludeTestServices: true })((it) => {
    it.effect("the official SDK pages through the jobs and gets its own exception classes", () =>
      Effect.gen(function* () {
        const { url } = yield* Emulator.Emulator
        const seeded = yield* seedDomain({ count: 230, domainName: "sdk-test" })
        captureConsole()
        const result = yield* Effect.promise(() => AwsSdk.main(["--endpoint", url, "--domain-id", seeded.domainId]))
        expect(result).toMatchObject({
          domains: ["sdk-test"],
          jobs: 230,
          pages: 3,
          byStatus: nonZero(seeded.statuses),
          notFound: { name: "ResourceNotFoundException", httpStatusCode: 404 }
        })
        expect(result.notFound.requestId).toMatch(/^[0-9a-f-]{36}$/)
      })
    )
  })

  it("starts its own emulator with startEmulator when no endpoint is given", async () => {
    const output = captureConsole()
    const result = await AwsSdk.main([])
    expect(result).toMatchObject({ domains: ["aws-sdk-example"], jobs: 345, pages: 4 })
    expect(output.err[0]).toMatch(/^Started a Voice ID emulator at /)
  })
})
