/**
 * Handles each typed error of the client with `Effect.catchTags`. Every failure a call can end with is a tagged
 * value in the error channel (never a thrown exception or a defect), so one `catchTags` that names every tag turns
 * any Voice ID call into an `Effect` that cannot fail, and the compiler checks that no tag was forgotten.
 *
 * The example provokes six of them: a domain that does not exist, an input the model rejects before anything is
 * sent, the same input sent anyway, a conflicting update, throttling, and an endpoint that does not answer. It
 * works in a scratch domain it creates and deletes.
 *
 * ```sh
 * pnpm --filter @effect-voiceid/examples typed-errors                 # an emulator that throttles ListSpeakers
 * pnpm --filter @effect-voiceid/examples typed-errors --endpoint URL  # throttling shows only if that endpoint throttles
 * ```
 *
 * @since 0.1.0
 */
import { type Errors, VoiceId } from "@effect-voiceid/client"
import { VoiceIdEdge } from "@effect-voiceid/edge"
import { VoiceIdNode } from "@effect-voiceid/node"
import { Console, Effect, Layer } from "effect"
import * as Example from "./shared/Example.js"

/**
 * Every error a Voice ID call can fail with: the service's modeled errors and the client's own.
 *
 * @category models
 * @since 0.1.0
 */
export type VoiceIdError = Errors.ModeledError | Errors.VoiceIdClientError

/**
 * One line per tag. Every tag of {@link VoiceIdError} is handled, so the result cannot fail: remove a case and
 * the error channel is no longer `never`, which the `Effect.Effect<string, never, R>` annotation refuses.
 *
 * @category handlers
 * @since 0.1.0
 */
export const explain = <A, R>(call: Effect.Effect<A, VoiceIdError, R>): Effect.Effect<string, never, R> =>
  call.pipe(
    Effect.as("succeeded"),
    Effect.catchTags({
      // The service's modeled errors carry the HTTP status and the request id in `$metadata`.
      ResourceNotFoundException: (e) => Effect.succeed(`ResourceNotFoundException (${e.ResourceType}): ${e.Message}`),
      ValidationException: (e) =>
        Effect.succeed(`ValidationException (HTTP ${e.$metadata.httpStatusCode}): ${e.Message}`),
      ConflictException: (e) => Effect.succeed(`ConflictException (${e.ConflictType}): ${e.Message}`),
      ThrottlingException: (e) => Effect.succeed(`ThrottlingException after ${e.$metadata.attempts} attempt(s)`),
      ServiceQuotaExceededException: (e) => Effect.succeed(`ServiceQuotaExceededException: ${e.Message}`),
      AccessDeniedException: (e) => Effect.succeed(`AccessDeniedException: ${e.Message}`),
      InternalServerException: (e) => Effect.succeed(`InternalServerException (request ${e.$metadata.requestId})`),
      // The client's own: nothing was sent, or no usable answer came back.
      RequestValidationError: (e) =>
        Effect.succeed(`RequestValidationError, nothing sent: ${e.issues.map((i) => i.path).join(", ")}`),
      UnknownServiceError: (e) => Effect.succeed(`UnknownServiceError ${e.code}`),
      ResponseDecodeError: (e) => Effect.succeed(`ResponseDecodeError: ${e.reason}`),
      TransportError: (e) => Effect.succeed(`TransportError (${e.reason}): ${e.detail}`),
      TimeoutError: (e) => Effect.succeed(`TimeoutError (${e.scope})`),
      CredentialsError: (e) => Effect.succeed(`CredentialsError (${e.source})`),
      SigningError: (e) => Effect.succeed(`SigningError: ${e.reason}`)
    })
  )

/**
 * What one scenario ended with.
 *
 * @category models
 * @since 0.1.0
 */
export interface Outcome {
  readonly scenario: string
  readonly outcome: string
}

// Nothing listens on port 1 of the loopback interface: the connection is refused at once. (The edge adapter, over
// fetch: the program stays free of Node-only code.)
const unreachable = VoiceIdEdge.layer({
  endpoint: "http://127.0.0.1:1",
  region: "us-east-1",
  credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
  maxAttempts: 1
}).pipe(Layer.orDie)

/**
 * The example: it needs only the `VoiceId` service.
 *
 * @category programs
 * @since 0.1.0
 */
export const typedErrors = Effect.gen(function* () {
  const voiceId = yield* VoiceId
  const outcomes: Array<Outcome> = []
  const run = <A, R>(scenario: string, call: Effect.Effect<A, VoiceIdError, R>) =>
    Effect.flatMap(explain(call), (outcome) => {
      outcomes.push({ scenario, outcome })
      return Console.log(`${scenario}\n  -> ${outcome}`)
    })

  // A scratch domain, deleted when the program ends, however it ends.
  const DomainId = yield* Effect.acquireRelease(
    voiceId
      .createDomain({
        Name: "typed-errors-example",
        ServerSideEncryptionConfiguration: { KmsKeyId: "alias/typed-errors-example-1" }
      })
      .pipe(Effect.map((created) => created.Domain?.DomainId ?? "")),
    (id) => Effect.ignore(voiceId.deleteDomain({ DomainId: id }))
  )

  yield* run("describe a domain that does not exist", voiceId.describeDomain({ DomainId: "0000000000000000000000" }))

  yield* run(
    "list with MaxResults 500 (the model allows 1 to 100)",
    voiceId.listSpeakerEnrollmentJobs({ DomainId, MaxResults: 500 })
  )
  yield* run(
    "the same, sent without client-side validation",
    voiceId.listSpeakerEnrollmentJobs({ DomainId, MaxResults: 500 }, { validate: false })
  )

  // A new KMS key starts an encryption update; another key change while it runs conflicts.
  const update = (KmsKeyId: string) =>
    voiceId.updateDomain({ DomainId, Name: "typed-errors-example", ServerSideEncryptionConfiguration: { KmsKeyId } })
  yield* run("change the domain's KMS key", update("alias/typed-errors-example-2"))
  yield* run("change it again while the first change runs", update("alias/typed-errors-example-3"))

  // One attempt only: the retry policy would otherwise absorb throttling (see custom-retry.ts).
  yield* run("list speakers with retries off", voiceId.listSpeakers({ DomainId }, { maxAttempts: 1 }))

  yield* run(
    "list domains on an endpoint where nothing listens",
    Effect.flatMap(VoiceId, (other) => other.listDomains()).pipe(Effect.provide(unreachable))
  )
  return outcomes
}).pipe(Effect.scoped)

/**
 * Runs the example with a command line (see the module description).
 *
 * @category main
 * @since 0.1.0
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const args = yield* Example.parse(argv, {})
    // A long encryption update, so that the second key change surely finds the first one running.
    const target = yield* Example.target(args, { encryptionUpdateTime: "1 hour" })
    if (target.emulator !== undefined) {
      yield* target.emulator.setFaults({ operations: { ListSpeakers: { throttle: 1 } } })
    }
    return yield* typedErrors.pipe(Effect.provide(VoiceIdNode.layer(target.client)))
  }).pipe(Effect.scoped)

Example.runMain(import.meta, "typed-errors [--endpoint URL] [--region R]", main)
