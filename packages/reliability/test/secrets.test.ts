import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Credentials, Errors, Signer, VoiceId, type VoiceIdConfig } from "@effect-voiceid/client"
import { Aws4fetchSigner } from "@effect-voiceid/edge"
import { Emulator } from "@effect-voiceid/emulator"
import { NodeSigner, VoiceIdNode } from "@effect-voiceid/node"
import { Codec, type OperationName, operations } from "@effect-voiceid/protocol"
import * as Arbitrary from "effect/Arbitrary"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as Tracer from "effect/Tracer"
import { count, record } from "../src/Figures.js"
import { type Answer as HttpAnswer, inMemory, probe } from "../src/Http.js"
import { inputShape, model, shape } from "../src/Model.js"
import { capturingLogger, errorTexts, leaks, type RecordedSpan, recordingTracer, spanTexts } from "../src/Observe.js"

// The known secrets: a secret key, a session token, and a value for every kind of member the model marks sensitive.
const ACCESS_KEY_ID = "AKIDRELIABILITY"
const SECRET = "RELIABILITYsecretKEYwJalrXUtnFEMIK7MDENG"
const TOKEN = "IQoJb3JpZ2luX2VjRELIABILITYsessionTOKEN0123456789abcdef/+=="
const sensitive = {
  domainName: "SensitiveDomainQ7",
  domainName2: "SensitiveDomainRenamedQ7",
  description: "Sensitive description Q7",
  tagKey: "SensitiveTagKeyQ7",
  tagValue: "SensitiveTagValueQ7",
  tagKey2: "SensitiveOtherTagQ7",
  watchlistName: "SensitiveWatchlistQ7",
  watchlistDescription: "Sensitive watchlist description Q7",
  jobName: "SensitiveJobNameQ7",
  jobName2: "SensitiveEnrollmentJobQ7",
  speaker: "SensitiveSpeakerQ7",
  optedOut: "SensitiveOptOutQ7",
  // Invalid values: what a validation error must name without showing.
  badName: "Sensitive bad name Q7!",
  badSpeaker: "Sensitive/bad speaker Q7",
  badTag: "SensitiveTag\u0000Q7"
}
// Values the emulator generates that the model marks sensitive (fraudster and generated speaker ids).
const generated: Array<string> = []
const secrets = () => [SECRET, TOKEN, WRONG_SECRET, FRAUDSTER_ID, ...Object.values(sensitive), ...generated]

const names = Object.keys(operations).sort() as Array<OperationName>
const table = operations as unknown as Readonly<
  Record<OperationName, Codec.OperationDescription & { readonly method: string }>
>
const FRAUDSTER_ID = "id#SensitiveFraudsterQ7ab"
const WRONG_SECRET = "WrongSecretQ7wJalrXUtnFEMIK7MDENGbPxRfiCY"

/** A valid input of each operation, with the sensitive values wherever it has a sensitive member. */
const sensitiveInputs = Object.fromEntries(
  names.map((name) => {
    const [sample] = FastCheck.sample(Arbitrary.make(table[name].input as Schema.Schema<unknown, unknown>), {
      numRuns: 1,
      seed: 3
    })
    const input = { ...(sample as Record<string, unknown>) }
    const watchlist = name.includes("Watchlist")
    const set = (member: string, value: unknown) => {
      if (member in (shape(inputShape(name)).members ?? {})) input[member] = value
    }
    set("Name", watchlist ? sensitive.watchlistName : sensitive.domainName)
    set("Description", watchlist ? sensitive.watchlistDescription : sensitive.description)
    set("Tags", [{ Key: sensitive.tagKey, Value: sensitive.tagValue }])
    set("TagKeys", [sensitive.tagKey])
    set("JobName", sensitive.jobName)
    set("SpeakerId", sensitive.speaker)
    set("FraudsterId", FRAUDSTER_ID)
    delete input.NextToken
    if (Either.isLeft(Codec.validateInput(table[name], input))) throw new Error(`invalid input for ${name}`)
    return [name, input]
  })
) as Record<OperationName, Record<string, unknown>>

