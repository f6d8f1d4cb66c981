import { Credentials, Operations, VoiceIdClient } from "@effect-voiceid/client"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Aws4fetchSigner from "../src/Aws4fetchSigner.js"

export default {
  fetch: (request: Request, env: any): Promise<Response> =>
    Operations.listSpeakerEnrollmentJobs({ DomainId: new URL(request.url).searchParams.get("domain") ?? "", MaxResults: 100 }).pipe(
      Effect.map((page) => new Response(JSON.stringify(page.JobSummaries ?? []))),
      Effect.provide(VoiceIdClient.layer({ region: env.AWS_REGION }).pipe(Layer.provide(Layer.mergeAll(FetchHttpClient.layer, Aws4fetchSigner.layer, Credentials.layer({ accessKeyId: env.A, secretAccessKey: env.B }))))),
      Effect.catchAll((e) => Effect.succeed(new Response(String(e), { status: 500 }))),
      Effect.runPromise
    )
}
