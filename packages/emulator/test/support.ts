/**
 * Test helpers: an official SDK client for an emulator, raw signed requests, files in the data folder.
 */

import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { VoiceIDClient } from "@aws-sdk/client-voice-id"
import { SigV4 } from "@effect-voiceid/protocol"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { nodeCrypto } from "../src/Auth.js"
import type { EmulatorService } from "../src/Emulator.js"
import { localPath } from "../src/Jobs.js"

/** The official client, pointed at the emulator, with retries off unless asked. */
export const sdk = (
  emulator: Pick<EmulatorService, "url" | "region" | "credentials">,
  options: { readonly secretAccessKey?: string; readonly accessKeyId?: string; readonly maxAttempts?: number } = {}
) =>
  new VoiceIDClient({
    endpoint: emulator.url,
    region: emulator.region,
    maxAttempts: options.maxAttempts ?? 1,
    credentials: {
      accessKeyId: options.accessKeyId ?? emulator.credentials.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? Redacted.value(emulator.credentials.secretAccessKey)
    }
  })

/** Runs an SDK call; a rejection is a defect. */
export const call = <A>(f: () => Promise<A>): Effect.Effect<A> => Effect.promise(f)

/** Runs an SDK call that must fail; succeeds with the error. */
export const failure = <A>(f: () => Promise<A>): Effect.Effect<Error & Record<string, unknown>> =>
  Effect.flip(
    Effect.tryPromise({ try: f, catch: (e) => e as Error & Record<string, unknown> }).pipe(
      Effect.flatMap((a) => Effect.dieMessage(`expected a failure, got ${JSON.stringify(a)}`))
    )
  )

/** An answer received over HTTP. */
export interface RawAnswer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: Record<string, unknown> | undefined
}

const answer = async (response: Response): Promise<RawAnswer> => {
  const text = await response.text()
  let json: Record<string, unknown> | undefined
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** Sends a request as given (no signing). */
export const rawRequest = (
  url: string,
  init: {
    readonly method?: string
    readonly path?: string
    readonly headers?: Record<string, string>
    readonly body?: string
  }
): Effect.Effect<RawAnswer> =>
  Effect.promise(() =>
    fetch(url + (init.path ?? "/"), {
      method: init.method ?? "POST",
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body })
    }).then(answer)
  )

/** Sends a signed Voice ID request for `target` with a JSON body. */
export const signedRequest = (
  emulator: Pick<EmulatorService, "url" | "region" | "credentials">,
  target: string,
  body: string,
  options: {
    readonly secretAccessKey?: string
    readonly region?: string
    readonly service?: string
    readonly signingDate?: Date
    readonly headers?: Record<string, string>
  } = {}
): Effect.Effect<RawAnswer> =>
  Effect.suspend(() => {
    const headers: Record<string, string> = {
      host: new URL(emulator.url).host,
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": target,
      ...options.headers
    }
    const signed = SigV4.sign(
      nodeCrypto,
      { method: "POST", path: "/", headers, body },
      {
        accessKeyId: emulator.credentials.accessKeyId,
        secretAccessKey: options.secretAccessKey ?? Redacted.value(emulator.credentials.secretAccessKey)
      },
      {
        region: options.region ?? emulator.region,
        service: options.service ?? "voiceid",
        signingDate: options.signingDate ?? new Date()
      }
    )
    const { host: _, ...sent } = headers
    return rawRequest(emulator.url, { headers: { ...sent, ...signed.headers }, body })
  })

/** Writes a file at an `s3://` URI of the data folder. */
export const putObject = (dataDir: string, uri: string, content: string | Uint8Array): void => {
  const located = localPath(dataDir, uri)
  if ("error" in located) throw new Error(located.error)
  mkdirSync(dirname(located.path), { recursive: true })
  writeFileSync(located.path, content)
}

/** A speaker enrollment manifest of `n` requests, each with its own recording (written too). */
export const enrollmentManifest = (
  dataDir: string,
  uri: string,
  speakers: ReadonlyArray<{ readonly requestId: string; readonly speakerId: string; readonly audio: string }>
): void => {
  for (const s of speakers) putObject(dataDir, s.audio, `RIFF voice of ${s.speakerId}`)
  putObject(
    dataDir,
    uri,
    JSON.stringify({
      Version: "1.0",
      SpeakerEnrollmentRequests: speakers.map((s) => ({
        RequestId: s.requestId,
        SpeakerId: s.speakerId,
        AudioSpecifications: [{ S3Uri: s.audio, ChannelId: 0 }]
      }))
    })
  )
}

/** Polls until `done` holds for the result, at most `attempts` times, `intervalMs` apart (real time). */
export const pollUntil = <A>(
  get: () => Promise<A>,
  done: (a: A) => boolean,
  intervalMs = 50,
  attempts = 400
): Effect.Effect<ReadonlyArray<A>> =>
  Effect.promise(async () => {
    const seen: Array<A> = []
    for (let i = 0; i < attempts; i++) {
      const a = await get()
      seen.push(a)
      if (done(a)) return seen
      await new Promise((r) => setTimeout(r, intervalMs))
    }
    throw new Error(`gave up after ${attempts} polls`)
  })

export const roleArn = "arn:aws:iam::000000000000:role/voiceid-batch"
