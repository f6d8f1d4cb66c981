/**
 * What a bad request is told (every offending member path, never a sensitive value), and what a response may
 * carry without failing (forward compatibility: unknown members, unknown enum values, values outside the model's
 * constraints).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Codec from "../src/Codec.js"
import { ConflictException, type RequestValidationError } from "../src/Errors.js"
import {
  CreateDomain,
  DeleteDomain,
  DescribeSpeaker,
  EvaluateSession,
  ListDomains,
  ListSpeakerEnrollmentJobs,
  ListSpeakers,
  operations,
  StartFraudsterRegistrationJob,
  StartSpeakerEnrollmentJob,
  TagResource,
  UntagResource
} from "../src/generated/Operations.js"
import { model, operationNames, shape } from "./support/model.js"

const DomainId = "AbCdEfGhIjKlMnOpQrStUv"
const RoleArn = "arn:aws:iam::123456789012:role/voiceid"
const ResourceArn = `arn:aws:voiceid:us-east-1:123456789012:domain/${DomainId}`
const table = operations as unknown as Readonly<Record<string, Codec.OperationDescription>>

/** The validation error for `input`, failing the test if the input is valid. */
const rejected = (operation: Codec.OperationDescription, input: unknown): RequestValidationError => {
  const result = Codec.validateInput(operation, input)
  if (Either.isRight(result)) throw new Error(`expected ${operation.name} to reject ${JSON.stringify(input)}`)
  return result.left
}
const issueAt = (error: RequestValidationError, path: string): string => {
  const issue = error.issues.find((i) => i.path === path)
  if (issue === undefined) throw new Error(`no issue at ${path}: ${JSON.stringify(error.issues)}`)
  return issue.message
}
const paths = (error: RequestValidationError): Array<string> => error.issues.map((i) => i.path).sort()

const enrollment = {
  DomainId,
  DataAccessRoleArn: RoleArn,
  InputDataConfig: { S3Uri: "s3://bucket/in.json" },
  OutputDataConfig: { S3Uri: "s3://bucket/out/" }
}

