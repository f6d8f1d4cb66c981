/**
 * Streams every speaker enrollment job of a domain: lazily, one page in flight and one in memory, however many
 * jobs there are, and counts them per status.
 *
 * ```sh
 * pnpm --filter @effect-voiceid/examples stream-jobs                          # an emulator with 1,234 seeded jobs
 * pnpm --filter @effect-voiceid/examples stream-jobs --endpoint URL --domain-id ID [--page-size 50]
 * ```
 *
 * @since 0.1.0
 */
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import { Console, Effect, Stream } from "effect"
import * as Example from "./shared/Example.js"

/**
 * What the example found.
 *
 * @category models
 * @since 0.1.0
 */
export interface Summary {
  readonly total: number
  /** Jobs per `JobStatus`, in the order the statuses first appeared. */
  readonly byStatus: Readonly<Record<string, number>>
}

/**
 * The example: it needs only the `VoiceId` service.
 *
 * @category programs
 * @since 0.1.0
 */
export const streamJobs = (DomainId: string, pageSize: number) =>
  Effect.gen(function* () {
    const voiceId = yield* VoiceId
    // Nothing is sent until the stream is run; each page is requested when the previous one has been consumed.
    const byStatus = yield* voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize }).pipe(
      Stream.runFold({} as Record<string, number>, (counts, job) => {
        const status = job.JobStatus ?? "UNKNOWN"
        counts[status] = (counts[status] ?? 0) + 1
        return counts
      })
    )
    const total = Object.values(byStatus).reduce((sum, count) => sum + count, 0)
    yield* Console.log(`${total} speaker enrollment jobs in domain ${DomainId}`)
    for (const [status, count] of Object.entries(byStatus)) yield* Console.log(`  ${status.padEnd(22)} ${count}`)
    return { total, byStatus } satisfies Summary
  })

const flags = {
  "domain-id": { type: "string" },
  "page-size": { type: "string" }
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
    const pageSize = yield* Example.positiveInt(args["page-size"], "page-size", 100)
    const target = yield* Example.target(args)
    const domainId = yield* Example.orPrepare(args["domain-id"], "domain-id", target, (emulator) =>
      Effect.map(emulator.seedJobs({ count: 1234, domainName: "stream-jobs-example" }), (seeded) => seeded.domainId)
    )
    return yield* streamJobs(domainId, pageSize).pipe(Effect.provide(VoiceIdNode.layer(target.client)))
  }).pipe(Effect.scoped)

Example.runMain(import.meta, "stream-jobs [--endpoint URL] [--region R] [--domain-id ID] [--page-size N]", main)
