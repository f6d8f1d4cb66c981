/**
 * Reads several domains at once, at most `--concurrency` at a time: for each, its name and its jobs per status.
 * `Effect.forEach` with `concurrency` bounds the domains in flight; each domain's jobs are still read one page at
 * a time. Results come back in the order of the domains, whatever order they finish in, and the first failure
 * interrupts the reads still running.
 *
 * ```sh
 * pnpm --filter @effect-voiceid/examples fan-out                    # an emulator with six seeded domains
 * pnpm --filter @effect-voiceid/examples fan-out --endpoint URL [--domain-id ID ...] [--concurrency 3]
 * ```
 *
 * Without `--domain-id`, every domain of the account is read.
 *
 * @since 0.1.0
 */
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import { Chunk, Console, Effect, Stream } from "effect"
import * as Example from "./shared/Example.js"

/**
 * One domain's figures.
 *
 * @category models
 * @since 0.1.0
 */
export interface DomainSummary {
  readonly domainId: string
  readonly name: string
  readonly jobs: number
  readonly failed: number
}

/**
 * What the example found.
 *
 * @category models
 * @since 0.1.0
 */
export interface Summary {
  readonly domains: ReadonlyArray<DomainSummary>
  /** The most domains that were being read at the same time. */
  readonly peakConcurrency: number
}

/**
 * The example: it needs only the `VoiceId` service.
 *
 * @category programs
 * @since 0.1.0
 */
export const fanOut = (domainIds: ReadonlyArray<string> | undefined, concurrency: number) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    const ids =
      domainIds ??
      Chunk.toReadonlyArray(
        yield* Stream.runCollect(voiceId.listDomainsStream().pipe(Stream.map((domain) => domain.DomainId ?? "")))
      )

    let inFlight = 0
    let peakConcurrency = 0
    const summarize = (DomainId: string) =>
      Effect.gen(function* () {
        inFlight += 1
        peakConcurrency = Math.max(peakConcurrency, inFlight)
        // Two calls for the same domain, themselves concurrent.
        const [described, jobs] = yield* Effect.all(
          [
            voiceId.describeDomain({ DomainId }),
            Stream.runFold(
              voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 100 }),
              { jobs: 0, failed: 0 },
              (counts, job) => ({ jobs: counts.jobs + 1, failed: counts.failed + (job.JobStatus === "FAILED" ? 1 : 0) })
            )
          ],
          { concurrency: 2 }
        )
        return { domainId: DomainId, name: described.Domain?.Name ?? "", ...jobs } satisfies DomainSummary
      }).pipe(
        Effect.ensuring(
          Effect.sync(() => {
            inFlight -= 1
          })
        )
      )

    const domains = yield* Effect.forEach(ids, summarize, { concurrency })
    for (const domain of domains) {
      yield* Console.log(`${domain.name.padEnd(24)} ${String(domain.jobs).padStart(6)} jobs, ${domain.failed} failed`)
    }
    yield* Console.log(`${domains.length} domains, at most ${peakConcurrency} read at the same time`)
    return { domains, peakConcurrency } satisfies Summary
  })

const flags = {
  "domain-id": { type: "string", multiple: true },
  concurrency: { type: "string" }
} as const

/**
 * Runs the example with a command line (see the module description).
 *
 * @category main
 * @since 0.1.0
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const args = yield* Example.parse(argv, flags)
    const concurrency = yield* Example.positiveInt(args.concurrency, "concurrency", 3)
    const target = yield* Example.target(args)
    if (target.emulator !== undefined && args["domain-id"] === undefined) {
      const emulator = target.emulator
      yield* Effect.forEach([900, 750, 600, 450, 300, 150], (count, i) =>
        emulator.seedJobs({ count, domainName: `fan-out-example-${i + 1}` })
      )
    }
    return yield* fanOut(args["domain-id"], concurrency).pipe(Effect.provide(VoiceIdNode.layer(target.client)))
  }).pipe(Effect.scoped)

Example.runMain(import.meta, "fan-out [--endpoint URL] [--region R] [--domain-id ID]... [--concurrency N]", main)
