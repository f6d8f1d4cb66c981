/**
 * A Cloudflare Worker that calls one Voice ID operation: `GET /?domain=<DomainId>` answers the first page of the
 * domain's speaker enrollment jobs as JSON.
 *
 * It builds only the core client (`VoiceIdEdge.layerClient`) and calls the one operation it needs through
 * `Operations`, so the bundle carries that operation and not the 28 others' methods, streams and waiters.
 * Credentials and region come from the Worker's bindings; `VOICEID_ENDPOINT` points it at another endpoint (the
 * emulator).
 */
// Module paths, not the packages' index: the index re-exports each module as a namespace object, which bundlers
// keep whole; through the module paths esbuild keeps only what this Worker calls.
import * as Operations from "@effect-voiceid/client/Operations"
import * as VoiceIdEdge from "@effect-voiceid/edge/VoiceIdEdge"
import * as Effect from "effect/Effect"

export interface Env {
  readonly AWS_ACCESS_KEY_ID: string
  readonly AWS_SECRET_ACCESS_KEY: string
  readonly AWS_SESSION_TOKEN?: string
  readonly AWS_REGION: string
  readonly VOICEID_ENDPOINT?: string
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

const firstPage = (domainId: string) =>
  Operations.listSpeakerEnrollmentJobs({ DomainId: domainId, MaxResults: 100 }).pipe(
    Effect.map((page) => json(page.JobSummaries ?? [])),
    // Each failure the operation can have is typed: answer the modeled ones with their status.
    Effect.catchTags({
      ResourceNotFoundException: (error) => Effect.succeed(json({ error: error._tag, message: error.Message }, 404)),
      ValidationException: (error) => Effect.succeed(json({ error: error._tag, message: error.Message }, 400)),
      RequestValidationError: (error) => Effect.succeed(json({ error: error._tag, message: error.message }, 400))
    }),
    Effect.catchAll((error) => Effect.succeed(json({ error: error._tag, message: error.message }, 502)))
  )

export default {
  fetch: (request: Request, env: Env): Promise<Response> =>
    firstPage(new URL(request.url).searchParams.get("domain") ?? "").pipe(
      Effect.provide(
        VoiceIdEdge.layerClient({
          region: env.AWS_REGION,
          ...(env.VOICEID_ENDPOINT === undefined ? {} : { endpoint: env.VOICEID_ENDPOINT }),
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            sessionToken: env.AWS_SESSION_TOKEN
          }
        })
      ),
      Effect.catchAll((error) => Effect.succeed(json({ error: error._tag, message: error.message }, 500))),
      Effect.runPromise
    )
}
