import { describe, expect, it } from "@effect/vitest"
import { VoiceId } from "@effect-voiceid/client"
import { Emulator } from "@effect-voiceid/emulator"
import { VoiceIdNode } from "@effect-voiceid/node"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { record } from "../src/Figures.js"

const JOBS = 300
const PAGE = 50
const PAUSE_AFTER_PAGES = 2
const PAUSE_HOURS = 25

/** Moves the emulator clock forward through its control route, as an operator would. */
const advanceClock = (url: string, seconds: number) =>
  Effect.promise(() =>
    fetch(`${url}/__emulator/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceSeconds: seconds })
    }).then((response) => response.json() as Promise<{ readonly offsetMs: number }>)
  )

const setup = Effect.gen(function* () {
  const emulator = yield* Emulator.make({ seed: 4 })
  const { domainId } = yield* emulator.seedJobs({ count: JOBS })
  const client = yield* Layer.build(
    VoiceIdNode.layer({
      region: emulator.region,
      endpoint: emulator.url,
      credentials: { accessKeyId: "test", secretAccessKey: "test" }
    })
  )
  return { emulator, domainId, voiceId: Context.get(client, VoiceId) }
})

/** Reads the domain's jobs, pausing (the emulator clock moves 25 h) after the second page. */
const pausedRead = (
  voiceId: VoiceId.Service,
  url: string,
  domainId: string,
  onExpiredToken: "fail" | "restart" | undefined
) => {
  const seen: Array<string> = []
  let pages = 0
  const read = Stream.runForEach(
    voiceId.listSpeakerEnrollmentJobsPages(
      { DomainId: domainId },
      onExpiredToken === undefined ? { pageSize: PAGE } : { pageSize: PAGE, onExpiredToken }
    ),
    (page) =>
      Effect.gen(function* () {
        for (const job of page.items) seen.push(job.JobId!)
        pages++
        if (pages === PAUSE_AFTER_PAGES) yield* advanceClock(url, PAUSE_HOURS * 3600)
      })
  )
  return Effect.map(Effect.either(read), (result) => ({ result, seen }))
}

describe("token expiry: a stream paused past the 24 h NextToken lifetime (emulator clock)", () => {
  let failMessage = ""
  let restartDuplicates = 0
  let restartUnique = 0

  it.scopedLive("fails with a typed NextTokenExpiredError that says how far it got and how to go on", () =>
    Effect.gen(function* () {
      const { emulator, domainId, voiceId } = yield* setup
      const { result, seen } = yield* pausedRead(voiceId, emulator.url, domainId, undefined)
      expect(seen).toHaveLength(PAUSE_AFTER_PAGES * PAGE)
      const error = Either.isLeft(result) ? result.left : undefined
      expect(error?._tag).toBe("NextTokenExpiredError")
      if (error?._tag !== "NextTokenExpiredError") return
      expect(error.pagesRead).toBe(PAUSE_AFTER_PAGES)
      expect(error.itemsRead).toBe(PAUSE_AFTER_PAGES * PAGE)
      expect(error.serviceMessage).toContain("expired")
      expect(error.$metadata.httpStatusCode).toBe(400)
      expect(error.message).toContain("start it again without startingToken")
      failMessage = error.message
      // The advice works: a read started again delivers everything (after the clock jump, the client corrected its
      // signing time from the emulator's Date header on the first refused signature).
      const again = yield* Stream.runCollect(voiceId.listSpeakerEnrollmentJobsStream({ DomainId: domainId }))
      expect(new Set([...again].map((j) => j.JobId)).size).toBe(JOBS)
    })
  )

  it.scopedLive('onExpiredToken: "restart" starts over: every job arrives, the ones before the pause twice', () =>
    Effect.gen(function* () {
      const { emulator, domainId, voiceId } = yield* setup
      const { result, seen } = yield* pausedRead(voiceId, emulator.url, domainId, "restart")
      expect(Either.isRight(result)).toBe(true)
      const times = new Map<string, number>()
      for (const id of seen) times.set(id, (times.get(id) ?? 0) + 1)
      expect(times.size).toBe(JOBS)
      const twice = [...times.values()].filter((n) => n === 2).length
      expect([...times.values()].every((n) => n === 1 || n === 2)).toBe(true)
      // Exactly the documented duplicates: the items emitted before the refused token.
      expect(twice).toBe(PAUSE_AFTER_PAGES * PAGE)
      expect(seen.slice(0, twice)).toEqual(seen.slice(twice, 2 * twice))
      restartDuplicates = twice
      restartUnique = times.size
      record({
        id: "token-expiry",
        order: 40,
        title: "Token expiry",
        claim:
          `A stream of ${JOBS} jobs (pages of ${PAGE}) pauses after ${PAUSE_AFTER_PAGES} pages while the emulator ` +
          `clock moves ${PAUSE_HOURS} h through its control route (POST /__emulator/clock). By default the stream ` +
          'fails with a typed NextTokenExpiredError saying how to go on; with onExpiredToken: "restart" it starts ' +
          "over and delivers every job, the ones read before the pause twice (the documented duplicates).",
        rows: [
          ["default: error", "NextTokenExpiredError"],
          ["default: pages / items read before the error", `${PAUSE_AFTER_PAGES} / ${PAUSE_AFTER_PAGES * PAGE}`],
          ["restart: distinct jobs delivered", restartUnique],
          ["restart: duplicates (= items before the pause)", restartDuplicates],
          ["restart: jobs lost", 0]
        ],
        notes: [`The error's message: “${failMessage}”`],
        totals: { jobsDelivered: seen.length + PAUSE_AFTER_PAGES * PAGE + JOBS }
      })
    })
  )
})