describe("requests: each rejection names the offending member path", () => {
  it("a valid request passes", () => {
    expect(Either.isRight(Codec.validateInput(StartSpeakerEnrollmentJob, enrollment))).toBe(true)
    expect(Either.isRight(Codec.validateInput(ListDomains, {}))).toBe(true)
  })

  it("too long (code points)", () => {
    const error = rejected(CreateDomain, {
      Name: "domain",
      ClientToken: "a".repeat(65),
      ServerSideEncryptionConfiguration: { KmsKeyId: "k".repeat(2049) }
    })
    expect(paths(error)).toEqual(["ClientToken", "ServerSideEncryptionConfiguration.KmsKeyId"])
    expect(issueAt(error, "ClientToken")).toBe("Expected a string of 1 to 64 character(s)")
    expect(issueAt(error, "ServerSideEncryptionConfiguration.KmsKeyId")).toBe(
      "Expected a string of 1 to 2048 character(s)"
    )
    expect(error.message).toContain("ClientToken: Expected a string of 1 to 64 character(s)")
  })

  it("exactly 22 characters for DomainId: 21 and 23 fail", () => {
    for (const id of [DomainId.slice(1), `${DomainId}x`]) {
      expect(issueAt(rejected(ListSpeakers, { DomainId: id }), "DomainId")).toContain("exactly 22 character(s)")
    }
  })

  it("wrong pattern", () => {
    const error = rejected(ListSpeakers, { DomainId: "AbCdEfGhIjKlMnOpQrStU!" })
    expect(issueAt(error, "DomainId")).toBe(
      'Expected a string matching the pattern ^[a-zA-Z0-9]{22}$, actual "AbCdEfGhIjKlMnOpQrStU!"'
    )
  })

  it("MaxResults 0 and 101 fail (1 to 100), and 11 fails for ListDomains (1 to 10)", () => {
    expect(issueAt(rejected(ListSpeakers, { DomainId, MaxResults: 0 }), "MaxResults")).toBe(
      "Expected a number greater than or equal to 1, actual 0"
    )
    expect(issueAt(rejected(ListSpeakers, { DomainId, MaxResults: 101 }), "MaxResults")).toBe(
      "Expected a number less than or equal to 100, actual 101"
    )
    expect(issueAt(rejected(ListDomains, { MaxResults: 11 }), "MaxResults")).toBe(
      "Expected a number less than or equal to 10, actual 11"
    )
    expect(issueAt(rejected(ListDomains, { MaxResults: 0 }), "MaxResults")).toContain("greater than or equal to 1")
    expect(issueAt(rejected(ListSpeakers, { DomainId, MaxResults: 2.5 }), "MaxResults")).toContain("integer")
  })

  it("an enum value the model does not list", () => {
    const error = rejected(ListSpeakerEnrollmentJobs, { DomainId, JobStatus: "DONE" })
    expect(issueAt(error, "JobStatus")).toBe(
      'Expected "SUBMITTED" | "IN_PROGRESS" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "FAILED", actual "DONE"'
    )
  })

  it("a missing required member, at the top and nested", () => {
    const { DomainId: _, ...withoutDomain } = enrollment
    expect(issueAt(rejected(StartSpeakerEnrollmentJob, withoutDomain), "DomainId")).toBe("is missing")
    const error = rejected(StartSpeakerEnrollmentJob, { ...enrollment, OutputDataConfig: {} })
    expect(paths(error)).toEqual(["OutputDataConfig.S3Uri"])
    expect(issueAt(error, "OutputDataConfig.S3Uri")).toBe("is missing")
  })

  it("wrong runtime types", () => {
    const error = rejected(ListSpeakerEnrollmentJobs, { DomainId: 22, MaxResults: "10", NextToken: false })
    expect(issueAt(error, "DomainId")).toBe("Expected string, actual 22")
    expect(issueAt(error, "MaxResults")).toBe('Expected number, actual "10"')
    expect(issueAt(error, "NextToken")).toBe("Expected string, actual false")
    expect(issueAt(rejected(TagResource, { ResourceArn, Tags: { Key: "k" } }), "Tags")).toContain(
      "Expected ReadonlyArray"
    )
    for (const input of [null, "DomainId", [], 42]) {
      expect(rejected(ListSpeakers, input).issues).toHaveLength(1)
      expect(issueAt(rejected(ListSpeakers, input), "")).toMatch(/^Expected ListSpeakersRequest/)
    }
  })

  it("an unknown extra member, at the top and nested", () => {
    const error = rejected(StartSpeakerEnrollmentJob, {
      ...enrollment,
      Extra: 1,
      InputDataConfig: { S3Uri: "s3://bucket/in.json", Region: "x" }
    })
    expect(paths(error)).toEqual(["Extra", "InputDataConfig.Region"])
    expect(issueAt(error, "Extra")).toMatch(/^is unexpected, expected: /)
  })

  it("nested paths: InputDataConfig.S3Uri, Tags[0].Key, Tags[1].Value, lists inside structures", () => {
    const start = rejected(StartSpeakerEnrollmentJob, { ...enrollment, InputDataConfig: { S3Uri: "http://bucket/x" } })
    expect(paths(start)).toEqual(["InputDataConfig.S3Uri"])
    expect(issueAt(start, "InputDataConfig.S3Uri")).toContain("pattern ^s3:")

    const tags = rejected(TagResource, {
      ResourceArn,
      Tags: [
        { Key: "", Value: "v" },
        { Key: "k", Value: 5 }
      ]
    })
    expect(paths(tags)).toEqual(["Tags[0].Key", "Tags[1].Value"])

    const fraud = rejected(StartSpeakerEnrollmentJob, {
      ...enrollment,
      EnrollmentConfig: {
        ExistingEnrollmentAction: "REPLACE",
        FraudDetectionConfig: { RiskThreshold: 101, WatchlistIds: [DomainId, DomainId] }
      }
    })
    expect(paths(fraud)).toEqual([
      "EnrollmentConfig.ExistingEnrollmentAction",
      "EnrollmentConfig.FraudDetectionConfig.RiskThreshold",
      "EnrollmentConfig.FraudDetectionConfig.WatchlistIds"
    ])
    expect(issueAt(fraud, "EnrollmentConfig.FraudDetectionConfig.WatchlistIds")).toBe(
      `Expected an array of at most 1 item(s), actual ["${DomainId}","${DomainId}"]`
    )
    const registration = rejected(StartFraudsterRegistrationJob, {
      ...enrollment,
      RegistrationConfig: { WatchlistIds: ["short"] }
    })
    expect(paths(registration)).toEqual(["RegistrationConfig.WatchlistIds[0]"])
  })

  it("every problem is listed; the message names the first three and counts the rest", () => {
    const error = rejected(StartSpeakerEnrollmentJob, {
      DomainId: "x",
      DataAccessRoleArn: "arn",
      InputDataConfig: {},
      OutputDataConfig: { S3Uri: 1 },
      ClientToken: "!"
    })
    expect(paths(error)).toEqual([
      "ClientToken",
      "DataAccessRoleArn",
      "DomainId",
      "InputDataConfig.S3Uri",
      "OutputDataConfig.S3Uri"
    ])
    expect(error.message).toMatch(/^Invalid StartSpeakerEnrollmentJob request: .+ \(and 2 more\)$/)
  })

  it("the server side names the same paths (ValidationException), and a body that is not an object is a SerializationException", () => {
    const decoded = Codec.decodeRequest(ListSpeakers, JSON.stringify({ DomainId, MaxResults: 101, Foo: 1 }))
    expect(Either.isLeft(decoded) && decoded.left._tag).toBe("ValidationException")
    if (Either.isLeft(decoded) && decoded.left._tag === "ValidationException") {
      // The service ignores members it does not know.
      expect(paths(decoded.left.error)).toEqual(["MaxResults"])
    }
    for (const body of ["[]", "null", "{", "<html/>", '"x"']) {
      const result = Codec.decodeRequest(ListSpeakers, body)
      expect(Either.isLeft(result) && result.left._tag, body).toBe("SerializationException")
    }
  })

  it("validation can be switched off for one request", () => {
    const encoded = Codec.encodeRequest(ListSpeakers, { DomainId: "short", MaxResults: 500 }, { validate: false })
    expect(Either.map(encoded, (r) => JSON.parse(r.body))).toEqual(Either.right({ DomainId: "short", MaxResults: 500 }))
  })
})

