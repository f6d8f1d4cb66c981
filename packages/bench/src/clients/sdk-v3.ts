/**
 * The official client: `@aws-sdk/client-voice-id` with its `paginateListSpeakerEnrollmentJobs`, default
 * configuration (keep-alive Node handler, standard retries), the endpoint overridden to the page server.
 *
 * @since 0.1.0
 */
import { paginateListSpeakerEnrollmentJobs, VoiceIDClient } from "@aws-sdk/client-voice-id"
import * as Wire from "../Wire.js"
import * as Harness from "./Harness.js"

Harness.run({
  name: "sdk-v3",
  make: ({ endpoint, pageSize }) => {
    const client = new VoiceIDClient({ region: Wire.region, endpoint, credentials: Wire.credentials })
    return {
      streamJobs: async (domainId, visit) => {
        for await (const page of paginateListSpeakerEnrollmentJobs(
          { client, pageSize },
          { DomainId: domainId, MaxResults: pageSize }
        )) {
          for (const job of page.JobSummaries ?? []) visit(job)
        }
      },
      close: () => client.destroy()
    }
  }
})
