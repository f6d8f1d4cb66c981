import { describe, expect, it } from "@effect/vitest"
import { Credentials, VoiceId } from "@effect-voiceid/client"
import { Emulator } from "@effect-voiceid/emulator"
import { NodeSigner, VoiceIdNode } from "@effect-voiceid/node"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { count, record } from "../src/Figures.js"
import { probe } from "../src/Http.js"
import { current, sizes } from "../src/Profile.js"

// Attempts per call: with 27 % of attempts failing, 10 attempts leave a call failing in about 2 in a million.
const MAX_ATTEMPTS = 10
const faultRates = { throttle: 0.2, internalError: 0.05, drop: 0.02 }
const latencyMs: readonly [number, number] = [0, 20]

interface StreamResult {
  readonly domainId: string
  readonly pageSize: number
  readonly seen: Map<string, number>
  pages: number
  attempts: number
  maxAttempts: number
}

describe("soak: concurrent streams against an emulator that throttles, fails, drops connections and lags", () => {
  it.scopedLive(
    `${sizes.soak.streams} streams × ${count(sizes.soak.jobsPerStream)} jobs: every job exactly once per stream`,
    () =>
      Effect.gen(function* () {
        const { streams, jobsPerStream, pageSizes } = sizes.soak
        const emulator = yield* Emulator.make({ seed: 8 })
        const seeded = yield* Effect.forEach(Array.from({ length: streams }), (_, i) =>
          emulator.seedJobs({ count: jobsPerStream, namePrefix: `soak-${i}` })
        )
        // What each stream must deliver, read from the emulator's own state (not through the client).
        const state = yield* emulator.dump
        const expected = new Map(
          state.regions[0]!.domains.map((d) => [d.id, new Set(d.speakerJobs.map((j) => j.id))] as const)
        )
        yield* emulator.setFaults({
          seed: 42,
          all: { latencyMs: [latencyMs[0], latencyMs[1]] },
          operations: { ListSpeakerEnrollmentJobs: faultRates }
        })

        // Every request the client sends passes the probe: counted, its attempt header checked, the quota read.
        let quota: { readonly capacity: number; readonly available: number } | undefined
        let quotaMin = Number.POSITIVE_INFINITY
        let quotaMax = Number.NEGATIVE_INFINITY
        const sample = () => {
          if (quota === undefined) return
          quotaMin = Math.min(quotaMin, quota.available)
          quotaMax = Math.max(quotaMax, quota.available)
        }
        let requests = 0
        let badAttemptHeaders = 0
        let highestAttempt = 0
        const http = probe((request) => {
          requests++
          highestAttempt = Math.max(highestAttempt, request.attempt)
          if (
            !(request.attempt >= 1 && request.attempt <= request.maxAttempts && request.maxAttempts === MAX_ATTEMPTS)
          ) {
            badAttemptHeaders++
          }
          sample()
        }).pipe(Layer.provide(VoiceIdNode.layerHttpClient))
        // VoiceIdNode.layer's composition (node:http, node:crypto signer, static credentials), with the probe.
        const client = yield* Layer.build(
          VoiceId.layer({
            region: emulator.region,
            endpoint: emulator.url,
            maxAttempts: MAX_ATTEMPTS,
            // Only a guard against a hung run: no attempt comes near it.
            attemptTimeout: "60 seconds"
          }).pipe(
            Layer.provide([http, NodeSigner.layer, Credentials.layer({ accessKeyId: "test", secretAccessKey: "test" })])
          )
        )
        const voiceId = Context.get(client, VoiceId)
        quota = voiceId.client.retryQuota
        expect(quota).toBeDefined()
        const capacity = quota!.capacity

        const results = yield* Effect.forEach(
          seeded,
          (domain, i) => {
            const result: StreamResult = {
              domainId: domain.domainId,
              pageSize: pageSizes[i % pageSizes.length]!,
              seen: new Map(),
              pages: 0,
              attempts: 0,
              maxAttempts: 0
            }
            return Stream.runForEach(
              voiceId.listSpeakerEnrollmentJobsPages({ DomainId: domain.domainId }, { pageSize: result.pageSize }),
              (page) =>
                Effect.sync(() => {
                  sample()
                  result.pages++
                  const attempts = page.output.$metadata.attempts ?? Number.NaN
                  result.attempts += attempts
                  result.maxAttempts = Math.max(result.maxAttempts, attempts)
                  for (const job of page.items) result.seen.set(job.JobId!, (result.seen.get(job.JobId!) ?? 0) + 1)
                })
            ).pipe(Effect.as(result))
          },
          { concurrency: "unbounded" }
        )

        let delivered = 0
        let lost = 0
        let duplicates = 0
        for (const result of results) {
          const want = expected.get(result.domainId)!
          expect(want.size).toBe(jobsPerStream)
          for (const [id, times] of result.seen) {
            delivered += times
            duplicates += times - 1
            expect(want.has(id)).toBe(true)
          }
          for (const id of want) if (!result.seen.has(id)) lost++
          expect(result.pages).toBe(Math.ceil(jobsPerStream / result.pageSize))
          expect(result.maxAttempts).toBeLessThanOrEqual(MAX_ATTEMPTS)
        }
        expect(lost).toBe(0)
        expect(duplicates).toBe(0)
        expect(delivered).toBe(streams * jobsPerStream)

        // Attempts stay within the policy, and every attempt is one request the probe saw.
        const attempts = results.reduce((n, r) => n + r.attempts, 0)
        const pages = results.reduce((n, r) => n + r.pages, 0)
        expect(badAttemptHeaders).toBe(0)
        expect(highestAttempt).toBeLessThanOrEqual(MAX_ATTEMPTS)
        expect(requests).toBe(attempts)
        // The quota never went below zero nor above its capacity.
        expect(quotaMin).toBeGreaterThanOrEqual(0)
        expect(quotaMax).toBeLessThanOrEqual(capacity)

        // The emulator injected what it was asked to, and saw every request the client sent (a request lost on a
        // connection the emulator had just closed would be counted by the client only).
        const stats = (yield* emulator.faultStats).ListSpeakerEnrollmentJobs!
        expect(stats.throttled).toBeGreaterThan(0)
        expect(stats.internalErrors).toBeGreaterThan(0)
        expect(stats.dropped).toBeGreaterThan(0)
        expect(stats.requests).toBeLessThanOrEqual(requests)
        const injected = stats.throttled + stats.internalErrors + stats.dropped

        record({
          id: "soak",
          order: 10,
          title: "Soak: concurrent streams under injected faults",
          claim:
            `${streams} streams, each paging ${count(jobsPerStream)} enrollment jobs of its own domain through one ` +
            `client (node:http, node:crypto signer), while the emulator throttles ${faultRates.throttle * 100} % of ` +
            `requests, answers InternalServerException to ${faultRates.internalError * 100} %, drops ` +
            `${faultRates.drop * 100} % of connections and adds ${latencyMs[0]}–${latencyMs[1]} ms of random latency ` +
            `to every request. Standard retry policy, ${MAX_ATTEMPTS} attempts per call, one shared retry quota.`,
          rows: [
            ["streams × jobs", `${streams} × ${count(jobsPerStream)}`],
            ["page sizes", [...new Set(results.map((r) => r.pageSize))].join(", ")],
            ["pages delivered", count(pages)],
            ["requests made (client / seen by the emulator)", `${count(requests)} / ${count(stats.requests)}`],
            ["throttled (429)", count(stats.throttled)],
            ["InternalServerException (500)", count(stats.internalErrors)],
            ["connections dropped", count(stats.dropped)],
            ["requests delayed", count(stats.delayed)],
            ["jobs delivered", count(delivered)],
            ["lost", lost],
            ["duplicates", duplicates],
            [
              "attempts per call (max allowed / max seen)",
              `${MAX_ATTEMPTS} / ${Math.max(...results.map((r) => r.maxAttempts))}`
            ],
            ["attempt headers outside the policy", badAttemptHeaders],
            ["retry quota (capacity / minimum / maximum seen)", `${capacity} / ${quotaMin} / ${quotaMax}`]
          ],
          totals: {
            requests,
            faults: injected,
            faultsByKind: {
              "throttled (429)": stats.throttled,
              "InternalServerException (500)": stats.internalErrors,
              "connection dropped": stats.dropped
            },
            jobsDelivered: delivered,
            lost,
            duplicates
          },
          headline: [
            [
              "soak: attempts per call, allowed / most seen",
              `${MAX_ATTEMPTS} / ${Math.max(...results.map((r) => r.maxAttempts))}`
            ],
            ["soak: retry quota, capacity / lowest seen", `${capacity} / ${quotaMin}`]
          ]
        })
      }),
    { timeout: current === "full" ? 1_800_000 : 180_000 }
  )
})
