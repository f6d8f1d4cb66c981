import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Emulator from "../src/Emulator.js"
import { OrderedIndex } from "../src/internal/ordered.js"
import * as Tokens from "../src/internal/tokens.js"
import { enrollmentManifest, roleArn, signedRequest } from "./support.js"

type Page = { readonly items: ReadonlyArray<Record<string, unknown>>; readonly next: string | undefined }

const list = (
  emulator: Emulator.EmulatorService,
  target: string,
  key: string,
  input: Record<string, unknown>,
  signingDate?: Date
) =>
  Effect.map(
    signedRequest(emulator, target, JSON.stringify(input), signingDate === undefined ? {} : { signingDate }),
    (answer): Page & { readonly status: number; readonly json: Record<string, unknown> | undefined } => ({
      status: answer.status,
      json: answer.json,
      items: (answer.json?.[key] as ReadonlyArray<Record<string, unknown>> | undefined) ?? [],
      next: answer.json?.NextToken as string | undefined
    })
  )

describe("NextToken", () => {
  it("is bound to its query, tamper-evident and expiring (unit)", () => {
    const secret = new Uint8Array(32).fill(7)
    const token = Tokens.issue(secret, "ListSpeakers\nD1", { createdAt: 1000, seq: 5 }, 0)
    expect(token).toContain(".")
    expect(Tokens.read(secret, "ListSpeakers\nD1", token, 10, 100)).toEqual(Either.right({ createdAt: 1000, seq: 5 }))
    expect(Tokens.read(secret, "ListSpeakers\nD2", token, 10, 100)).toEqual(Either.left("mismatch"))
    expect(Tokens.read(new Uint8Array(32), "ListSpeakers\nD1", token, 10, 100)).toEqual(Either.left("mismatch"))
    const [payload, mac] = token.split(".")
    const forged = Buffer.from("1.0.rs.6", "latin1").toString("base64url")
    expect(Tokens.read(secret, "ListSpeakers\nD1", `${forged}.${mac}`, 10, 100)).toEqual(Either.left("mismatch"))
    expect(Tokens.read(secret, "ListSpeakers\nD1", `${payload}.${mac}x`, 10, 100)).toEqual(Either.left("mismatch"))
    expect(Tokens.read(secret, "ListSpeakers\nD1", "garbage", 10, 100)).toEqual(Either.left("malformed"))
    expect(Tokens.read(secret, "ListSpeakers\nD1", token, 101, 100)).toEqual(Either.left("expired"))
  })

  it.scopedLive("is refused with another filter, another domain, when altered, and after 24 h", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const a = yield* emulator.seedJobs({ count: 30 })
      const b = yield* emulator.seedJobs({ count: 30 })
      const first = yield* list(emulator, "VoiceID.ListSpeakerEnrollmentJobs", "JobSummaries", {
        DomainId: a.domainId,
        MaxResults: 10
      })
      const token = first.next!
      const reuse = (input: Record<string, unknown>, signingDate?: Date) =>
        list(emulator, "VoiceID.ListSpeakerEnrollmentJobs", "JobSummaries", { ...input, NextToken: token }, signingDate)
      expect((yield* reuse({ DomainId: a.domainId, MaxResults: 10 })).status).toBe(200)
      // Another page size is the same query.
      expect((yield* reuse({ DomainId: a.domainId, MaxResults: 7 })).items).toHaveLength(7)
      for (const refused of [
        yield* reuse({ DomainId: a.domainId, JobStatus: "COMPLETED" }),
        yield* reuse({ DomainId: b.domainId }),
        yield* list(emulator, "VoiceID.ListSpeakerEnrollmentJobs", "JobSummaries", {
          DomainId: a.domainId,
          NextToken: token.slice(0, -2) + (token.endsWith("A") ? "BB" : "AA")
        }),
        yield* list(emulator, "VoiceID.ListFraudsterRegistrationJobs", "JobSummaries", {
          DomainId: a.domainId,
          NextToken: token
        })
      ]) {
        expect(refused.status).toBe(400)
        expect(refused.json?.__type).toBe("com.amazonaws.voiceid#ValidationException")
      }
      yield* emulator.advanceClock("23 hours")
      expect((yield* reuse({ DomainId: a.domainId }, yield* emulator.now)).status).toBe(200)
      yield* emulator.advanceClock("61 minutes")
      const expired = yield* reuse({ DomainId: a.domainId }, yield* emulator.now)
      expect(expired.status).toBe(400)
      expect(expired.json?.Message).toContain("expired")
    })
  )

  it.scopedLive("never skips or repeats when records are created or deleted while a client pages", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const domain = (yield* signedRequest(
        emulator,
        "VoiceID.CreateDomain",
        JSON.stringify({ Name: "paging", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })
      )).json!.Domain as { DomainId: string }
      const optOut = (id: string) =>
        signedRequest(emulator, "VoiceID.OptOutSpeaker", JSON.stringify({ DomainId: domain.DomainId, SpeakerId: id }))
      for (let i = 0; i < 30; i++) yield* optOut(`s${i}`)
      const seen: Array<string> = []
      let page = yield* list(emulator, "VoiceID.ListSpeakers", "SpeakerSummaries", {
        DomainId: domain.DomainId,
        MaxResults: 10
      })
      seen.push(...page.items.map((s) => s.CustomerSpeakerId as string))
      // Between pages: one already read and one not yet read are deleted, three are created.
      for (const gone of ["s5", "s15"]) {
        yield* signedRequest(
          emulator,
          "VoiceID.DeleteSpeaker",
          JSON.stringify({ DomainId: domain.DomainId, SpeakerId: gone })
        )
      }
      for (let i = 30; i < 33; i++) yield* optOut(`s${i}`)
      while (page.next !== undefined) {
        page = yield* list(emulator, "VoiceID.ListSpeakers", "SpeakerSummaries", {
          DomainId: domain.DomainId,
          MaxResults: 10,
          NextToken: page.next
        })
        seen.push(...page.items.map((s) => s.CustomerSpeakerId as string))
        yield* optOut(`late${seen.length}`)
      }
      const expected = Array.from({ length: 33 }, (_, i) => `s${i}`).filter((s) => s !== "s15")
      expect(seen.slice(0, expected.length)).toEqual(expected)
      expect(new Set(seen).size).toBe(seen.length)
    })
  )

  it.scopedLive("lists jobs started during a read after the ones already there", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make({ quotas: { activeSpeakerEnrollmentJobsPerDomain: 100 } })
      const { domainId } = yield* emulator.seedJobs({ count: 150 })
      enrollmentManifest(emulator.dataDir, "s3://input/m.json", [
        { requestId: "1", speakerId: "a", audio: "s3://input/a.wav" }
      ])
      const start = signedRequest(
        emulator,
        "VoiceID.StartSpeakerEnrollmentJob",
        JSON.stringify({
          DomainId: domainId,
          DataAccessRoleArn: roleArn,
          InputDataConfig: { S3Uri: "s3://input/m.json" },
          OutputDataConfig: { S3Uri: "s3://output" }
        })
      )
      const ids: Array<string> = []
      let page = yield* list(emulator, "VoiceID.ListSpeakerEnrollmentJobs", "JobSummaries", { DomainId: domainId })
      ids.push(...page.items.map((j) => j.JobId as string))
      const started: Array<string> = []
      for (let i = 0; i < 5; i++) started.push(((yield* start).json!.Job as { JobId: string }).JobId)
      while (page.next !== undefined) {
        page = yield* list(emulator, "VoiceID.ListSpeakerEnrollmentJobs", "JobSummaries", {
          DomainId: domainId,
          NextToken: page.next
        })
        ids.push(...page.items.map((j) => j.JobId as string))
      }
      expect(ids).toHaveLength(155)
      expect(new Set(ids).size).toBe(155)
      expect(ids.slice(150)).toEqual(started)
    })
  )
})

describe("OrderedIndex", () => {
  it("keeps records in (createdAt, seq) order and pages after a cursor", () => {
    const index = new OrderedIndex<{ createdAt: number; seq: number; id: string }>()
    const make = (createdAt: number, seq: number) => ({ createdAt, seq, id: `${createdAt}/${seq}` })
    const records = [make(5, 1), make(3, 2), make(5, 3), make(1, 4), make(9, 5)]
    for (const r of records) index.insert(r)
    expect(index.values().map((r) => r.id)).toEqual(["1/4", "3/2", "5/1", "5/3", "9/5"])
    const first = index.page(undefined, 2)
    expect(first.items.map((r) => r.id)).toEqual(["1/4", "3/2"])
    expect(first.hasMore).toBe(true)
    index.remove(records[1]!)
    expect(index.page(first.items[1], 10).items.map((r) => r.id)).toEqual(["5/1", "5/3", "9/5"])
    expect(index.page({ createdAt: 9, seq: 5 }, 10)).toEqual({ items: [], hasMore: false })
  })
})
