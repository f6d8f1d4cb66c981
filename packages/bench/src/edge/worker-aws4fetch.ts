/**
 * The one-operation Worker written with raw aws4fetch: `GET /?domain=ID` answers the first page of the domain's
 * speaker enrollment jobs as JSON.
 *
 * @since 0.1.0
 */
import { AwsClient } from "aws4fetch"
import type { WorkerEnv } from "./Env.js"

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    const aws = new AwsClient({
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      service: "voiceid",
      region: env.AWS_REGION
    })
    const domainId = new URL(request.url).searchParams.get("domain") ?? ""
    const response = await aws.fetch(env.VOICEID_ENDPOINT ?? "https://voiceid." + env.AWS_REGION + ".amazonaws.com/", {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "VoiceID.ListSpeakerEnrollmentJobs" },
      body: JSON.stringify({ DomainId: domainId, MaxResults: 100 })
    })
    if (!response.ok) return new Response(await response.text(), { status: response.status })
    const page = (await response.json()) as { JobSummaries?: ReadonlyArray<unknown> }
    return new Response(JSON.stringify(page.JobSummaries ?? []), { headers: { "content-type": "application/json" } })
  }
}
