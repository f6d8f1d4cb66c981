/**
 * Our Node adapter as a user runs it: `VoiceIdNode.layer({ endpoint, region, credentials })` built once into a
 * `ManagedRuntime`, and `listSpeakerEnrollmentJobsStream` run to the end with `Stream.runForEach`.
 *
 * @since 0.1.0
 */
import { VoiceId } from "@effect-voiceid/client"
import { VoiceIdNode } from "@effect-voiceid/node"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import * as Wire from "../Wire.js"
import * as Harness from "./Harness.js"

Harness.run({
  name: "effect-voiceid-node",
  make: async ({ endpoint, pageSize }) => {
    const runtime = ManagedRuntime.make(
      VoiceIdNode.layer({ endpoint, region: Wire.region, credentials: Wire.credentials })
    )
    // Build the layer (HTTP client, signer, credentials) before the measured window, as the other clients do.
    await runtime.runtime()
    return {
      streamJobs: (domainId, visit) =>
        runtime.runPromise(
          Effect.flatMap(VoiceId, (voiceId) =>
            Stream.runForEach(voiceId.listSpeakerEnrollmentJobsStream({ DomainId: domainId }, { pageSize }), (job) =>
              Effect.sync(() => visit(job))
            )
          )
        ),
      close: () => runtime.dispose()
    }
  }
})
