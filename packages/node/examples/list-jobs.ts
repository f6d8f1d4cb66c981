/**
 * Counts a domain's speaker enrollment jobs by status, reading every page lazily, with the `VoiceId` service
 * built by `VoiceIdNode.layerConfig`: region, endpoint and credentials from the environment or the shared profile
 * files, as the AWS CLI finds them.
 *
 * @since 0.1.0
 */
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/**
 * The program: jobs per status, and the COMPLETED ones counted again through the service's `JobStatus` filter.
 *
 * @since 0.1.0
 */
export const program = Effect.gen(function* () {
  const DomainId = yield* Config.string("VOICEID_DOMAIN_ID")
  const voiceId = yield* VoiceId
  const byStatus = yield* voiceId.listSpeakerEnrollmentJobsStream({ DomainId }, { pageSize: 100 }).pipe(
    Stream.runFold({} as Record<string, number>, (counts, job) => {
      const status = job.JobStatus ?? "UNKNOWN"
      counts[status] = (counts[status] ?? 0) + 1
      return counts
    })
  )
  const completed = yield* Stream.runCount(
    voiceId.listSpeakerEnrollmentJobsStream({ DomainId, JobStatus: "COMPLETED" }, { pageSize: 100 })
  )
  return { byStatus, completed }
})

/**
 * `VoiceId` from the environment and the shared files (`AWS_REGION` or the profile's region, `AWS_ENDPOINT_URL`,
 * `AWS_ACCESS_KEY_ID` or the profile's keys, `AWS_PROFILE`, ...).
 *
 * @since 0.1.0
 */
export const VoiceIdLive = VoiceIdNode.layerConfig
