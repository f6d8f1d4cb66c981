/**
 * Lists the speaker enrollment jobs of a domain three ways: one page, every job as a lazy stream, and a typed error
 * for a domain that does not exist. `main.ts` runs it against the endpoint the environment names.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { Credentials, Signer, VoiceId } from "../src/index.js"

/**
 * The program: it needs only `VoiceId` and the domain id from `VOICEID_DOMAIN_ID`.
 *
 * @category examples
 * @since 0.1.0
 */
export const program = Effect.gen(function* () {
  const DomainId = yield* Config.string("VOICEID_DOMAIN_ID")
  const voiceId = yield* VoiceId

  // One page, typed: `page.JobSummaries` is `ReadonlyArray<SpeakerEnrollmentJobSummary> | undefined`.
  const page = yield* voiceId.listSpeakerEnrollmentJobs({ DomainId, JobStatus: "COMPLETED", MaxResults: 10 })

  // Every job, lazily, 100 per request, one page in memory at a time.
  const total = yield* Stream.runCount(voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 100 }))

  // Errors are typed: the compiler knows DescribeDomain can fail with ResourceNotFoundException.
  const unknownDomain = yield* voiceId.describeDomain({ DomainId: "0000000000000000000000" }).pipe(
    Effect.as("exists"),
    Effect.catchTag("ResourceNotFoundException", (error) => Effect.succeed(`not found (${error.$metadata.requestId})`))
  )

  return { firstPage: page.JobSummaries?.length ?? 0, total, unknownDomain }
})

/**
 * `VoiceId` over `fetch`, the portable WebCrypto signer, and region, endpoint and credentials from the
 * environment (`AWS_REGION`, `AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
 *
 * @category examples
 * @since 0.1.0
 */
export const VoiceIdLive = VoiceId.layerConfig().pipe(
  Layer.provide(FetchHttpClient.layer),
  Layer.provide(Signer.layerWebCrypto),
  Layer.provide(Credentials.layerConfig())
)
