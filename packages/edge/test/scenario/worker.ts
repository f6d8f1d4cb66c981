/**
 * The scenario as a Worker: `GET /` runs it with the edge adapter against the emulator named by the `EMULATOR_URL`
 * binding and answers its JSON report (status 200) or its error (status 500).
 */

import * as Effect from "effect/Effect"
import { VoiceIdEdge } from "../../src/index.js"
import { runToJson } from "./Scenario.js"

interface Env {
  readonly EMULATOR_URL: string
  readonly AWS_REGION: string
  readonly AWS_ACCESS_KEY_ID: string
  readonly AWS_SECRET_ACCESS_KEY: string
}

export default {
  fetch: async (_request: Request, env: Env): Promise<Response> => {
    const layer = VoiceIdEdge.layer({
      region: env.AWS_REGION,
      endpoint: env.EMULATOR_URL,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
    })
    const { ok, json } = await Effect.runPromise(runToJson(env.EMULATOR_URL, layer))
    return new Response(json, { status: ok ? 200 : 500, headers: { "content-type": "application/json" } })
  }
}