describe("requests: sensitive values never appear in a message", () => {
  const secret = "TOPSECRET"

  it("a bad JobName is named, its value is not shown", () => {
    for (const JobName of [`${secret} job!`, `${secret}, actual "x"`, 424242, `${secret}`.repeat(40)]) {
      const error = rejected(StartSpeakerEnrollmentJob, { ...enrollment, JobName })
      expect(paths(error)).toEqual(["JobName"])
      expect(error.message).toContain("JobName: Expected")
      // The length check names no value; the pattern and type checks would, and say that they do not.
      if (typeof JobName === "number" || JobName.length < 256) expect(error.message).toContain("value not shown")
      expect(JSON.stringify(error.issues)).not.toContain(secret)
      expect(JSON.stringify(error.issues)).not.toContain("424242")
    }
  })

  it("a too-long tag list or tag-key list shows no tags", () => {
    const tags = rejected(TagResource, {
      ResourceArn,
      Tags: Array.from({ length: 201 }, (_, i) => ({ Key: `k${i}`, Value: secret }))
    })
    expect(paths(tags)).toEqual(["Tags"])
    expect(issueAt(tags, "Tags")).toBe("Expected an array of at most 200 item(s), value not shown")
    const keys = rejected(UntagResource, {
      ResourceArn,
      TagKeys: Array.from({ length: 201 }, (_, i) => `${secret}${i}`)
    })
    expect(issueAt(keys, "TagKeys")).toBe("Expected an array of at most 200 item(s), value not shown")
    // A whole request holds sensitive members too.
    expect(issueAt(rejected(TagResource, secret), "")).not.toContain(secret)
  })

  /** Every path from an operation's input to a member whose shape the model marks sensitive. */
  const sensitivePaths = (root: string): Array<Array<string | number>> => {
    const out: Array<Array<string | number>> = []
    const visit = (name: string, path: Array<string | number>, depth: number) => {
      const s = shape(name)
      if (s.sensitive === true) out.push(path)
      else if (depth > 6) return
      else if (s.type === "list") visit(s.member!.shape, [...path, 0], depth + 1)
      else for (const [member, ref] of Object.entries(s.members ?? {})) visit(ref.shape, [...path, member], depth + 1)
    }
    visit(root, [], 0)
    return out
  }
  const setAt = (value: unknown, path: ReadonlyArray<string | number>, leaf: unknown): unknown => {
    if (path.length === 0) return leaf
    const [key, ...rest] = path
    if (typeof key === "number") {
      const list = Array.isArray(value) ? [...value] : []
      list[key] = setAt(list[key], rest, leaf)
      return list
    }
    const record = value !== null && typeof value === "object" && !Array.isArray(value) ? value : {}
    return { ...record, [key!]: setAt((record as Record<string, unknown>)[key!], rest, leaf) }
  }
  const cases = operationNames.flatMap((op) =>
    sensitivePaths(model.operations[op]!.input!.shape).map((path) => ({ op, path }))
  )

  it("there are sensitive request members to check", () => {
    expect(cases.map(({ op, path }) => `${op}:${path.join(".")}`)).toEqual(
      expect.arrayContaining([
        "StartSpeakerEnrollmentJob:JobName",
        "CreateDomain:Name",
        "CreateDomain:Description",
        "CreateDomain:Tags.0.Key",
        "CreateDomain:Tags.0.Value",
        "UntagResource:TagKeys.0",
        "DescribeSpeaker:SpeakerId",
        "DeleteFraudster:FraudsterId"
      ])
    )
  })

  it.prop(
    "for every sensitive member of every request: a bad value is named by path and never shown",
    [
      FastCheck.constantFrom(...cases),
      FastCheck.oneof(
        FastCheck.string({ minLength: 1 }).map((s) => `${secret}!${s}`),
        FastCheck.string().map((s) => `${secret}!${s}`.repeat(200)),
        FastCheck.integer({ min: 1_000_000 }),
        FastCheck.constant([secret]),
        FastCheck.constant({ value: secret })
      )
    ],
    ([{ op, path }, bad]) => {
      const operation = table[op]!
      const input = setAt({}, path, bad)
      const error = rejected(operation, input)
      const shown = JSON.stringify(error.issues) + error.message
      const at = path
        .map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`))
        .join("")
        .replace(/^\./, "")
      expect(error.issues.map((i) => i.path)).toContain(at)
      expect(shown).not.toContain(secret)
      if (typeof bad === "number") expect(shown).not.toContain(String(bad))
      // The emulator reads requests through the same checks.
      const server = Codec.decodeRequest(operation, JSON.stringify(input))
      expect(Either.isLeft(server)).toBe(true)
      if (Either.isLeft(server) && server.left._tag === "ValidationException") {
        expect(JSON.stringify(server.left.error.issues)).not.toContain(secret)
      }
    },
    { timeout: 60_000, fastCheck: { numRuns: 300 } }
  )
})

describe("responses: forward compatibility", () => {
  const page = (body: unknown) =>
    Codec.decodeResponse(ListSpeakerEnrollmentJobs, { status: 200, headers: {}, body: JSON.stringify(body) })

  it("members the model does not know are dropped, at every depth", () => {
    const decoded = page({
      JobSummaries: [{ DomainId, JobId: DomainId, JobProgress: { PercentComplete: 5, Eta: 9 }, Region: "x" }],
      NextToken: "t",
      SomethingNew: { deep: true }
    })
    expect(decoded).toEqual(
      Either.right({
        JobSummaries: [{ DomainId, JobId: DomainId, JobProgress: { PercentComplete: 5 } }],
        NextToken: "t",
        $metadata: { httpStatusCode: 200 }
      })
    )
  })

  it("enum values the model does not know are kept as strings, in outputs and in errors", () => {
    const decoded = page({ JobSummaries: [{ JobStatus: "PAUSED_FOR_REVIEW" }] })
    expect(Either.map(decoded, (p) => p.JobSummaries?.[0]?.JobStatus)).toEqual(Either.right("PAUSED_FOR_REVIEW"))
    const error = Codec.decodeResponse(CreateDomain, {
      status: 409,
      headers: {},
      body: JSON.stringify({ __type: "ConflictException", ConflictType: "SOME_NEW_CONFLICT" })
    })
    expect(Either.isLeft(error) && error.left).toBeInstanceOf(ConflictException)
    expect(Either.isLeft(error) && error.left._tag === "ConflictException" && error.left.ConflictType).toBe(
      "SOME_NEW_CONFLICT"
    )
  })

  it("values outside the model's constraints decode as they are", () => {
    const summary = {
      DomainId: "short",
      JobId: "not a job id at all!",
      JobName: "spaces are not allowed in requests",
      JobProgress: { PercentComplete: 250 },
      FailureDetails: { StatusCode: -1, Message: "" }
    }
    expect(Either.map(page({ JobSummaries: [summary], NextToken: "ünïcödé" }), ({ $metadata: _, ...p }) => p)).toEqual(
      Either.right({ JobSummaries: [summary], NextToken: "ünïcödé" })
    )
    const session = Codec.decodeResponse(EvaluateSession, {
      status: 200,
      headers: {},
      body: JSON.stringify({
        FraudDetectionResult: {
          Reasons: ["KNOWN_FRAUDSTER", "VOICE_SPOOFING", "A", "B", "C"],
          RiskDetails: { KnownFraudsterRisk: { RiskScore: 101 }, VoiceSpoofingRisk: { RiskScore: -5 } }
        }
      })
    })
    expect(Either.map(session, (s) => s.FraudDetectionResult?.Reasons)).toEqual(
      Either.right(["KNOWN_FRAUDSTER", "VOICE_SPOOFING", "A", "B", "C"])
    )
  })

  it("an output without members drops what it is sent", () => {
    for (const op of [DeleteDomain, TagResource, UntagResource]) {
      expect(Codec.decodeResponse(op, { status: 200, headers: {}, body: '{"Surprise":{"Name":"x"}}' })).toEqual(
        Either.right({ $metadata: { httpStatusCode: 200 } })
      )
    }
  })

  it("a member sent as null is absent", () => {
    expect(page({ JobSummaries: [{ JobName: null, CreatedAt: null }], NextToken: null })).toEqual(
      Either.right({ JobSummaries: [{}], $metadata: { httpStatusCode: 200 } })
    )
  })

  it("but a response must still have the model's structure and types (values not shown in the reason)", () => {
    const wrongType = page({ JobSummaries: [{ JobName: "secret-job", CreatedAt: "yesterday" }] })
    expect(Either.isLeft(wrongType) && wrongType.left._tag).toBe("ResponseDecodeError")
    if (Either.isLeft(wrongType) && wrongType.left._tag === "ResponseDecodeError") {
      expect(wrongType.left.reason).toContain("JobSummaries[0].CreatedAt")
      expect(wrongType.left.reason).not.toContain("yesterday")
    }
    // Required members of output structures are required: a response without one is not what the model promises.
    const missing = Codec.decodeResponse(EvaluateSession, {
      status: 200,
      headers: {},
      body: JSON.stringify({ FraudDetectionResult: { RiskDetails: { KnownFraudsterRisk: { RiskScore: 1 } } } })
    })
    expect(Either.isLeft(missing) && missing.left._tag === "ResponseDecodeError" && missing.left.reason).toBe(
      "FraudDetectionResult.RiskDetails.VoiceSpoofingRisk: is missing"
    )
  })

  it("a response of DescribeSpeaker keeps what a newer service adds to it", () => {
    const decoded = Codec.decodeResponse(DescribeSpeaker, {
      status: 200,
      headers: {},
      body: JSON.stringify({ Speaker: { Status: "ARCHIVED", CustomerSpeakerId: "x y z", Voiceprint: "new" } })
    })
    expect(Either.map(decoded, (d) => d.Speaker)).toEqual(
      Either.right({ Status: "ARCHIVED", CustomerSpeakerId: "x y z" })
    )
  })
})
