import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { signedRequest } from "./support.js"

const readAll = (emulator: Emulator.EmulatorService, domainId: string) =>
  Effect.gen(function* () {
    const ids: Array<string> = []
    let next: string | undefined
    do {
      const page = yield* signedRequest(
        emulator,
        "VoiceID.ListSpeakers",
        JSON.stringify(next === undefined ? { DomainId: domainId } : { DomainId: domainId, NextToken: next })
      )
      ids.push(...(page.json!.SpeakerSummaries as Array<{ CustomerSpeakerId: string }>).map((s) => s.CustomerSpeakerId))
      next = page.json!.NextToken as string | undefined
    } while (next !== undefined)
    return ids
  })

describe("concurrency", () => {
  it.scopedLive("200 parallel writers and readers: every acknowledged write is there afterwards", () =>
    Effect.gen(function* () {
      const folder = mkdtempSync(join(tmpdir(), "voiceid-concurrency-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(folder, { recursive: true, force: true })))
      const statePath = join(folder, "state.json")
      const acknowledged = yield* Effect.scoped(
        Effect.gen(function* () {
          const emulator = yield* Emulator.make({ state: statePath })
          const created = yield* signedRequest(
            emulator,
            "VoiceID.CreateDomain",
            JSON.stringify({ Name: "busy", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })
          )
          const domainId = (created.json!.Domain as { DomainId: string }).DomainId
          const writers = Array.from({ length: 200 }, (_, i) =>
            Effect.map(
              signedRequest(
                emulator,
                "VoiceID.OptOutSpeaker",
                JSON.stringify({ DomainId: domainId, SpeakerId: `w${i}` })
              ),
              (a) => ({ kind: "write" as const, id: `w${i}`, ok: a.status === 200 })
            )
          )
          const readers = Array.from({ length: 200 }, (_, i) =>
            Effect.map(
              i % 2 === 0
                ? signedRequest(
                    emulator,
                    "VoiceID.ListSpeakers",
                    JSON.stringify({ DomainId: domainId, MaxResults: 50 })
                  )
                : signedRequest(emulator, "VoiceID.DescribeDomain", JSON.stringify({ DomainId: domainId })),
              (a) => ({ kind: "read" as const, id: `r${i}`, ok: a.status === 200 })
            )
          )
          const interleaved = writers.flatMap((w, i) => [w, readers[i]!])
          const results = yield* Effect.all(interleaved, { concurrency: 400 })
          expect(results.every((r) => r.ok)).toBe(true)
          const written = results.filter((r) => r.kind === "write" && r.ok).map((r) => r.id)
          expect(written).toHaveLength(200)
          const present = yield* readAll(emulator, domainId)
          expect(new Set(present)).toEqual(new Set(written))
          return { domainId, written }
        })
      )
      // And they were on disk: a new emulator on the same state file has them all.
      const reopened = yield* Emulator.make({ state: statePath })
      const present = yield* readAll(reopened, acknowledged.domainId)
      expect(new Set(present)).toEqual(new Set(acknowledged.written))
    })
  )
})
