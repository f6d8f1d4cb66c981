/**
 * Sessions: EvaluateSession, answered from state by fixed rules (documented in the README). Sessions are
 * registered through the control routes, standing in for the Amazon Connect call that would stream audio.
 */
import type { Output } from "@effect-voiceid/protocol"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { derivedId } from "../internal/ids.js"
import { resultId, similarity, voiceOf } from "../Jobs.js"
import { type DomainRecord, type EmulatorState, findSpeaker, type SessionRecord } from "../State.js"
import { activeDomainOf, compact, type Handler, notFound } from "./context.js"

/**
 * A session to register: the call a contact center would stream to Voice ID.
 *
 * @since 0.1.0
 */
export const SessionSpec = Schema.Struct({
  domainId: Schema.String,
  /** `SessionName` (1–36 characters, `^[a-zA-Z0-9][a-zA-Z0-9_-]*$`). */
  sessionName: Schema.String.pipe(Schema.pattern(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,35}$/)),
  /** The speaker the caller claims to be (customer or generated id); none means `SPEAKER_ID_NOT_PROVIDED`. */
  speakerId: Schema.optional(Schema.String),
  streamingStatus: Schema.optional(Schema.Literal("PENDING_CONFIGURATION", "ONGOING", "ENDED")),
  /** Net speech heard so far (default 30); under 10 s is `NOT_ENOUGH_SPEECH`. */
  speechSeconds: Schema.optional(Schema.NonNegative),
  /** Recordings (`s3://` URIs in the data folder) of the caller's voice, matched against voiceprints. */
  audio: Schema.optional(Schema.Array(Schema.String)),
  /** The caller is this fraudster (`id#…`). */
  fraudsterId: Schema.optional(Schema.String),
  /** Forces the authentication score (0–100). */
  authenticationScore: Schema.optional(Schema.Int.pipe(Schema.between(0, 100))),
  /** The voice spoofing risk (0–100, default 0). */
  voiceSpoofingRiskScore: Schema.optional(Schema.Int.pipe(Schema.between(0, 100))),
  /** Default 90. */
  acceptanceThreshold: Schema.optional(Schema.Int.pipe(Schema.between(0, 100))),
  /** Default 50. */
  riskThreshold: Schema.optional(Schema.Int.pipe(Schema.between(0, 100))),
  /** The watchlist fraud detection uses (default: the domain's default watchlist). */
  watchlistId: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 */
export type SessionSpec = typeof SessionSpec.Type

/** The speech an evaluation needs, in seconds. */
export const minimumSpeechSeconds = 10

/**
 * Registers (or replaces, by name) a session; returns it, or why it cannot be.
 */
export const registerSession = (
  state: EmulatorState,
  domain: DomainRecord,
  spec: SessionSpec,
  now: number
): Either.Either<SessionRecord, string> => {
  const audio = spec.audio ?? []
  for (const uri of audio) {
    const voice = voiceOf(state.config.dataDir, uri)
    if ("error" in voice) return Either.left(voice.error)
  }
  if (spec.watchlistId !== undefined && !domain.watchlists.has(spec.watchlistId)) {
    return Either.left(`The watchlist ${spec.watchlistId} does not exist in domain ${domain.id}.`)
  }
  const previous = domain.sessionsByName.get(spec.sessionName)
  if (previous !== undefined) domain.sessions.delete(previous.id)
  const session: SessionRecord = {
    id: `id#${derivedId(state.secret, "session", domain.id, spec.sessionName, String(state.nextSeq()))}`,
    name: spec.sessionName,
    startedAt: now,
    speakerId: spec.speakerId,
    streamingStatus: spec.streamingStatus ?? "ONGOING",
    speechSeconds: spec.speechSeconds ?? 30,
    audio,
    fraudsterId: spec.fraudsterId,
    authenticationScore: spec.authenticationScore,
    voiceSpoofingRiskScore: spec.voiceSpoofingRiskScore,
    acceptanceThreshold: spec.acceptanceThreshold ?? 90,
    riskThreshold: spec.riskThreshold ?? 50,
    watchlistId: spec.watchlistId
  }
  domain.sessions.set(session.id, session)
  domain.sessionsByName.set(session.name, session)
  state.touch()
  return Either.right(session)
}

const voices = (state: EmulatorState, session: SessionRecord): Array<string> =>
  session.audio.flatMap((uri) => {
    const voice = voiceOf(state.config.dataDir, uri)
    return "error" in voice ? [] : [voice.hash]
  })

/**
 * Evaluates a session. Rules, in order:
 * 1. the domain must exist (`ResourceNotFoundException` `DOMAIN`) and be active (`ConflictException`
 *    `DOMAIN_NOT_ACTIVE`); the session, by id or name, must be registered (`ResourceNotFoundException` `SESSION`);
 * 2. a session `PENDING_CONFIGURATION` answers without results;
 * 3. authentication: no claimed speaker → `SPEAKER_ID_NOT_PROVIDED`; unknown or `PENDING` speaker →
 *    `SPEAKER_NOT_ENROLLED`; `OPTED_OUT` → `SPEAKER_OPTED_OUT`; `EXPIRED` → `SPEAKER_EXPIRED`; less than 10 s of
 *    speech → `NOT_ENOUGH_SPEECH`; otherwise the score is the forced score, else 100 when the session's audio
 *    shares a recording with the speaker's enrollment, 0 when it has audio that does not, 95 without audio;
 *    `ACCEPT` when the score reaches the acceptance threshold, else `REJECT`. An evaluated speaker's
 *    `LastAccessedAt` is set;
 * 4. fraud detection against the session's watchlist (default: the domain's default one): less than 10 s →
 *    `NOT_ENOUGH_SPEECH`; known-fraudster risk 100 when the caller is a fraudster of that watchlist (named, or
 *    sharing a recording with one), else 0; spoofing risk as registered (default 0); `HIGH_RISK` with the
 *    reasons whose risk reaches the risk threshold, else `LOW_RISK`.
 */
export const evaluateSession: Handler<"EvaluateSession"> = (ctx, input) =>
  Either.flatMap(activeDomainOf(ctx, input.DomainId), (domain) => {
    const session = domain.sessions.get(input.SessionNameOrId) ?? domain.sessionsByName.get(input.SessionNameOrId)
    if (session === undefined) return notFound("SESSION", `The session does not exist in domain ${domain.id}.`)
    const base = {
      DomainId: domain.id,
      SessionId: session.id,
      SessionName: session.name,
      StreamingStatus: session.streamingStatus
    }
    if (session.streamingStatus === "PENDING_CONFIGURATION") return Either.right(base)
    const enoughSpeech = session.speechSeconds >= minimumSpeechSeconds
    const startedAt = new Date(session.startedAt)
    const endedAt = new Date(session.startedAt + Math.round(session.speechSeconds * 1000))
    const callerVoice = voices(ctx.state, session)

    // Authentication
    const speaker = session.speakerId === undefined ? undefined : findSpeaker(domain, session.speakerId)
    let decision: Output.AuthenticationDecision
    let score: number | undefined
    if (session.speakerId === undefined) decision = "SPEAKER_ID_NOT_PROVIDED"
    else if (speaker === undefined || speaker.status === "PENDING") decision = "SPEAKER_NOT_ENROLLED"
    else if (speaker.status === "OPTED_OUT") decision = "SPEAKER_OPTED_OUT"
    else if (speaker.status === "EXPIRED") decision = "SPEAKER_EXPIRED"
    else if (!enoughSpeech) decision = "NOT_ENOUGH_SPEECH"
    else {
      score =
        session.authenticationScore ??
        (callerVoice.length === 0 ? 95 : similarity(callerVoice, speaker.voiceprint) >= 100 ? 100 : 0)
      decision = score >= session.acceptanceThreshold ? "ACCEPT" : "REJECT"
    }
    if (speaker !== undefined && speaker.status === "ENROLLED") {
      speaker.lastAccessedAt = ctx.now
      ctx.state.touch()
    }
    const AuthenticationResult = compact<Output.AuthenticationResult>({
      AudioAggregationStartedAt: startedAt,
      AudioAggregationEndedAt: endedAt,
      AuthenticationResultId: resultId(ctx.state, session.id, "authentication"),
      Configuration: { AcceptanceThreshold: session.acceptanceThreshold },
      CustomerSpeakerId: speaker?.customerId,
      GeneratedSpeakerId: speaker?.generatedId,
      Decision: decision,
      Score: score
    })

    // Fraud detection
    const watchlistId = session.watchlistId ?? domain.defaultWatchlistId
    const watchlist = domain.watchlists.get(watchlistId)
    const members = watchlist?.members.values() ?? []
    const named = session.fraudsterId === undefined ? undefined : members.find((f) => f.id === session.fraudsterId)
    const heard = named ?? members.find((f) => callerVoice.length > 0 && similarity(f.voiceprint, callerVoice) >= 100)
    const knownRisk = heard === undefined ? 0 : 100
    const spoofingRisk = session.voiceSpoofingRiskScore ?? 0
    const reasons: Array<"KNOWN_FRAUDSTER" | "VOICE_SPOOFING"> = []
    if (knownRisk >= session.riskThreshold) reasons.push("KNOWN_FRAUDSTER")
    if (spoofingRisk >= session.riskThreshold) reasons.push("VOICE_SPOOFING")
    const FraudDetectionResult = compact<Output.FraudDetectionResult>({
      AudioAggregationStartedAt: startedAt,
      AudioAggregationEndedAt: endedAt,
      Configuration: { RiskThreshold: session.riskThreshold, WatchlistId: watchlistId },
      Decision: !enoughSpeech ? "NOT_ENOUGH_SPEECH" : reasons.length > 0 ? "HIGH_RISK" : "LOW_RISK",
      FraudDetectionResultId: resultId(ctx.state, session.id, "fraud"),
      Reasons: enoughSpeech ? reasons : undefined,
      RiskDetails: enoughSpeech
        ? {
            KnownFraudsterRisk: compact<Output.KnownFraudsterRisk>({
              GeneratedFraudsterId: heard?.id,
              RiskScore: knownRisk
            }),
            VoiceSpoofingRisk: { RiskScore: spoofingRisk }
          }
        : undefined
    })
    return Either.right({ ...base, AuthenticationResult, FraudDetectionResult })
  })
