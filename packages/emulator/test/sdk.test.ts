import { readFileSync } from "node:fs"
import {
  AssociateFraudsterCommand,
  ConflictException,
  CreateDomainCommand,
  CreateWatchlistCommand,
  DeleteDomainCommand,
  DeleteSpeakerCommand,
  DeleteWatchlistCommand,
  DescribeDomainCommand,
  DescribeFraudsterCommand,
  DescribeFraudsterRegistrationJobCommand,
  DescribeSpeakerCommand,
  DescribeSpeakerEnrollmentJobCommand,
  DisassociateFraudsterCommand,
  ListDomainsCommand,
  ListFraudsterRegistrationJobsCommand,
  ListFraudstersCommand,
  ListSpeakerEnrollmentJobsCommand,
  ListSpeakersCommand,
  ListTagsForResourceCommand,
  ListWatchlistsCommand,
  OptOutSpeakerCommand,
  paginateListSpeakerEnrollmentJobs,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartFraudsterRegistrationJobCommand,
  StartSpeakerEnrollmentJobCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDomainCommand,
  UpdateWatchlistCommand,
  ValidationException
} from "@aws-sdk/client-voice-id"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { localPath } from "../src/Jobs.js"
import { call, enrollmentManifest, failure, pollUntil, putObject, roleArn, sdk } from "./support.js"

