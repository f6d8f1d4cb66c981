import {
  CreateDomainCommand,
  DescribeSpeakerCommand,
  EvaluateSessionCommand,
  ListFraudstersCommand,
  OptOutSpeakerCommand,
  ResourceNotFoundException,
  StartFraudsterRegistrationJobCommand,
  StartSpeakerEnrollmentJobCommand
} from "@aws-sdk/client-voice-id"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { call, enrollmentManifest, failure, putObject, roleArn, sdk } from "./support.js"

describe("EvaluateSession", () => {
  it.scopedLive("answers from state by the documented rules", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator.make()
      const client = sdk(emulator)
      const domain = (yield* call(() =>
        client.send(new CreateDomainCommand({ Name: "calls", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }))
      )).Domain!
      const DomainId = domain.DomainId!
      enrollmentManifest(emulator.dataDir, "s3://manifests/enroll.json", [
        { requestId: "1", speakerId: "alice", audio: "s3://audio/alice.wav" },
        { requestId: "2", speakerId: "bob", audio: "s3://audio/bob.wav" }
      ])
      yield* call(() =>
        client.send(
          new StartSpeakerEnrollmentJobCommand({
            DomainId,
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: "s3://manifests/enroll.json" },
            OutputDataConfig: { S3Uri: "s3://results" }
          })
        )
      )
      putObject(emulator.dataDir, "s3://audio/crook.wav", "crook")
      putObject(
        emulator.dataDir,
        "s3://manifests/fraud.json",
        JSON.stringify({
          Version: "1.0",
          FraudsterRegistrationRequests: [
            { RequestId: "x", AudioSpecifications: [{ S3Uri: "s3://audio/crook.wav", ChannelId: 0 }] }
          ]
        })
      )
      yield* call(() =>
        client.send(
          new StartFraudsterRegistrationJobCommand({
            DomainId,
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: "s3://manifests/fraud.json" },
            OutputDataConfig: { S3Uri: "s3://results" }
          })
        )
      )
      yield* emulator.advanceClock("2 seconds")
      yield* call(() => client.send(new OptOutSpeakerCommand({ DomainId, SpeakerId: "bob" })))
      const fraudsterId = (yield* call(() => client.send(new ListFraudstersCommand({ DomainId }))))
        .FraudsterSummaries![0]!.GeneratedFraudsterId!

      const evaluate = (spec: Omit<Parameters<typeof emulator.registerSession>[0], "domainId">) =>
        Effect.flatMap(emulator.registerSession({ domainId: DomainId, ...spec }), ({ SessionId }) =>
          call(() => client.send(new EvaluateSessionCommand({ DomainId, SessionNameOrId: SessionId })))
        )
      const decision = (spec: Omit<Parameters<typeof emulator.registerSession>[0], "domainId">) =>
        Effect.map(evaluate(spec), (r) => [r.AuthenticationResult?.Decision, r.FraudDetectionResult?.Decision])

      const accepted = yield* evaluate({ sessionName: "call-1", speakerId: "alice" })
      expect(accepted.StreamingStatus).toBe("ONGOING")
      expect(accepted.SessionId).toMatch(/^id#[a-zA-Z0-9]{22}$/)
      expect(accepted.AuthenticationResult).toMatchObject({
        Decision: "ACCEPT",
        Score: 95,
        CustomerSpeakerId: "alice",
        Configuration: { AcceptanceThreshold: 90 }
      })
      expect(accepted.AuthenticationResult?.AuthenticationResultId).toMatch(/^[a-zA-Z0-9]{22}$/)
      expect(accepted.FraudDetectionResult).toMatchObject({
        Decision: "LOW_RISK",
        Reasons: [],
        RiskDetails: { KnownFraudsterRisk: { RiskScore: 0 }, VoiceSpoofingRisk: { RiskScore: 0 } },
        Configuration: { RiskThreshold: 50, WatchlistId: domain.WatchlistDetails!.DefaultWatchlistId }
      })
      // By name too, with the same answer.
      const byName = yield* call(() => client.send(new EvaluateSessionCommand({ DomainId, SessionNameOrId: "call-1" })))
      expect(byName.AuthenticationResult).toEqual(accepted.AuthenticationResult)
      const alice = yield* call(() => client.send(new DescribeSpeakerCommand({ DomainId, SpeakerId: "alice" })))
      expect(alice.Speaker?.LastAccessedAt).toBeInstanceOf(Date)

      expect(
        yield* decision({ sessionName: "same-voice", speakerId: "alice", audio: ["s3://audio/alice.wav"] })
      ).toEqual(["ACCEPT", "LOW_RISK"])
      expect(
        yield* decision({ sessionName: "other-voice", speakerId: "alice", audio: ["s3://audio/bob.wav"] })
      ).toEqual(["REJECT", "LOW_RISK"])
      expect(
        yield* decision({ sessionName: "forced", speakerId: "alice", authenticationScore: 60, acceptanceThreshold: 50 })
      ).toEqual(["ACCEPT", "LOW_RISK"])
      expect(yield* decision({ sessionName: "anonymous" })).toEqual(["SPEAKER_ID_NOT_PROVIDED", "LOW_RISK"])
      expect(yield* decision({ sessionName: "stranger", speakerId: "nobody" })).toEqual([
        "SPEAKER_NOT_ENROLLED",
        "LOW_RISK"
      ])
      expect(yield* decision({ sessionName: "opted-out", speakerId: "bob" })).toEqual(["SPEAKER_OPTED_OUT", "LOW_RISK"])
      expect(yield* decision({ sessionName: "short", speakerId: "alice", speechSeconds: 4 })).toEqual([
        "NOT_ENOUGH_SPEECH",
        "NOT_ENOUGH_SPEECH"
      ])
      const crook = yield* evaluate({ sessionName: "crook", speakerId: "alice", audio: ["s3://audio/crook.wav"] })
      expect(crook.FraudDetectionResult).toMatchObject({
        Decision: "HIGH_RISK",
        Reasons: ["KNOWN_FRAUDSTER"],
        RiskDetails: { KnownFraudsterRisk: { RiskScore: 100, GeneratedFraudsterId: fraudsterId } }
      })
      expect(yield* decision({ sessionName: "named", fraudsterId })).toEqual(["SPEAKER_ID_NOT_PROVIDED", "HIGH_RISK"])
      const spoofed = yield* evaluate({ sessionName: "spoof", speakerId: "alice", voiceSpoofingRiskScore: 80 })
      expect(spoofed.FraudDetectionResult?.Reasons).toEqual(["VOICE_SPOOFING"])
      const pending = yield* evaluate({
        sessionName: "pending",
        speakerId: "alice",
        streamingStatus: "PENDING_CONFIGURATION"
      })
      expect(pending.StreamingStatus).toBe("PENDING_CONFIGURATION")
      expect(pending.AuthenticationResult).toBeUndefined()

      const unknown = yield* failure(() =>
        client.send(new EvaluateSessionCommand({ DomainId, SessionNameOrId: "never-registered" }))
      )
      expect(unknown).toBeInstanceOf(ResourceNotFoundException)
      expect(unknown.ResourceType).toBe("SESSION")
    })
  )
})
