import { Operations } from "@effect-voiceid/client"
import * as Effect from "effect/Effect"
import { layerClient } from "../src/VoiceIdEdge.js"
export default {
  fetch: (request: Request, env: any): Promise<Response> =>
    Operations.listSpeakerEnrollmentJobs({ DomainId: "x", MaxResults: 100 }).pipe(
      Effect.map((page) => new Response(JSON.stringify(page.JobSummaries ?? []))),
      Effect.provide(layerClient({ region: env.AWS_REGION, credentials: { accessKeyId: env.A, secretAccessKey: env.B } })),
      Effect.catchAll((e) => Effect.succeed(new Response(String(e), { status: 500 }))),
      Effect.runPromise
    )
}