const createDomain = (client: ReturnType<typeof sdk>, name: string) =>
  call(() =>
    client.send(new CreateDomainCommand({ Name: name, ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k1" } }))
  ).pipe(Effect.map((r) => r.Domain!))

describe("the official SDK against the emulator", () => {
  it.scopedLive("creates, describes, updates, lists, tags and deletes a domain", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const client = sdk(emulator)
      const domain = yield* call(() =>
        client.send(
          new CreateDomainCommand({
            Name: "demo",
            Description: "first",
            ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k1" },
            Tags: [{ Key: "team", Value: "fraud" }]
          })
        )
      ).pipe(Effect.map((r) => r.Domain!))
      expect(domain.DomainId).toMatch(/^[a-zA-Z0-9]{22}$/)
      expect(domain.DomainStatus).toBe("ACTIVE")
      expect(domain.Arn).toBe(`arn:aws:voiceid:us-east-1:000000000000:domain/${domain.DomainId}`)
      expect(domain.CreatedAt).toBeInstanceOf(Date)
      expect(domain.WatchlistDetails?.DefaultWatchlistId).toMatch(/^[a-zA-Z0-9]{22}$/)

      const described = yield* call(() => client.send(new DescribeDomainCommand({ DomainId: domain.DomainId })))
      expect(described.Domain).toEqual(domain)
      expect(described.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)

      // UpdateDomain clobbers: the description left out is removed; a new key starts an encryption update.
      const updated = yield* call(() =>
        client.send(
          new UpdateDomainCommand({
            DomainId: domain.DomainId,
            Name: "demo2",
            ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k2" }
          })
        )
      )
      expect(updated.Domain?.Name).toBe("demo2")
      expect(updated.Domain?.Description).toBeUndefined()
      expect(updated.Domain?.ServerSideEncryptionUpdateDetails).toEqual({
        OldKmsKeyId: "alias/k1",
        UpdateStatus: "IN_PROGRESS"
      })
      const locked = yield* failure(() =>
        client.send(
          new UpdateDomainCommand({
            DomainId: domain.DomainId,
            Name: "demo2",
            ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k3" }
          })
        )
      )
      expect(locked).toBeInstanceOf(ConflictException)
      expect(locked.ConflictType).toBe("DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES")
      yield* emulator.advanceClock("3 seconds")
      const settled = yield* call(() => client.send(new DescribeDomainCommand({ DomainId: domain.DomainId })))
      expect(settled.Domain?.ServerSideEncryptionUpdateDetails?.UpdateStatus).toBe("COMPLETED")

      const arn = domain.Arn!
      yield* call(() =>
        client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "env", Value: "test" }] }))
      )
      yield* call(() => client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team"] })))
      const tags = yield* call(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn })))
      expect(tags.Tags).toEqual([{ Key: "env", Value: "test" }])
      const reserved = yield* failure(() =>
        client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "aws:x", Value: "y" }] }))
      )
      expect(reserved).toBeInstanceOf(ValidationException)

      const listed = yield* call(() => client.send(new ListDomainsCommand({})))
      expect(listed.DomainSummaries?.map((d) => d.DomainId)).toEqual([domain.DomainId])

      yield* call(() => client.send(new DeleteDomainCommand({ DomainId: domain.DomainId })))
      const gone = yield* failure(() => client.send(new DescribeDomainCommand({ DomainId: domain.DomainId })))
      expect(gone).toBeInstanceOf(ResourceNotFoundException)
      expect(gone.ResourceType).toBe("DOMAIN")
      expect(gone.$metadata).toMatchObject({ httpStatusCode: 404 })
    })
  )

  it.scopedLive("runs a speaker enrollment job from a manifest in the data folder and writes its output", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const client = sdk(emulator)
      const domain = yield* createDomain(client, "enroll")
      const speakers = Array.from({ length: 40 }, (_, i) => ({
        requestId: `r${i}`,
        speakerId: `customer-${i}`,
        audio: `s3://calls/audio/${i}.wav`
      }))
      enrollmentManifest(emulator.dataDir, "s3://manifests/batch/enroll.json", speakers)
      const started = yield* call(() =>
        client.send(
          new StartSpeakerEnrollmentJobCommand({
            DomainId: domain.DomainId,
            JobName: "first-batch",
            ClientToken: "token-1",
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: "s3://manifests/batch/enroll.json" },
            OutputDataConfig: { S3Uri: "s3://results/out/" }
          })
        )
      )
      expect(started.Job?.JobStatus).toBe("SUBMITTED")
      expect(started.Job?.EnrollmentConfig).toEqual({
        ExistingEnrollmentAction: "SKIP",
        FraudDetectionConfig: {
          FraudDetectionAction: "FAIL",
          RiskThreshold: 50,
          WatchlistIds: [domain.WatchlistDetails!.DefaultWatchlistId]
        }
      })
      // The same client token returns the same job.
      const again = yield* call(() =>
        client.send(
          new StartSpeakerEnrollmentJobCommand({
            DomainId: domain.DomainId,
            ClientToken: "token-1",
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: "s3://manifests/batch/enroll.json" },
            OutputDataConfig: { S3Uri: "s3://results/out/" }
          })
        )
      )
      expect(again.Job?.JobId).toBe(started.Job?.JobId)

      const polls = yield* pollUntil(
        () =>
          client.send(
            new DescribeSpeakerEnrollmentJobCommand({ DomainId: domain.DomainId, JobId: started.Job!.JobId })
          ),
        (r) => r.Job?.JobStatus === "COMPLETED" || r.Job?.JobStatus === "FAILED"
      )
      const job = polls[polls.length - 1]!.Job!
      expect(job.JobStatus).toBe("COMPLETED")
      expect(job.JobProgress?.PercentComplete).toBe(100)
      expect(job.EndedAt!.getTime()).toBeGreaterThanOrEqual(job.CreatedAt!.getTime())
      const percents = polls.map((p) => p.Job?.JobProgress?.PercentComplete ?? 0)
      expect(percents).toEqual([...percents].sort((a, b) => a - b))

      const out = localPath(emulator.dataDir, `s3://results/out/${job.JobId}/enroll.json.out`)
      if ("error" in out) throw new Error(out.error)
      const output = JSON.parse(readFileSync(out.path, "utf8"))
      expect(output.Version).toBe("1.0")
      expect(output.Errors).toEqual([])
      expect(output.SuccessfulEnrollments).toHaveLength(40)
      expect(output.SuccessfulEnrollments[0]).toMatchObject({
        RequestId: "r0",
        CustomerSpeakerId: "customer-0",
        EnrollmentStatus: "NEW_ENROLLMENT"
      })

      const speaker = yield* call(() =>
        client.send(new DescribeSpeakerCommand({ DomainId: domain.DomainId, SpeakerId: "customer-7" }))
      )
      expect(speaker.Speaker?.Status).toBe("ENROLLED")
      expect(speaker.Speaker?.GeneratedSpeakerId).toBe(output.SuccessfulEnrollments[7].GeneratedSpeakerId)
      const byGenerated = yield* call(() =>
        client.send(
          new DescribeSpeakerCommand({ DomainId: domain.DomainId, SpeakerId: speaker.Speaker!.GeneratedSpeakerId })
        )
      )
      expect(byGenerated.Speaker).toEqual(speaker.Speaker)

      const all: Array<string> = []
      let next: string | undefined
      do {
        const page = yield* call(() =>
          client.send(new ListSpeakersCommand({ DomainId: domain.DomainId, MaxResults: 15, NextToken: next }))
        )
        all.push(...page.SpeakerSummaries!.map((s) => s.CustomerSpeakerId!))
        next = page.NextToken
      } while (next !== undefined)
      expect(all).toEqual(speakers.map((s) => s.speakerId))

      const optedOut = yield* call(() =>
        client.send(new OptOutSpeakerCommand({ DomainId: domain.DomainId, SpeakerId: "customer-3" }))
      )
      expect(optedOut.Speaker?.Status).toBe("OPTED_OUT")
      const newOptOut = yield* call(() =>
        client.send(new OptOutSpeakerCommand({ DomainId: domain.DomainId, SpeakerId: "never-enrolled" }))
      )
      expect(newOptOut.Speaker?.Status).toBe("OPTED_OUT")
      yield* call(() => client.send(new DeleteSpeakerCommand({ DomainId: domain.DomainId, SpeakerId: "customer-4" })))
      const deleted = yield* failure(() =>
        client.send(new DescribeSpeakerCommand({ DomainId: domain.DomainId, SpeakerId: "customer-4" }))
      )
      expect(deleted).toBeInstanceOf(ResourceNotFoundException)
      expect(deleted.ResourceType).toBe("SPEAKER")
    })
  )

  it.scopedLive("pages ListSpeakerEnrollmentJobs across several pages, with and without JobStatus", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const client = sdk(emulator)
      const seeded = yield* emulator.seedJobs({ count: 537 })
      const domainId = seeded.domainId

      const { ids, pages } = yield* call(async () => {
        const ids: Array<string> = []
        let pages = 0
        for await (const page of paginateListSpeakerEnrollmentJobs({ client, pageSize: 50 }, { DomainId: domainId })) {
          pages++
          ids.push(...page.JobSummaries!.map((j) => j.JobId!))
        }
        return { ids, pages }
      })
      expect(pages).toBe(11)
      expect(ids).toHaveLength(537)
      expect(new Set(ids).size).toBe(537)

      const completed: Array<string> = []
      let next: string | undefined
      let completedPages = 0
      do {
        const page = yield* call(() =>
          client.send(
            new ListSpeakerEnrollmentJobsCommand({
              DomainId: domainId,
              JobStatus: "COMPLETED",
              MaxResults: 100,
              NextToken: next
            })
          )
        )
        completedPages++
        for (const job of page.JobSummaries!) {
          expect(job.JobStatus).toBe("COMPLETED")
          completed.push(job.JobId!)
        }
        next = page.NextToken
      } while (next !== undefined)
      expect(completed).toHaveLength(seeded.statuses.COMPLETED)
      expect(completedPages).toBe(Math.ceil(seeded.statuses.COMPLETED / 100))
      // The filtered list is the unfiltered one with the other statuses taken out, in the same order.
      const order = new Map(ids.map((id, i) => [id, i]))
      expect(completed.map((id) => order.get(id)!)).toEqual(completed.map((id) => order.get(id)!).sort((a, b) => a - b))

      // Without MaxResults a page holds the model's maximum, 100.
      const first = yield* call(() => client.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId })))
      expect(first.JobSummaries).toHaveLength(100)
      const tooMany = yield* failure(() =>
        client.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId, MaxResults: 101 }))
      )
      expect(tooMany).toBeInstanceOf(ValidationException)
      expect(tooMany.message).toContain("MaxResults")
      const otherFilter = yield* failure(() =>
        client.send(
          new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId, JobStatus: "FAILED", NextToken: first.NextToken })
        )
      )
      expect(otherFilter).toBeInstanceOf(ValidationException)
    })
  )

  it.scopedLive("registers fraudsters, and manages watchlists and associations", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const client = sdk(emulator)
      const domain = yield* createDomain(client, "fraud")
      const defaultWatchlist = domain.WatchlistDetails!.DefaultWatchlistId!
      putObject(emulator.dataDir, "s3://calls/f1.wav", "fraudster one")
      putObject(emulator.dataDir, "s3://calls/f2.wav", "fraudster two")
      putObject(
        emulator.dataDir,
        "s3://manifests/fraud.json",
        JSON.stringify({
          Version: "1.0",
          FraudsterRegistrationRequests: [
            { RequestId: "a", AudioSpecifications: [{ S3Uri: "s3://calls/f1.wav", ChannelId: 0 }] },
            { RequestId: "b", AudioSpecifications: [{ S3Uri: "s3://calls/f2.wav", ChannelId: 1 }] },
            { RequestId: "dup", AudioSpecifications: [{ S3Uri: "s3://calls/f1.wav", ChannelId: 0 }] },
            { RequestId: "missing", AudioSpecifications: [{ S3Uri: "s3://calls/none.wav", ChannelId: 0 }] }
          ]
        })
      )
      const started = yield* call(() =>
        client.send(
          new StartFraudsterRegistrationJobCommand({
            DomainId: domain.DomainId,
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: "s3://manifests/fraud.json" },
            OutputDataConfig: { S3Uri: "s3://results" }
          })
        )
      )
      const polls = yield* pollUntil(
        () =>
          client.send(
            new DescribeFraudsterRegistrationJobCommand({ DomainId: domain.DomainId, JobId: started.Job!.JobId })
          ),
        (r) => r.Job?.JobStatus !== "SUBMITTED" && r.Job?.JobStatus !== "IN_PROGRESS"
      )
      expect(polls[polls.length - 1]!.Job?.JobStatus).toBe("COMPLETED_WITH_ERRORS")
      const out = localPath(emulator.dataDir, `s3://results/${started.Job!.JobId}/fraud.json.out`)
      if ("error" in out) throw new Error(out.error)
      const output = JSON.parse(readFileSync(out.path, "utf8"))
      expect(output.Errors).toEqual([
        { RequestId: "missing", ErrorCode: 400, ErrorMessage: expect.stringContaining("could not be read") }
      ])
      expect(output.SuccessfulRegistrations.map((r: { RegistrationStatus: string }) => r.RegistrationStatus)).toEqual([
        "NEW_REGISTRATION",
        "NEW_REGISTRATION",
        "DUPLICATE_SKIPPED"
      ])
      expect(output.SuccessfulRegistrations[2].GeneratedFraudsterId).toBe(
        output.SuccessfulRegistrations[0].GeneratedFraudsterId
      )
      const jobs = yield* call(() =>
        client.send(new ListFraudsterRegistrationJobsCommand({ DomainId: domain.DomainId }))
      )
      expect(jobs.JobSummaries?.map((j) => j.JobId)).toEqual([started.Job!.JobId])

      const fraudsterId = output.SuccessfulRegistrations[0].GeneratedFraudsterId as string
      const fraudster = yield* call(() =>
        client.send(new DescribeFraudsterCommand({ DomainId: domain.DomainId, FraudsterId: fraudsterId }))
      )
      expect(fraudster.Fraudster?.WatchlistIds).toEqual([defaultWatchlist])

      const watchlist = yield* call(() =>
        client.send(new CreateWatchlistCommand({ DomainId: domain.DomainId, Name: "vip-fraud", Description: "d" }))
      ).pipe(Effect.map((r) => r.Watchlist!))
      expect(watchlist.DefaultWatchlist).toBe(false)
      const renamed = yield* call(() =>
        client.send(
          new UpdateWatchlistCommand({ DomainId: domain.DomainId, WatchlistId: watchlist.WatchlistId, Name: "vip" })
        )
      )
      expect(renamed.Watchlist).toMatchObject({ Name: "vip", Description: "d" })
      const cannotUpdateDefault = yield* failure(() =>
        client.send(new UpdateWatchlistCommand({ DomainId: domain.DomainId, WatchlistId: defaultWatchlist, Name: "x" }))
      )
      expect(cannotUpdateDefault).toBeInstanceOf(ValidationException)

      const associated = yield* call(() =>
        client.send(
          new AssociateFraudsterCommand({
            DomainId: domain.DomainId,
            FraudsterId: fraudsterId,
            WatchlistId: watchlist.WatchlistId
          })
        )
      )
      expect(associated.Fraudster?.WatchlistIds).toEqual([defaultWatchlist, watchlist.WatchlistId])
      const inVip = yield* call(() =>
        client.send(new ListFraudstersCommand({ DomainId: domain.DomainId, WatchlistId: watchlist.WatchlistId }))
      )
      expect(inVip.FraudsterSummaries?.map((f) => f.GeneratedFraudsterId)).toEqual([fraudsterId])

      const nonEmpty = yield* failure(() =>
        client.send(new DeleteWatchlistCommand({ DomainId: domain.DomainId, WatchlistId: watchlist.WatchlistId }))
      )
      expect(nonEmpty).toBeInstanceOf(ConflictException)
      expect(nonEmpty.ConflictType).toBe("CANNOT_DELETE_NON_EMPTY_WATCHLIST")

      yield* call(() =>
        client.send(
          new DisassociateFraudsterCommand({
            DomainId: domain.DomainId,
            FraudsterId: fraudsterId,
            WatchlistId: defaultWatchlist
          })
        )
      )
      const last = yield* failure(() =>
        client.send(
          new DisassociateFraudsterCommand({
            DomainId: domain.DomainId,
            FraudsterId: fraudsterId,
            WatchlistId: watchlist.WatchlistId
          })
        )
      )
      expect(last.ConflictType).toBe("FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST")

      // 3 watchlists per domain, the default one included.
      yield* call(() => client.send(new CreateWatchlistCommand({ DomainId: domain.DomainId, Name: "third" })))
      const quota = yield* failure(() =>
        client.send(new CreateWatchlistCommand({ DomainId: domain.DomainId, Name: "fourth" }))
      )
      expect(quota).toBeInstanceOf(ServiceQuotaExceededException)
      expect(quota.$metadata).toMatchObject({ httpStatusCode: 402 })
      const watchlists = yield* call(() => client.send(new ListWatchlistsCommand({ DomainId: domain.DomainId })))
      expect(watchlists.WatchlistSummaries?.map((w) => w.Name)).toEqual(["Default", "vip", "third"])
    })
  )

  it.scopedLive("keeps working with the SDK after the emulator clock is advanced (skew corrected from Date)", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const { domainId } = yield* emulator.seedJobs({ count: 3 })
      yield* emulator.advanceClock("25 hours")
      // Retries on: the SDK sees "Signature expired", reads the emulator's Date header, corrects its clock.
      const client = sdk(emulator, { maxAttempts: 3 })
      const page = yield* call(() => client.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId })))
      expect(page.JobSummaries).toHaveLength(3)
      expect(page.$metadata.attempts).toBe(2)
    })
  )

  it.scopedLive("answers modeled errors as the SDK's typed exceptions, and rejects a wrong secret", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const client = sdk(emulator)
      const invalid = yield* failure(() => client.send(new DescribeDomainCommand({ DomainId: "short" })))
      expect(invalid).toBeInstanceOf(ValidationException)
      expect(invalid.message).toContain("DomainId")
      expect(invalid.$metadata).toMatchObject({ httpStatusCode: 400 })

      for (let i = 0; i < 3; i++) yield* createDomain(client, `d${i}`)
      const quota = yield* failure(() =>
        client.send(new CreateDomainCommand({ Name: "d3", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }))
      )
      expect(quota).toBeInstanceOf(ServiceQuotaExceededException)

      const wrongSecret = yield* failure(() =>
        sdk(emulator, { secretAccessKey: "not-the-secret" }).send(new ListDomainsCommand({}))
      )
      expect(wrongSecret.name).toBe("InvalidSignatureException")
      expect(wrongSecret.$metadata).toMatchObject({ httpStatusCode: 403 })
      const unknownKey = yield* failure(() =>
        sdk(emulator, { accessKeyId: "AKIDUNKNOWN" }).send(new ListDomainsCommand({}))
      )
      expect(unknownKey.name).toBe("UnrecognizedClientException")
    })
  )
})