/** The same inputs with every sensitive member given an invalid value (for validation errors). */
const invalidInputs = Object.fromEntries(
  names.map((name) => {
    const input = { ...sensitiveInputs[name] }
    for (const member of ["Name", "Description", "JobName", "SpeakerId"]) {
      if (member in input) input[member] = member === "SpeakerId" ? sensitive.badSpeaker : sensitive.badName
    }
    if ("Tags" in input) input.Tags = [{ Key: sensitive.badTag, Value: sensitive.badTag }]
    if ("TagKeys" in input) input.TagKeys = [sensitive.badTag]
    if ("FraudsterId" in input) input.FraudsterId = `${FRAUDSTER_ID}!`
    return [name, input]
  })
) as Record<OperationName, Record<string, unknown>>
const withSensitiveMembers = names.filter((name) =>
  ["Name", "Description", "JobName", "SpeakerId", "Tags", "TagKeys", "FraudsterId"].some(
    (m) => m in sensitiveInputs[name]
  )
)

/**
 * A 200 body for `operation` that holds a sensitive value where a member has the wrong type (a string inside a
 * list, or a string where something else is expected): the decode error must say where, not what.
 */
const decodeTrap = (operation: OperationName): string => {
  const output = model.operations[operation]!.output
  const members = Object.entries(output === undefined ? {} : (shape(output.shape).members ?? {}))
  const found = members.find(([, r]) => shape(r.shape).type !== "string") ?? members[0]
  // An operation without output members decodes any object: only a body that is not an object fails.
  if (found === undefined) return JSON.stringify([sensitive.domainName, SECRET])
  const [member, ref] = found
  const type = shape(ref.shape).type
  return JSON.stringify({ [member]: type === "string" ? [sensitive.domainName] : `${sensitive.description} ${SECRET}` })
}

const call = (voiceId: VoiceId.Service, operation: OperationName, input: unknown, options?: Record<string, unknown>) =>
  (voiceId as unknown as Record<string, (i: unknown, o?: unknown) => Effect.Effect<unknown, unknown>>)[
    table[operation].method
  ]!(input, options)
const roleArn = "arn:aws:iam::000000000000:role/voiceid-batch"

type Answer = HttpAnswer | "never"

/** Everything captured across the tests, scanned at the end of each. */
interface Capture {
  readonly spans: Array<RecordedSpan>
  readonly tracer: Tracer.Tracer
  readonly lines: Array<string>
  readonly logger: Logger.Logger<unknown, void>
  readonly failures: Array<string>
  /** The signatures sent: derived from the secret, they must not show either. */
  readonly signatures: Set<string>
}

const newCapture = (): Capture => ({ ...recordingTracer(), ...capturingLogger(), failures: [], signatures: new Set() })

const totals = {
  calls: 0,
  failures: 0,
  spans: 0,
  lines: 0,
  texts: 0,
  operationsSucceeded: 0,
  errorKinds: new Set<string>()
}

/** Runs a call with tracing and logging on: it is logged before, its outcome after; a failure is kept to scan. */
const observed =
  (capture: Capture) =>
  <A, E>(label: string, effect: Effect.Effect<A, E>): Effect.Effect<Exit.Exit<A, E>> =>
    Effect.gen(function* () {
      totals.calls++
      yield* Effect.logDebug("calling", label)
      const exit = yield* Effect.exit(Effect.withSpan(effect, `test ${label}`))
      if (Exit.isFailure(exit)) {
        totals.failures++
        yield* Effect.logError(`${label} failed`, exit.cause)
        capture.failures.push(Cause.pretty(exit.cause, { renderErrorCause: true }))
        const failure = Option.getOrUndefined(Cause.failureOption(exit.cause))
        if (failure !== undefined) {
          capture.failures.push(...errorTexts(failure))
          totals.errorKinds.add((failure as { readonly _tag?: string })._tag ?? "untagged")
        }
        for (const defect of Cause.defects(exit.cause)) capture.failures.push(...errorTexts(defect))
      } else yield* Effect.logInfo(`${label} succeeded`)
      return exit
    }).pipe(Effect.annotateLogs("test", "secrets"))

const withObservation = <A, E, R>(capture: Capture, effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.withTracer(capture.tracer),
    Effect.provide(Logger.replace(Logger.defaultLogger, capture.logger)),
    Logger.withMinimumLogLevel(LogLevel.All)
  )

