import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Credentials, VoiceId } from "@effect-voiceid/client"
import { NodeSigner, VoiceIdNode } from "@effect-voiceid/node"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as EmulatorProcess from "../src/EmulatorProcess.js"
import { count, record } from "../src/Figures.js"
import { probe } from "../src/Http.js"
import { current, sizes } from "../src/Profile.js"

const PAGE = 20

const post = (url: string, path: string, body: unknown) =>
  Effect.promise(() =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    }).then((response) => response.json() as Promise<Record<string, unknown>>)
  )

describe("emulator restarts in the middle of a stream (state file)", () => {
  it.scopedLive(
    `killed ${sizes.restart.kills} time(s) while ${count(sizes.restart.jobs)} jobs stream and speakers are written`,
    () =>
      Effect.gen(function* () {
        const { jobs, kills, writes } = sizes.restart
        const folder = mkdtempSync(join(tmpdir(), "voiceid-reliability-restart-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(folder, { recursive: true, force: true })))
        const statePath = join(folder, "state.json")
        const args = (port: number) => [
          "--port",
          String(port),
          "--state",
          statePath,
          "--data-dir",
          join(folder, "s3"),
          "--seed",
          "5"
        ]

        // The emulator runs in its own scope, replaced at each restart; the last one is closed with the test.
        let scope = yield* Scope.make()
        yield* Effect.addFinalizer(() => Scope.close(scope, Exit.void))
        let emulator = yield* Scope.extend(EmulatorProcess.start(args(0)), scope).pipe(Effect.orDie)
        const port = emulator.port
        const seeded = yield* post(emulator.url, "/__emulator/seed", { count: jobs })
        const domainId = seeded.domainId as string
        // The seeding was saved before it was acknowledged: the state file already names every job.
        const saved = JSON.parse(readFileSync(statePath, "utf8")) as {
          readonly regions: ReadonlyArray<{
            readonly domains: ReadonlyArray<{
              readonly id: string
              readonly speakerJobs: ReadonlyArray<{ id: string }>
            }>
          }>
        }
        const expected = new Set(saved.regions[0]!.domains.find((d) => d.id === domainId)!.speakerJobs.map((j) => j.id))
        expect(expected.size).toBe(jobs)

        let requests = 0
        let failedExchanges = 0
        // Riding out a restart takes retries: a fixed 200 ms between attempts, up to a minute, and a quota large
        // enough for every call in flight to retry through the outage.
        const client = yield* Layer.build(
          VoiceId.layer({
            region: "us-east-1",
            endpoint: emulator.url,
            maxAttempts: 300,
            retrySchedule: Schedule.spaced("200 millis"),
            retryQuota: 1_000_000,
            attemptTimeout: "10 seconds"
          }).pipe(
            Layer.provide([
              probe(
                () => requests++,
                (exit) => {
                  if (Exit.isFailure(exit)) failedExchanges++
                }
              ).pipe(Layer.provide(VoiceIdNode.layerHttpClient)),
              NodeSigner.layer,
              Credentials.layer({ accessKeyId: "test", secretAccessKey: "test" })
            ])
          )
        )
        const voiceId = Context.get(client, VoiceId)

        const pages = Math.ceil(jobs / PAGE)
        const killAt = new Set(Array.from({ length: kills }, (_, k) => Math.floor((pages * (k + 1)) / (kills + 1))))
        const writesPerPage = Math.ceil(writes / pages)
        const acknowledged: Array<string> = []
        const writers: Array<Fiber.RuntimeFiber<void>> = []
        const restarts: Array<Fiber.RuntimeFiber<void>> = []
        let written = 0
        let restarted = 0
        const seen = new Map<string, number>()
        let page = 0

        // Kill the emulator without warning and start it again on the same port with the same state file, while the
        // stream and the writes go on (they meet refused connections until it is back).
        const restart = Effect.gen(function* () {
          yield* emulator.kill
          yield* Scope.close(scope, Exit.void)
          scope = yield* Scope.make()
          // The same port: in the moment it was free, another process may have taken it; try again a few times.
          emulator = yield* Scope.extend(EmulatorProcess.start(args(port)), scope).pipe(
            Effect.retry(Schedule.spaced("500 millis").pipe(Schedule.compose(Schedule.recurs(20)))),
            Effect.orDie
          )
          restarted++
        })

        yield* Stream.runForEach(
          voiceId.listSpeakerEnrollmentJobsPages({ DomainId: domainId }, { pageSize: PAGE }),
          (result) =>
            Effect.gen(function* () {
              page++
              for (const job of result.items) seen.set(job.JobId!, (seen.get(job.JobId!) ?? 0) + 1)
              // Writes in flight around every page, so some meet each kill.
              for (let i = 0; i < writesPerPage && written < writes; i++) {
                const id = `restart-speaker-${written++}`
                writers.push(
                  yield* Effect.forkScoped(
                    Effect.asVoid(
                      Effect.tap(voiceId.optOutSpeaker({ DomainId: domainId, SpeakerId: id }), () =>
                        Effect.sync(() => acknowledged.push(id))
                      )
                    ).pipe(Effect.orDie)
                  )
                )
              }
              if (killAt.has(page)) restarts.push(yield* Effect.forkScoped(restart))
            })
        )
        yield* Fiber.joinAll(writers)
        yield* Fiber.joinAll(restarts)
        expect(restarted).toBe(kills)

        // Every job exactly once, across the restarts.
        let delivered = 0
        let duplicates = 0
        for (const [id, times] of seen) {
          expect(expected.has(id)).toBe(true)
          delivered += times
          duplicates += times - 1
        }
        const lost = [...expected].filter((id) => !seen.has(id)).length
        expect(lost).toBe(0)
        expect(duplicates).toBe(0)
        expect(delivered).toBe(jobs)

        // Every acknowledged write is there after the restarts.
        expect(acknowledged).toHaveLength(writes)
        const speakers = new Set(
          [...(yield* Stream.runCollect(voiceId.listSpeakersStream({ DomainId: domainId })))].map(
            (s) => s.CustomerSpeakerId
          )
        )
        const missing = acknowledged.filter((id) => !speakers.has(id))
        expect(missing).toEqual([])
        expect(failedExchanges).toBeGreaterThan(0)

        record({
          id: "restart",
          order: 50,
          title: "Emulator restarts mid-stream",
          claim:
            `The emulator runs as a child process with a state file. A stream pages ${count(jobs)} jobs (pages of ` +
            `${PAGE}) while ${count(writes)} OptOutSpeaker writes are in flight around its pages; the emulator is ` +
            `killed (SIGKILL) ${kills} time(s) mid-stream and started again on the same port with the same state ` +
            "file. The stream resumes with the NextToken it holds (tokens survive the restart) and every " +
            "acknowledged write is found afterwards.",
          rows: [
            ["kills (SIGKILL) and restarts", kills],
            ["requests made", count(requests)],
            ["exchanges that failed (refused or reset connections)", count(failedExchanges)],
            ["jobs delivered", count(delivered)],
            ["lost", lost],
            ["duplicates", duplicates],
            ["writes acknowledged", count(acknowledged.length)],
            ["acknowledged writes missing after the restarts", missing.length]
          ],
          totals: {
            requests,
            faults: kills,
            faultsByKind: { "emulator killed (SIGKILL)": kills },
            jobsDelivered: delivered,
            lost,
            duplicates
          }
        })
      }),
    { timeout: current === "full" ? 900_000 : 180_000 }
  )
})
