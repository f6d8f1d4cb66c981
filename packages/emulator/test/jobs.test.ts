import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { localPath, outputUri, parseManifest } from "../src/Jobs.js"
import { enrollmentManifest, putObject, roleArn, signedRequest } from "./support.js"

interface Job {
  readonly JobId: string
  readonly JobStatus: string
  readonly JobProgress?: { readonly PercentComplete?: number }
  readonly FailureDetails?: { readonly StatusCode?: number; readonly Message?: string }
}

const setup = (options: Emulator.EmulatorOptions = {}) =>
  Effect.gen(function* () {
    const emulator = yield* Emulator.make(options)
    const created = yield* signedRequest(
      emulator,
      "VoiceID.CreateDomain",
      JSON.stringify({ Name: "jobs", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })
    )
    const domain = created.json!.Domain as { DomainId: string; WatchlistDetails: { DefaultWatchlistId: string } }
    const start = (
      manifest: string,
      extra: Record<string, unknown> = {},
      target = "VoiceID.StartSpeakerEnrollmentJob"
    ) =>
      Effect.map(
        signedRequest(
          emulator,
          target,
          JSON.stringify({
            DomainId: domain.DomainId,
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: manifest },
            OutputDataConfig: { S3Uri: "s3://results/out" },
            ...extra
          })
        ),
        (answer) => ({ status: answer.status, json: answer.json, job: answer.json?.Job as Job })
      )
    const describeJob = (jobId: string, target = "VoiceID.DescribeSpeakerEnrollmentJob") =>
      Effect.map(
        Effect.flatMap(emulator.now, (signingDate) =>
          signedRequest(emulator, target, JSON.stringify({ DomainId: domain.DomainId, JobId: jobId }), { signingDate })
        ),
        (answer) => answer.json!.Job as Job
      )
    const output = (job: Job, manifest: string) => {
      const located = localPath(
        emulator.dataDir,
        outputUri({ id: job.JobId, inputS3Uri: manifest, outputS3Uri: "s3://results/out" })
      )
      if ("error" in located) throw new Error(located.error)
      return JSON.parse(readFileSync(located.path, "utf8"))
    }
    return { emulator, domain, start, describeJob, output }
  })