/** Scans everything captured; fails the test on a hit. */
const scan = (capture: Capture) => {
  const texts = [...capture.spans.flatMap(spanTexts), ...capture.lines, ...capture.failures]
  // The capture works (it holds what it should), and so does the scan (a planted value is found).
  expect(capture.spans.length).toBeGreaterThan(0)
  expect(capture.lines.length).toBeGreaterThan(0)
  expect(leaks([...texts, `planted ${SECRET}`], [SECRET])).toHaveLength(1)
  totals.spans += capture.spans.length
  totals.lines += capture.lines.length
  totals.texts += texts.length
  const found = leaks(texts, [...secrets(), ...capture.signatures])
  expect(found).toEqual([])
  return found.length
}

const putObject = (dataDir: string, uri: string, content: string) => {
  const path = join(dataDir, uri.slice("s3://".length))
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
}

/** The layers under test: the Node composition (node:http, node:crypto) or the edge one (fetch, aws4fetch). */
const clientLayer = (capture: Capture, options: VoiceIdConfig.Options, flavour: "node" | "edge") =>
  VoiceId.layer(options).pipe(
    Layer.provide([
      probe((request) => {
        const authorization = request.request.headers.authorization
        const signature = authorization === undefined ? undefined : /Signature=([0-9a-f]{64})/.exec(authorization)?.[1]
        if (signature !== undefined) capture.signatures.add(signature)
      }).pipe(Layer.provide(flavour === "node" ? VoiceIdNode.layerHttpClient : FetchHttpClient.layer)),
      flavour === "node" ? NodeSigner.layer : Aws4fetchSigner.layer,
      Credentials.layer({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN })
    ])
  )

const emulatorOptions = { seed: 21, credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET }] }

