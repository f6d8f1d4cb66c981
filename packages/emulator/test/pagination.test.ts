import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Emulator from "../src/Emulator.js"
import { encodedPage } from "../src/handlers/context.js"
import { recycle, take } from "../src/internal/bytes.js"
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

  it("is the same for the same query, position and millisecond, and another when any of them differs (unit)", () => {
    const secret = new Uint8Array(32).fill(3)
    const at = (binding: string, seq: number, now: number, key = secret) =>
      Tokens.issue(key, binding, { createdAt: 1000, seq }, now)
    const token = at("ListSpeakers\nD1", 5, 50)
    expect(at("ListSpeakers\nD1", 5, 50)).toBe(token)
    for (const other of [
      at("ListSpeakers\nD2", 5, 50),
      at("ListSpeakers\nD1", 6, 50),
      at("ListSpeakers\nD1", 5, 51),
      at("ListSpeakers\nD1", 5, 50, new Uint8Array(32).fill(4))
    ]) {
      expect(other).not.toBe(token)
    }
    expect(Tokens.read(secret, "ListSpeakers\nD1", at("ListSpeakers\nD1", 5, 50), 60, 100)).toEqual(
      Either.right({ createdAt: 1000, seq: 5 })
    )
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

describe("encodedPage", () => {
  const text = (items: ReadonlyArray<Buffer>, next?: string) => encodedPage("Items", items, next).bytes.toString("utf8")

  it("assembles the page from its items, with or without a NextToken", () => {
    const a = Buffer.from(`{"Id":"a"}`)
    const b = Buffer.from(`{"Id":"é"}`)
    expect(text([])).toBe(`{"Items":[]}`)
    expect(text([a, b])).toBe(`{"Items":[{"Id":"a"},{"Id":"é"}]}`)
    expect(text([a, b], "t.1")).toBe(`{"Items":[{"Id":"a"},{"Id":"é"}],"NextToken":"t.1"}`)
    expect(JSON.parse(text([a, b], "t.2"))).toEqual({ Items: [{ Id: "a" }, { Id: "é" }], NextToken: "t.2" })
  })

  it("follows a changed item: a record's summary is replaced when it changes, and the page with it", () => {
    const items = [Buffer.from(`{"Id":"a","Status":"IN_PROGRESS"}`), Buffer.from(`{"Id":"b"}`)]
    expect(text(items, "x")).toBe(`{"Items":[{"Id":"a","Status":"IN_PROGRESS"},{"Id":"b"}],"NextToken":"x"}`)
    expect(text(items, "x")).toBe(`{"Items":[{"Id":"a","Status":"IN_PROGRESS"},{"Id":"b"}],"NextToken":"x"}`)
    const changed = [Buffer.from(`{"Id":"a","Status":"COMPLETED"}`), items[1]!]
    expect(text(changed)).toBe(`{"Items":[{"Id":"a","Status":"COMPLETED"},{"Id":"b"}]}`)
    expect(text(items.slice(1))).toBe(`{"Items":[{"Id":"b"}]}`)
    expect(text(items, "y")).toBe(`{"Items":[{"Id":"a","Status":"IN_PROGRESS"},{"Id":"b"}],"NextToken":"y"}`)
  })

  it("gives every answer bytes of its own", () => {
    const items = [Buffer.from(`{"Id":"a"}`)]
    const first = encodedPage("Items", items, "t.1").bytes
    const second = encodedPage("Items", items, "t.2").bytes
    expect(first.toString()).toBe(`{"Items":[{"Id":"a"}],"NextToken":"t.1"}`)
    expect(second.toString()).toBe(`{"Items":[{"Id":"a"}],"NextToken":"t.2"}`)
  })
})

describe("page buffers", () => {
  it("hands out exactly the bytes asked for, and a slot again only once it is given back", () => {
    const first = take(100)
    const second = take(200)
    expect(first.bytes.length).toBe(100)
    expect(second.bytes.length).toBe(200)
    expect(first.slot).toBeDefined()
    expect(second.slot).not.toBe(first.slot)
    expect(first.bytes.buffer).toBe(first.slot!.buffer)
    recycle(first.slot!)
    const third = take(50)
    expect(third.slot).toBe(first.slot)
    expect(third.bytes.length).toBe(50)
    const large = take(1024 * 1024)
    expect(large.bytes.length).toBe(1024 * 1024)
    expect(large.slot).toBeUndefined()
  })
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