describe("jobs", () => {
  it.scopedLive("advance on the emulator clock, PercentComplete rising, to COMPLETED", () =>
    Effect.gen(function* () {
      // One request per second of emulator time: progress is set by advancing the clock, not by waiting.
      const { emulator, start, describeJob, output } = yield* setup({
        jobRequestsPerSecond: 1,
        jobStartDelay: "1 second",
        freezeClock: true
      })
      const speakers = Array.from({ length: 10 }, (_, i) => ({
        requestId: `r${i}`,
        speakerId: `c${i}`,
        audio: `s3://audio/c${i}.wav`
      }))
      enrollmentManifest(emulator.dataDir, "s3://manifests/ten.json", speakers)
      const { job } = yield* start("s3://manifests/ten.json")
      expect(job.JobStatus).toBe("SUBMITTED")
      expect(job.JobProgress?.PercentComplete).toBe(0)
      const seen: Array<[string, number]> = []
      for (let i = 0; i < 6; i++) {
        yield* emulator.advanceClock("2 seconds")
        const now = yield* describeJob(job.JobId)
        seen.push([now.JobStatus, now.JobProgress?.PercentComplete ?? -1])
      }
      expect(seen).toEqual([
        ["IN_PROGRESS", 10],
        ["IN_PROGRESS", 30],
        ["IN_PROGRESS", 50],
        ["IN_PROGRESS", 70],
        ["IN_PROGRESS", 90],
        ["COMPLETED", 100]
      ])
      expect(output(job, "s3://manifests/ten.json").SuccessfulEnrollments).toHaveLength(10)
    })
  )

  it.scopedLive("fail with FailureDetails when the manifest is missing or invalid", () =>
    Effect.gen(function* () {
      const { emulator, start, describeJob } = yield* setup({ quotas: { activeSpeakerEnrollmentJobsPerDomain: 10 } })
      putObject(emulator.dataDir, "s3://manifests/not-json.json", "{ nope")
      putObject(
        emulator.dataDir,
        "s3://manifests/version.json",
        JSON.stringify({ Version: "2.0", SpeakerEnrollmentRequests: [] })
      )
      putObject(emulator.dataDir, "s3://manifests/no-list.json", JSON.stringify({ Version: "1.0" }))
      const jobs = [
        (yield* start("s3://manifests/absent.json")).job,
        (yield* start("s3://manifests/not-json.json")).job,
        (yield* start("s3://manifests/version.json")).job,
        (yield* start("s3://manifests/no-list.json")).job
      ]
      yield* emulator.advanceClock("1 second")
      const described = yield* Effect.forEach(jobs, (j) => describeJob(j.JobId))
      for (const job of described) {
        expect(job.JobStatus).toBe("FAILED")
        expect(job.FailureDetails?.StatusCode).toBe(400)
      }
      expect(described.map((j) => j.FailureDetails?.Message)).toEqual([
        expect.stringContaining("could not be read"),
        expect.stringContaining("cannot be parsed"),
        expect.stringContaining("Version '1.0'"),
        expect.stringContaining("SpeakerEnrollmentRequests")
      ])
    })
  )

  it.scopedLive("record per-request errors in the output and end COMPLETED_WITH_ERRORS", () =>
    Effect.gen(function* () {
      const { emulator, domain, start, describeJob, output } = yield* setup({
        quotas: { activeSpeakerEnrollmentJobsPerDomain: 10 }
      })
      enrollmentManifest(emulator.dataDir, "s3://manifests/first.json", [
        { requestId: "1", speakerId: "alice", audio: "s3://audio/alice.wav" },
        { requestId: "2", speakerId: "bob", audio: "s3://audio/bob.wav" }
      ])
      const first = (yield* start("s3://manifests/first.json")).job
      yield* emulator.advanceClock("1 second")
      expect((yield* describeJob(first.JobId)).JobStatus).toBe("COMPLETED")
      yield* signedRequest(
        emulator,
        "VoiceID.OptOutSpeaker",
        JSON.stringify({ DomainId: domain.DomainId, SpeakerId: "bob" })
      )
      putObject(emulator.dataDir, "s3://audio/empty.wav", "")
      putObject(
        emulator.dataDir,
        "s3://manifests/second.json",
        JSON.stringify({
          Version: "1.0",
          SpeakerEnrollmentRequests: [
            {
              RequestId: "a",
              SpeakerId: "alice",
              AudioSpecifications: [{ S3Uri: "s3://audio/alice.wav", ChannelId: 0 }]
            },
            { RequestId: "b", SpeakerId: "bob", AudioSpecifications: [{ S3Uri: "s3://audio/bob.wav", ChannelId: 0 }] },
            {
              RequestId: "c",
              SpeakerId: "carol",
              AudioSpecifications: [{ S3Uri: "s3://audio/empty.wav", ChannelId: 0 }]
            },
            {
              RequestId: "d",
              SpeakerId: "id#aaaaaaaaaaaaaaaaaaaaaa",
              AudioSpecifications: [{ S3Uri: "s3://audio/alice.wav", ChannelId: 0 }]
            },
            {
              RequestId: "e",
              SpeakerId: "dave",
              AudioSpecifications: [{ S3Uri: "s3://audio/alice.wav", ChannelId: 2 }]
            },
            { RequestId: "f", SpeakerId: "erin", AudioSpecifications: [] }
          ]
        })
      )
      const second = (yield* start("s3://manifests/second.json")).job
      yield* emulator.advanceClock("1 second")
      expect((yield* describeJob(second.JobId)).JobStatus).toBe("COMPLETED_WITH_ERRORS")
      const result = output(second, "s3://manifests/second.json")
      expect(result.SuccessfulEnrollments).toEqual([
        expect.objectContaining({ RequestId: "a", CustomerSpeakerId: "alice", EnrollmentStatus: "DUPLICATE_SKIPPED" })
      ])
      expect(result.Errors.map((e: { RequestId: string; ErrorCode: number }) => [e.RequestId, e.ErrorCode])).toEqual([
        ["b", 409],
        ["c", 400],
        ["d", 400],
        ["e", 400],
        ["f", 400]
      ])

      // OVERWRITE re-enrolls an enrolled speaker.
      const third = (yield* start("s3://manifests/first.json", {
        EnrollmentConfig: { ExistingEnrollmentAction: "OVERWRITE" }
      })).job
      yield* emulator.advanceClock("1 second")
      expect(output(third, "s3://manifests/first.json").SuccessfulEnrollments[0].EnrollmentStatus).toBe(
        "ENROLLMENT_OVERWRITE"
      )
    })
  )

  it.scopedLive("refuse a speaker whose voice is a known fraudster's, unless told to ignore it", () =>
    Effect.gen(function* () {
      const { emulator, start, describeJob, output } = yield* setup({
        quotas: { activeSpeakerEnrollmentJobsPerDomain: 10, activeFraudsterRegistrationJobsPerDomain: 10 }
      })
      putObject(emulator.dataDir, "s3://audio/crook.wav", "the crook's voice")
      putObject(
        emulator.dataDir,
        "s3://manifests/fraud.json",
        JSON.stringify({
          Version: "1.0",
          FraudsterRegistrationRequests: [
            { RequestId: "x", AudioSpecifications: [{ S3Uri: "s3://audio/crook.wav", ChannelId: 0 }] }
          ]
        })
      )
      const registration = (yield* start("s3://manifests/fraud.json", {}, "VoiceID.StartFraudsterRegistrationJob")).job
      yield* emulator.advanceClock("1 second")
      expect((yield* describeJob(registration.JobId, "VoiceID.DescribeFraudsterRegistrationJob")).JobStatus).toBe(
        "COMPLETED"
      )
      putObject(
        emulator.dataDir,
        "s3://manifests/enroll.json",
        JSON.stringify({
          Version: "1.0",
          SpeakerEnrollmentRequests: [
            {
              RequestId: "1",
              SpeakerId: "mallory",
              AudioSpecifications: [{ S3Uri: "s3://audio/crook.wav", ChannelId: 0 }]
            }
          ]
        })
      )
      const checked = (yield* start("s3://manifests/enroll.json")).job
      yield* emulator.advanceClock("1 second")
      expect(output(checked, "s3://manifests/enroll.json").Errors[0]).toMatchObject({ ErrorCode: 400 })
      const ignored = (yield* start("s3://manifests/enroll.json", {
        EnrollmentConfig: { FraudDetectionConfig: { FraudDetectionAction: "IGNORE" } }
      })).job
      yield* emulator.advanceClock("1 second")
      expect(output(ignored, "s3://manifests/enroll.json").SuccessfulEnrollments[0].EnrollmentStatus).toBe(
        "NEW_ENROLLMENT"
      )
    })
  )

  it.scopedLive("enforce the active job quota and check the watchlists they name", () =>
    Effect.gen(function* () {
      const { emulator, start } = yield* setup()
      enrollmentManifest(emulator.dataDir, "s3://manifests/one.json", [
        { requestId: "1", speakerId: "a", audio: "s3://audio/a.wav" }
      ])
      expect((yield* start("s3://manifests/one.json")).status).toBe(200)
      const second = yield* start("s3://manifests/one.json")
      expect([second.status, second.json?.__type]).toEqual([402, "com.amazonaws.voiceid#ServiceQuotaExceededException"])
      yield* emulator.advanceClock("1 second")
      expect((yield* start("s3://manifests/one.json")).status).toBe(200)
      yield* emulator.advanceClock("1 second")
      const unknownWatchlist = yield* start("s3://manifests/one.json", {
        EnrollmentConfig: { FraudDetectionConfig: { WatchlistIds: ["w".repeat(22)] } }
      })
      expect([unknownWatchlist.status, unknownWatchlist.json?.ResourceType]).toEqual([404, "WATCHLIST"])
    })
  )

  it("parse the documented manifest formats", () => {
    expect(
      parseManifest("speaker", JSON.stringify({ Version: "1.0", SpeakerEnrollmentRequests: [{}, {}] }), 10)
    ).toEqual({
      requests: [{}, {}]
    })
    expect(
      parseManifest("fraudster", JSON.stringify({ Version: "1.0", FraudsterRegistrationRequests: [{}, {}, {}] }), 2)
    ).toEqual({ failure: expect.stringContaining("at most 2") })
    expect(
      parseManifest(
        "speaker",
        JSON.stringify({ Version: "1.0", SpeakerEnrollmentRequests: [{ RequestId: "1" }, { RequestId: "1" }] }),
        10
      )
    ).toEqual({ failure: expect.stringContaining("more than once") })
    expect(outputUri({ id: "J", inputS3Uri: "s3://b1/in/manifest.json", outputS3Uri: "s3://b2/out/" })).toBe(
      "s3://b2/out/J/manifest.json.out"
    )
    expect(localPath("/data", "s3://bucket/../../etc/passwd")).toEqual({ error: expect.stringContaining("leaves") })
  })
})