/** Calls all 29 operations successfully, with the sensitive values in their inputs. */
const everyOperation = (capture: Capture, voiceId: VoiceId.Service, emulator: Emulator.EmulatorService) =>
  Effect.gen(function* () {
    const call = observed(capture)
    const succeeded = new Set<string>()
    const ok = <A, E>(operation: OperationName, effect: Effect.Effect<A, E>) =>
      Effect.flatMap(call(operation, effect), (exit) => {
        if (Exit.isFailure(exit)) return Effect.dieMessage(`${operation} failed: ${Cause.pretty(exit.cause)}`)
        succeeded.add(operation)
        return Effect.succeed(exit.value)
      })
    const fast = Schedule.spaced("50 millis").pipe(Schedule.compose(Schedule.recurs(400)))

    const { Domain } = yield* ok(
      "CreateDomain",
      voiceId.createDomain({
        Name: sensitive.domainName,
        Description: sensitive.description,
        ServerSideEncryptionConfiguration: { KmsKeyId: "alias/reliability" },
        Tags: [{ Key: sensitive.tagKey, Value: sensitive.tagValue }]
      })
    )
    const DomainId = Domain!.DomainId!
    const arn = Domain!.Arn!
    yield* ok("DescribeDomain", voiceId.describeDomain({ DomainId }))
    yield* ok("ListDomains", Stream.runDrain(voiceId.listDomainsStream({}, { pageSize: 2 })))
    yield* ok(
      "UpdateDomain",
      voiceId.updateDomain({
        DomainId,
        Name: sensitive.domainName2,
        Description: sensitive.description,
        ServerSideEncryptionConfiguration: { KmsKeyId: "alias/reliability" }
      })
    )
    const { Watchlist } = yield* ok(
      "CreateWatchlist",
      voiceId.createWatchlist({ DomainId, Name: sensitive.watchlistName, Description: sensitive.watchlistDescription })
    )
    const WatchlistId = Watchlist!.WatchlistId!
    yield* ok("DescribeWatchlist", voiceId.describeWatchlist({ DomainId, WatchlistId }))
    yield* ok(
      "UpdateWatchlist",
      voiceId.updateWatchlist({ DomainId, WatchlistId, Description: sensitive.watchlistDescription })
    )
    const watchlists = yield* ok("ListWatchlists", voiceId.listWatchlists({ DomainId }))
    const defaultWatchlist = watchlists.WatchlistSummaries!.find((w) => w.DefaultWatchlist)!.WatchlistId!

    // A fraudster registered by a job, then a speaker enrolled by another (the emulator's local S3).
    putObject(emulator.dataDir, "s3://audio/fraudster.wav", "RIFF the fraudster's voice")
    putObject(emulator.dataDir, "s3://audio/speaker.wav", "RIFF the speaker's voice")
    putObject(
      emulator.dataDir,
      "s3://manifests/fraudsters.json",
      JSON.stringify({
        Version: "1.0",
        FraudsterRegistrationRequests: [
          { RequestId: "f1", AudioSpecifications: [{ S3Uri: "s3://audio/fraudster.wav", ChannelId: 0 }] }
        ]
      })
    )
    putObject(
      emulator.dataDir,
      "s3://manifests/speakers.json",
      JSON.stringify({
        Version: "1.0",
        SpeakerEnrollmentRequests: [
          {
            RequestId: "s1",
            SpeakerId: sensitive.speaker,
            AudioSpecifications: [{ S3Uri: "s3://audio/speaker.wav", ChannelId: 0 }]
          }
        ]
      })
    )
    const registration = yield* ok(
      "StartFraudsterRegistrationJob",
      voiceId.startFraudsterRegistrationJob({
        DomainId,
        JobName: sensitive.jobName,
        DataAccessRoleArn: roleArn,
        InputDataConfig: { S3Uri: "s3://manifests/fraudsters.json" },
        OutputDataConfig: { S3Uri: "s3://results/fraudsters" },
        RegistrationConfig: { WatchlistIds: [defaultWatchlist] }
      })
    )
    const registrationJob = { DomainId, JobId: registration.Job!.JobId! }
    yield* ok(
      "DescribeFraudsterRegistrationJob",
      voiceId.awaitFraudsterRegistrationJob(registrationJob, { schedule: fast })
    )
    yield* ok(
      "ListFraudsterRegistrationJobs",
      Stream.runDrain(voiceId.listFraudsterRegistrationJobsStream({ DomainId }))
    )
    const fraudsters = yield* ok("ListFraudsters", voiceId.listFraudsters({ DomainId }))
    const FraudsterId = fraudsters.FraudsterSummaries![0]!.GeneratedFraudsterId!
    generated.push(FraudsterId)
    yield* ok("DescribeFraudster", voiceId.describeFraudster({ DomainId, FraudsterId }))
    yield* ok("AssociateFraudster", voiceId.associateFraudster({ DomainId, FraudsterId, WatchlistId }))
    yield* ok("DisassociateFraudster", voiceId.disassociateFraudster({ DomainId, FraudsterId, WatchlistId }))

    const enrollment = yield* ok(
      "StartSpeakerEnrollmentJob",
      voiceId.startSpeakerEnrollmentJob({
        DomainId,
        JobName: sensitive.jobName2,
        DataAccessRoleArn: roleArn,
        InputDataConfig: { S3Uri: "s3://manifests/speakers.json" },
        OutputDataConfig: { S3Uri: "s3://results/speakers" }
      })
    )
    yield* ok(
      "DescribeSpeakerEnrollmentJob",
      voiceId.awaitSpeakerEnrollmentJob({ DomainId, JobId: enrollment.Job!.JobId! }, { schedule: fast })
    )
    yield* ok("ListSpeakerEnrollmentJobs", Stream.runDrain(voiceId.listSpeakerEnrollmentJobsStream({ DomainId })))
    const speakers = yield* ok("ListSpeakers", voiceId.listSpeakers({ DomainId }))
    const generatedSpeaker = speakers.SpeakerSummaries!.find((s) => s.CustomerSpeakerId === sensitive.speaker)!
    generated.push(generatedSpeaker.GeneratedSpeakerId!)
    yield* ok("DescribeSpeaker", voiceId.describeSpeaker({ DomainId, SpeakerId: sensitive.speaker }))
    yield* ok("OptOutSpeaker", voiceId.optOutSpeaker({ DomainId, SpeakerId: sensitive.optedOut }))
    const session = yield* emulator.registerSession({
      domainId: DomainId,
      sessionName: "reliability-session",
      speakerId: sensitive.speaker
    })
    yield* ok("EvaluateSession", voiceId.evaluateSession({ DomainId, SessionNameOrId: session.SessionName }))
    yield* ok(
      "TagResource",
      voiceId.tagResource({ ResourceArn: arn, Tags: [{ Key: sensitive.tagKey2, Value: sensitive.tagValue }] })
    )
    yield* ok("ListTagsForResource", voiceId.listTagsForResource({ ResourceArn: arn }))
    yield* ok("UntagResource", voiceId.untagResource({ ResourceArn: arn, TagKeys: [sensitive.tagKey2] }))
    yield* ok("DeleteSpeaker", voiceId.deleteSpeaker({ DomainId, SpeakerId: sensitive.speaker }))
    yield* ok("DeleteFraudster", voiceId.deleteFraudster({ DomainId, FraudsterId }))
    yield* ok("DeleteWatchlist", voiceId.deleteWatchlist({ DomainId, WatchlistId }))
    yield* ok("DeleteDomain", voiceId.deleteDomain({ DomainId }))
    return succeeded
  })

