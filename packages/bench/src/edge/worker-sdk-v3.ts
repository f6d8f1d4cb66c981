/**
 * The one-operation Worker written with AWS SDK v3: `GET /?domain=ID` answers the first page of the domain's
 * speaker enrollment jobs as JSON.
 *
 * @since 0.1.0
 */
import { ListSpeakerEnrollmentJobsCommand, VoiceIDClient } from "@aws-sdk/client-voice-id"
import type { WorkerEnv } from "./Env.js"

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    const client = new VoiceIDClient({
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
      ...(env.VOICEID_ENDPOINT === undefined ? {} : { endpoint: env.VOICEID_ENDPOINT })
    })
    const domainId = new URL(request.url).searchParams.get("domain") ?? ""
    const page = await client.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId, MaxResults: 100 }))
    return new Response(JSON.stringify(page.JobSummaries ?? []), { headers: { "content-type": "application/json" } })
  }
}