describe("secrets: a known secret key, session token and sensitive values never show in logs, spans or errors", () => {
  for (const flavour of ["node", "edge"] as const) {
    it.scopedLive(
      `every operation succeeds (${flavour === "node" ? "node:http + node:crypto" : "fetch + aws4fetch"}), tracing and logging on`,
      () =>
        Effect.gen(function* () {
          const capture = newCapture()
          const serverSpans = recordingTracer()
          const emulator = yield* Emulator.make({ ...emulatorOptions, tracing: true }).pipe(
            Effect.withTracer(serverSpans.tracer)
          )
          const client = yield* Layer.build(
            clientLayer(capture, { region: emulator.region, endpoint: emulator.url }, flavour)
          )
          const voiceId = Context.get(client, VoiceId)
          const succeeded = yield* withObservation(capture, everyOperation(capture, voiceId, emulator))
          expect([...succeeded].sort()).toEqual(names)
          totals.operationsSucceeded += succeeded.size
          expect(capture.spans.filter((s) => s.name.startsWith("VoiceID.")).length).toBeGreaterThanOrEqual(29)
          expect(capture.signatures.size).toBeGreaterThan(0)
          scan(capture)
          // The emulator's own spans (tracing on) list request headers: the session token must be redacted there.
          expect(serverSpans.spans.length).toBeGreaterThanOrEqual(29)
          expect(leaks(serverSpans.spans.flatMap(spanTexts), secrets())).toEqual([])
          totals.spans += serverSpans.spans.length
        })
    )
  }
  it.scopedLive("every modeled error of every operation, and every protocol error, on an in-memory HTTP client", () =>
    Effect.gen(function* () {
      const capture = newCapture()
      let answer: (operation: OperationName) => Answer = () => ({ status: 200, body: "{}" })
      const http = inMemory((request) => {
        const operation = request.target.slice("VoiceID.".length) as OperationName
        return Effect.flatMap(
          Effect.sync(() => answer(operation)),
          (a) => (a === "never" ? Effect.never : Effect.succeed(a))
        )
      })
      const client = yield* Layer.build(
        VoiceId.layer({ region: "us-east-1", maxAttempts: 2, retrySchedule: Schedule.spaced("1 millis") }).pipe(
          Layer.provide([
            http.layer,
            NodeSigner.layer,
            Credentials.layer({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN })
          ])
        )
      )
      const voiceId = Context.get(client, VoiceId)
      const run = observed(capture)
      const expectTag = (exit: Exit.Exit<unknown, unknown>, tag: string, label: string) =>
        expect(Exit.isFailure(exit) && Option.getOrUndefined(Cause.failureOption(exit.cause)), label).toMatchObject({
          _tag: tag
        })

      yield* withObservation(
        capture,
        Effect.gen(function* () {
          for (const name of names) {
            const input = sensitiveInputs[name]
            for (const error of table[name].errors) {
              const status = (error as unknown as { readonly httpStatus: number }).httpStatus
              answer = () => ({
                status,
                headers: { "x-amzn-requestid": "rid" },
                body: JSON.stringify({
                  __type: `com.amazonaws.voiceid#${error._tag}`,
                  Message: `${error._tag} happened`,
                  ResourceType: "DOMAIN",
                  ConflictType: "ANOTHER_ACTIVE_STREAM"
                })
              })
              expectTag(yield* run(`${name} → ${error._tag}`, call(voiceId, name, input)), error._tag, name)
            }
            const protocolFailures: ReadonlyArray<readonly [string, Answer, string]> = [
              [
                "UnrecognizedClientException",
                {
                  status: 403,
                  body: '{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}'
                },
                "UnknownServiceError"
              ],
              [
                "InvalidSignatureException",
                {
                  status: 403,
                  body: '{"__type":"InvalidSignatureException","Message":"The request signature we calculated does not match"}'
                },
                "UnknownServiceError"
              ],
              ["an HTML page", { status: 502, body: "<html><body>Bad Gateway</body></html>" }, "ResponseDecodeError"],
              [
                "a body with a sensitive value in a member of the wrong type",
                { status: 200, body: decodeTrap(name) },
                "ResponseDecodeError"
              ],
              ["a refused connection", "transport-error", "TransportError"],
              ["no answer", "never", "TimeoutError"]
            ]
            for (const [label, reply, tag] of protocolFailures) {
              answer = () => reply
              const options = reply === "never" ? { attemptTimeout: "20 millis", maxAttempts: 1 } : undefined
              expectTag(yield* run(`${name} → ${label}`, call(voiceId, name, input, options)), tag, `${name} ${label}`)
            }
          }
          // A service repeating its NextToken.
          answer = () => ({ status: 200, body: JSON.stringify({ SpeakerSummaries: [], NextToken: "same" }) })
          expectTag(
            yield* run(
              "ListSpeakers → repeated token",
              Stream.runDrain(voiceId.listSpeakersStream({ DomainId: "a".repeat(22) }))
            ),
            "PaginationError",
            "repeated token"
          )
        })
      )
      scan(capture)
    })
  )

  it.scopedLive(
    "failure paths against the emulator: not found, conflict, quota, server validation, wrong secret, faults, token expiry, jobs",
    () =>
      Effect.gen(function* () {
        const capture = newCapture()
        const emulator = yield* Emulator.make(emulatorOptions)
        const options = { region: emulator.region, endpoint: emulator.url, retrySchedule: Schedule.spaced("1 millis") }
        const voiceId = Context.get(yield* Layer.build(clientLayer(capture, options, "node")), VoiceId)
        const run = observed(capture)
        const tagOf = (exit: Exit.Exit<unknown, unknown>) =>
          Exit.isFailure(exit)
            ? (Option.getOrUndefined(Cause.failureOption(exit.cause)) as { _tag: string } | undefined)?._tag
            : "success"

        yield* withObservation(
          capture,
          Effect.gen(function* () {
            // Every operation on a domain that does not exist (or an ARN of one).
            for (const name of names) {
              if (name === "CreateDomain" || name === "ListDomains") continue
              const input = { ...sensitiveInputs[name] }
              if ("DomainId" in input) input.DomainId = "z".repeat(22)
              if ("ResourceArn" in input)
                input.ResourceArn = `arn:aws:voiceid:us-east-1:000000000000:domain/${"z".repeat(22)}`
              expect(tagOf(yield* run(`${name} on a missing domain`, call(voiceId, name, input))), name).toBe(
                "ResourceNotFoundException"
              )
            }
            // Quota: three domains, then a fourth.
            for (let i = 0; i < 3; i++) yield* voiceId.createDomain(sensitiveInputs.CreateDomain as never)
            expect(
              tagOf(yield* run("CreateDomain over quota", call(voiceId, "CreateDomain", sensitiveInputs.CreateDomain)))
            ).toBe("ServiceQuotaExceededException")
            // Conflict: a second key change while the first is in progress.
            const domains = yield* voiceId.listDomains({})
            const DomainId = domains.DomainSummaries![0]!.DomainId!
            const change = (key: string) => ({
              ...sensitiveInputs.UpdateDomain,
              DomainId,
              ServerSideEncryptionConfiguration: { KmsKeyId: key }
            })
            yield* voiceId.updateDomain(change("alias/first") as never)
            expect(
              tagOf(
                yield* run("UpdateDomain during a key change", call(voiceId, "UpdateDomain", change("alias/second")))
              )
            ).toBe("ConflictException")
            // Server-side validation (client validation off) of invalid sensitive values.
            for (const name of withSensitiveMembers) {
              const input = { ...invalidInputs[name], ...("DomainId" in invalidInputs[name] ? { DomainId } : {}) }
              expect(
                tagOf(
                  yield* run(`${name} invalid, checked by the service`, call(voiceId, name, input, { validate: false }))
                ),
                name
              ).toBe("ValidationException")
            }
            // A wrong secret.
            const forged = Context.get(
              yield* Layer.build(
                VoiceId.layer({ ...options, maxAttempts: 1 }).pipe(
                  Layer.provide([
                    VoiceIdNode.layerHttpClient,
                    NodeSigner.layer,
                    Credentials.layer({
                      accessKeyId: ACCESS_KEY_ID,
                      secretAccessKey: WRONG_SECRET,
                      sessionToken: TOKEN
                    })
                  ])
                )
              ),
              VoiceId
            )
            for (const name of withSensitiveMembers) {
              expect(tagOf(yield* run(`${name} with a wrong secret`, call(forged, name, sensitiveInputs[name])))).toBe(
                "UnknownServiceError"
              )
            }
            // Injected faults: throttling, internal errors, dropped connections.
            for (const [fault, tag] of [
              [{ throttle: 1 }, "ThrottlingException"],
              [{ internalError: 1 }, "InternalServerException"],
              [{ drop: 1 }, "TransportError"]
            ] as const) {
              yield* emulator.setFaults({ all: fault })
              for (const name of withSensitiveMembers) {
                const input = { ...sensitiveInputs[name], ...("DomainId" in sensitiveInputs[name] ? { DomainId } : {}) }
                expect(tagOf(yield* run(`${name} under ${tag}`, call(voiceId, name, input))), name).toBe(tag)
              }
            }
            yield* emulator.setFaults({})
            // Jobs: one that failed, one that never ends within the waiter's schedule.
            yield* emulator.seedJobs({
              domainId: DomainId,
              count: 2,
              statuses: { FAILED: 1 },
              namePrefix: sensitive.jobName
            })
            yield* emulator.seedJobs({
              domainId: DomainId,
              count: 1,
              statuses: { IN_PROGRESS: 1 },
              namePrefix: sensitive.jobName
            })
            const jobs = (yield* voiceId.listSpeakerEnrollmentJobs({ DomainId })).JobSummaries!
            const failed = jobs.find((j) => j.JobStatus === "FAILED")!
            const running = jobs.find((j) => j.JobStatus === "IN_PROGRESS")!
            expect(
              tagOf(yield* run("a failed job", voiceId.awaitSpeakerEnrollmentJob({ DomainId, JobId: failed.JobId! })))
            ).toBe("JobFailedError")
            expect(
              tagOf(
                yield* run(
                  "a job still running",
                  voiceId.awaitSpeakerEnrollmentJob(
                    { DomainId, JobId: running.JobId! },
                    { schedule: Schedule.recurs(2) }
                  )
                )
              )
            ).toBe("WaiterTimeoutError")
            // A stream whose token expires while it is paused (the emulator clock jumps 25 h).
            const paused = yield* Effect.fork(
              Effect.exit(
                Stream.runForEach(voiceId.listSpeakerEnrollmentJobsPages({ DomainId }, { pageSize: 1 }), (page) =>
                  page.resumeToken !== undefined && page.items.length > 0 && page.items[0]!.JobId === jobs[0]!.JobId
                    ? emulator.advanceClock("25 hours")
                    : Effect.void
                )
              )
            )
            const expired = yield* Fiber.join(paused)
            expect(tagOf(expired)).toBe("NextTokenExpiredError")
            yield* run("the expired stream, logged", expired)
          })
        )
        scan(capture)
      })
  )

  it.scoped("client-side failures: validation of sensitive values, credentials, signing, configuration", () =>
    Effect.gen(function* () {
      const capture = newCapture()
      const http = inMemory(() => ({ status: 200, body: "{}" }))
      const run = observed(capture)
      const layerOf = (
        credentials: Layer.Layer<Credentials.Credentials, Errors.CredentialsError>,
        signer = NodeSigner.layer
      ) => VoiceId.layer({ region: "us-east-1" }).pipe(Layer.provide([http.layer, signer, credentials]))
      const voiceId = Context.get(
        yield* Layer.build(
          layerOf(Credentials.layer({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN }))
        ),
        VoiceId
      )
      yield* withObservation(
        capture,
        Effect.gen(function* () {
          for (const name of withSensitiveMembers) {
            const exit = yield* run(`${name} with invalid sensitive values`, call(voiceId, name, invalidInputs[name]))
            const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
            expect(error).toMatchObject({ _tag: "RequestValidationError" })
            // The member is named (its value is what must not show).
            const members = Object.keys(invalidInputs[name]).filter((m) => m !== "DomainId")
            expect(
              members.some((m) => String(error).includes(m)),
              name
            ).toBe(true)
          }
          // Credentials that cannot be read: the secret is there, the access key is not.
          const fromEnvironment = yield* run(
            "credentials from an incomplete environment",
            Effect.scoped(
              Layer.build(layerOf(Credentials.layerConfig())).pipe(
                Effect.withConfigProvider(
                  ConfigProvider.fromMap(
                    new Map([
                      ["AWS_SECRET_ACCESS_KEY", SECRET],
                      ["AWS_SESSION_TOKEN", TOKEN]
                    ])
                  )
                )
              )
            )
          )
          expect(Exit.isFailure(fromEnvironment)).toBe(true)
          const failingSource = yield* run(
            "credentials from a failing source",
            Effect.scoped(
              Effect.flatMap(
                Layer.build(
                  layerOf(
                    Credentials.layerEffect(
                      Effect.fail(new Errors.CredentialsError({ source: "test", reason: "the token service is down" }))
                    )
                  )
                ),
                (context) => Context.get(context, VoiceId).describeDomain({ DomainId: "a".repeat(22) })
              )
            )
          )
          expect(Exit.isFailure(failingSource)).toBe(true)
          // A crypto implementation that fails (as WebCrypto does on a platform that refuses the key).
          const failingCrypto = Signer.fromSha256HmacAsync({
            sha256Hex: () => Promise.reject(new Error("OperationError: the operation failed")),
            hmacSha256: () => Promise.reject(new Error("OperationError: the operation failed"))
          })
          const unsigned = yield* run(
            "signing with a failing crypto implementation",
            Effect.scoped(
              Effect.flatMap(
                Layer.build(
                  layerOf(
                    Credentials.layer({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN }),
                    Layer.succeed(Signer.Signer, failingCrypto)
                  )
                ),
                (context) => Context.get(context, VoiceId).describeDomain({ DomainId: "a".repeat(22) })
              )
            )
          )
          expect(Exit.isFailure(unsigned) && Option.getOrUndefined(Cause.failureOption(unsigned.cause))).toMatchObject({
            _tag: "SigningError"
          })
          // An endpoint with the secret in its user info is refused without repeating it.
          const configured = yield* run(
            "an endpoint carrying credentials",
            Effect.scoped(
              Layer.build(
                VoiceId.layer({
                  region: "us-east-1",
                  endpoint: `https://${ACCESS_KEY_ID}:${SECRET}@voiceid.example`
                }).pipe(
                  Layer.provide([
                    http.layer,
                    NodeSigner.layer,
                    Credentials.layer({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET })
                  ])
                )
              )
            )
          )
          expect(Exit.isFailure(configured)).toBe(true)
        })
      )
      expect(http.sent).toHaveLength(0)
      const found = scan(capture)
      record({
        id: "secrets",
        order: 100,
        title: "Secrets",
        claim:
          "A known secret key and session token, and a known value for every kind of member the model marks " +
          "sensitive (domain, watchlist and job names, descriptions, tag keys and values, customer speaker ids, " +
          "fraudster and generated speaker ids). Every operation runs to success against the emulator (through " +
          "the Node composition and the edge one), then through every failure path: each modeled error of each " +
          "operation, unknown codes, HTML and undecodable bodies holding sensitive values, refused connections, " +
          "timeouts, repeated tokens, not found, conflict, quota, server-side validation, a wrong secret, injected " +
          "throttling, internal errors and dropped connections, an expired token, failed and unfinished jobs, " +
          "client-side validation of sensitive values, unreadable credentials, a failing crypto implementation, an endpoint " +
          "carrying credentials. A test tracer and logger capture everything (tracing on in the emulator too); every " +
          "log line (string, logfmt, JSON, structured), span name, attribute, event and exit, and every failure as " +
          "String(error), its message, JSON.stringify, util.inspect, its stack and Cause.pretty is scanned for the " +
          "values, and for every request signature sent.",
        rows: [
          ["operations run to success (Node + edge compositions)", totals.operationsSucceeded],
          ["calls observed", count(totals.calls)],
          ["failures observed", count(totals.failures)],
          ["error kinds seen", [...totals.errorKinds].sort().join(", ")],
          ["spans captured (client and emulator)", count(totals.spans)],
          ["log lines captured (× 5 formats)", count(totals.lines)],
          ["texts scanned", count(totals.texts)],
          ["values searched for", secrets().length],
          ["secrets leaked", found]
        ],
        totals: { secretsLeaked: found }
      })
    })
  )
})
