/**
 * The awsJson1_0 codec on Voice ID operations: what a request looks like on the wire, how every kind of answer
 * decodes (outputs, modeled errors, unknown codes, bodies that break the protocol), and redaction of sensitive
 * members.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Codec from "../src/Codec.js"
import {
  AccessDeniedException,
  ConflictException,
  modeledErrors,
  ResourceNotFoundException,
  ThrottlingException,
  UnknownServiceError,
  ValidationException
} from "../src/Errors.js"
import {
  CreateDomain,
  DeleteDomain,
  DescribeDomain,
  DescribeSpeaker,
  ListDomains,
  ListSpeakerEnrollmentJobs,
  operations,
  StartSpeakerEnrollmentJob,
  TagResource
} from "../src/generated/Operations.js"
import * as OutputSchemas from "../src/generated/OutputSchemas.js"
import * as Schemas from "../src/generated/Schemas.js"
import * as Sensitive from "../src/Sensitive.js"
import { httpErrors, shape, shapeNames } from "./support/model.js"

const DomainId = "AbCdEfGhIjKlMnOpQrStUv"
const table = operations as unknown as Readonly<Record<string, Codec.OperationDescription>>

const leftOf = <A, E>(either: Either.Either<A, E>): E => {
  if (Either.isRight(either)) throw new Error(`expected a failure, got ${JSON.stringify(either.right)}`)
  return either.left
}
const rightOf = <A, E>(either: Either.Either<A, E>): A => {
  if (Either.isLeft(either)) throw new Error(`expected a success, got ${String(either.left)}`)
  return either.right
}

describe("encodeRequest", () => {
  it("sends the exact target, the awsJson 1.0 content type and the input as JSON", () => {
    const request = rightOf(
      Codec.encodeRequest(ListSpeakerEnrollmentJobs, { DomainId, JobStatus: "COMPLETED", MaxResults: 2 })
    )
    expect(request).toEqual({
      target: "VoiceID.ListSpeakerEnrollmentJobs",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "VoiceID.ListSpeakerEnrollmentJobs" },
      body: JSON.stringify({ DomainId, JobStatus: "COMPLETED", MaxResults: 2 })
    })
    expect(Codec.contentType).toBe("application/x-amz-json-1.0")
  })

  it("every operation targets VoiceID.<Name>", () => {
    for (const [name, op] of Object.entries(table)) {
      const request = Codec.encodeRequest(op, {} as never, { validate: false })
      expect(Either.map(request, (r) => [r.target, r.headers["x-amz-target"]])).toEqual(
        Either.right([`VoiceID.${name}`, `VoiceID.${name}`])
      )
    }
  })

  it("an empty input is {}, and undefined members are left out", () => {
    expect(Either.map(Codec.encodeRequest(ListDomains, {}), (r) => r.body)).toEqual(Either.right("{}"))
    expect(Either.map(Codec.encodeRequest(ListDomains, { NextToken: undefined }), (r) => r.body)).toEqual(
      Either.right("{}")
    )
    expect(Codec.toJson(undefined)).toBe("{}")
  })

  it("timestamps go out as epoch seconds, with milliseconds as a fraction", () => {
    const Timed = {
      name: "Timed",
      target: "Test.Timed",
      input: Schema.Struct({ At: Schemas.Timestamp, List: Schema.Array(Schemas.Timestamp) }),
      output: Schema.Struct({}),
      errors: []
    } satisfies Codec.OperationDescription
    const request = rightOf(
      Codec.encodeRequest(Timed, { At: new Date(1_764_720_000_500), List: [new Date(0), new Date(-1001)] })
    )
    expect(request.body).toBe('{"At":1764720000.5,"List":[0,-1.001]}')
    expect(Codec.encodeOutput(DescribeSpeaker, { Speaker: { CreatedAt: new Date(1500) } })).toBe(
      '{"Speaker":{"CreatedAt":1.5}}'
    )
  })

  it("an invalid input is not encoded", () => {
    const error = leftOf(Codec.encodeRequest(ListDomains, { MaxResults: 11 }))
    expect(error._tag).toBe("RequestValidationError")
    expect(error.operation).toBe("ListDomains")
  })
})

describe("decodeResponse: outputs", () => {
  it("a 2xx answer decodes into the typed output with the response metadata", () => {
    const decoded = Codec.decodeResponse(DescribeDomain, {
      status: 200,
      headers: { "X-Amzn-RequestId": "rid-1", "Content-Type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ Domain: { DomainId, CreatedAt: 1764720000.25, DomainStatus: "ACTIVE" } })
    })
    expect(decoded).toEqual(
      Either.right({
        Domain: { DomainId, CreatedAt: new Date(1_764_720_000_250), DomainStatus: "ACTIVE" },
        $metadata: { httpStatusCode: 200, requestId: "rid-1" }
      })
    )
  })

  it("an operation without output decodes {} or an empty body", () => {
    for (const body of ["", "{}", "  "]) {
      expect(Codec.decodeResponse(DeleteDomain, { status: 200, headers: {}, body })).toEqual(
        Either.right({ $metadata: { httpStatusCode: 200 } })
      )
    }
  })
})

describe("decodeResponse: modeled errors", () => {
  it.each(Object.keys(modeledErrors))("%s decodes into its class with status, request id and members", (code) => {
    const ErrorClass = modeledErrors[code as keyof typeof modeledErrors]
    const status = httpErrors[code]!.httpStatus
    const extra =
      code === "ResourceNotFoundException"
        ? { ResourceType: "DOMAIN" }
        : code === "ConflictException"
          ? { ConflictType: "DOMAIN_NOT_ACTIVE" }
          : {}
    const error = leftOf(
      Codec.decodeResponse(CreateDomain, {
        status,
        headers: { "x-amzn-requestid": "rid-2" },
        body: JSON.stringify({ __type: `com.amazonaws.voiceid#${code}`, Message: "went wrong", ...extra })
      })
    )
    expect(error).toBeInstanceOf(ErrorClass)
    expect(error).toMatchObject({
      _tag: code,
      Message: "went wrong",
      ...extra,
      $metadata: { httpStatusCode: status, requestId: "rid-2" }
    })
    expect(error.message).toBe("went wrong")
  })

  it("reads the message from Message or message", () => {
    for (const body of [
      { __type: "ValidationException", message: "lower" },
      { __type: "ValidationException", Message: "lower" }
    ]) {
      const error = leftOf(Codec.decodeResponse(ListDomains, { status: 400, headers: {}, body: JSON.stringify(body) }))
      expect(error).toBeInstanceOf(ValidationException)
      expect(error._tag === "ValidationException" && error.Message).toBe("lower")
    }
    const none = leftOf(
      Codec.decodeResponse(ListDomains, { status: 400, headers: {}, body: '{"__type":"ValidationException"}' })
    )
    expect(none.message).toBe("ValidationException")
  })

  it("an error with no body at all is read from the X-Amzn-Errortype header", () => {
    const error = leftOf(
      Codec.decodeResponse(ListDomains, {
        status: 429,
        headers: { "X-Amzn-ErrorType": "ThrottlingException" },
        body: ""
      })
    )
    expect(error).toBeInstanceOf(ThrottlingException)
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 429 } })
  })
})

describe("error codes: X-Amzn-Errortype header, then body code, then __type", () => {
  const all = {
    headers: { "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.service/" },
    body: { code: "com.amazonaws.voiceid#AccessDeniedException", __type: "ResourceNotFoundException" }
  }

  it("errorCode keeps what stands before the first ':' and then what follows the first '#'", () => {
    expect(Codec.errorCode(all.headers, all.body)).toBe("ThrottlingException")
    expect(Codec.errorCode({}, all.body)).toBe("AccessDeniedException")
    expect(Codec.errorCode({}, { __type: all.body.__type })).toBe("ResourceNotFoundException")
    expect(Codec.errorCode({ "X-AMZN-ERRORTYPE": "a.b#Foo:http://x#y" }, undefined)).toBe("Foo")
    expect(Codec.errorCode({ "x-amzn-errortype": "" }, { __type: "a#b#Bar" })).toBe("b#Bar")
    expect(Codec.errorCode({}, { code: 5, __type: "Bar" })).toBe("Bar")
    expect(Codec.errorCode({}, { Nested: { __type: "Foo" } })).toBeUndefined()
    expect(Codec.errorCode({}, undefined)).toBeUndefined()
  })

  it("decodeResponse follows the same order", () => {
    const decode = (headers: Record<string, string>, body: object) =>
      leftOf(Codec.decodeResponse(CreateDomain, { status: 400, headers, body: JSON.stringify(body) }))
    expect(decode(all.headers, all.body)).toBeInstanceOf(ThrottlingException)
    expect(decode({}, all.body)).toBeInstanceOf(AccessDeniedException)
    expect(decode({}, { __type: "aws.protocoltests#ConflictException:http://x" })).toBeInstanceOf(ConflictException)
    expect(decode({ "X-Amzn-Errortype": "ResourceNotFoundException" }, { __type: "ConflictException" })).toBeInstanceOf(
      ResourceNotFoundException
    )
  })
})

describe("decodeResponse: unknown codes", () => {
  it("a code the model does not know is an UnknownServiceError with code, status and message", () => {
    const error = leftOf(
      Codec.decodeResponse(ListDomains, {
        status: 403,
        headers: { "x-amzn-requestid": "rid-3" },
        body: JSON.stringify({ __type: "com.amazon.coral.service#UnrecognizedClientException", message: "bad token" })
      })
    )
    expect(error).toBeInstanceOf(UnknownServiceError)
    expect(error).toMatchObject({
      operation: "ListDomains",
      code: "UnrecognizedClientException",
      Message: "bad token",
      $metadata: { httpStatusCode: 403, requestId: "rid-3" }
    })
    expect(error.message).toBe("ListDomains failed with UnrecognizedClientException (HTTP 403): bad token")
  })

  it("a modeled error the operation does not list is unknown to that operation", () => {
    const error = leftOf(
      Codec.decodeResponse(DescribeDomain, {
        status: 402,
        headers: {},
        body: '{"__type":"ServiceQuotaExceededException"}'
      })
    )
    expect(error).toBeInstanceOf(UnknownServiceError)
    expect(error._tag === "UnknownServiceError" && error.code).toBe("ServiceQuotaExceededException")
  })
})

describe("decodeResponse: bodies that break the protocol are ResponseDecodeError, never a throw", () => {
  const decodeError = (status: number, body: string, headers: Record<string, string> = {}) => {
    const error = leftOf(Codec.decodeResponse(ListSpeakerEnrollmentJobs, { status, headers, body }))
    expect(error._tag).toBe("ResponseDecodeError")
    return error._tag === "ResponseDecodeError" ? error.reason : ""
  }

  it("HTML from a proxy", () => {
    expect(decodeError(200, "<html><body>Gateway</body></html>")).toBe("the body is HTML or XML, not JSON")
    expect(decodeError(502, "<html>Bad Gateway</html>")).toBe(
      "HTTP 502 without an error code: the body is HTML or XML, not JSON"
    )
  })

  it("truncated JSON", () => {
    expect(decodeError(200, '{"JobSummaries":[{"DomainId":"Ab')).toBe("the body is not valid JSON")
  })

  it("JSON that is not an object", () => {
    expect(decodeError(200, "[]")).toBe("the body is JSON but not an object (object)")
    expect(decodeError(200, "null")).toBe("the body is JSON but not an object (null)")
    expect(decodeError(200, '"ok"')).toBe("the body is JSON but not an object (string)")
    expect(decodeError(200, "42")).toBe("the body is JSON but not an object (number)")
  })

  it("members of the wrong type, in outputs and in error bodies", () => {
    expect(decodeError(200, '{"JobSummaries":"none"}')).toBe(
      "JobSummaries: Expected SpeakerEnrollmentJobSummaries.Response, value not shown"
    )
    expect(decodeError(200, '{"JobSummaries":[{"CreatedAt":"today"}]}')).toContain("JobSummaries[0].CreatedAt")
    expect(decodeError(404, '{"__type":"ResourceNotFoundException","ResourceType":5}')).toContain(
      "ResourceNotFoundException body: ResourceType"
    )
  })

  it("values nested thousands deep, where the model expects something else or nothing, on every path", () => {
    const deepArray = `${"[".repeat(20_000)}${"]".repeat(20_000)}`
    const deepObject = `${'{"a":[null,'.repeat(20_000)}1${"]}".repeat(20_000)}`
    for (const body of [
      `{"JobSummaries":[${deepArray}]}`,
      `{"JobSummaries":${deepArray},"Other":${deepObject}}`,
      `{"JobSummaries":[{"JobProgress":{"PercentComplete":${deepObject}}}]}`,
      `{"NextToken":${deepObject}}`
    ]) {
      expect(decodeError(200, body)).toMatch(/^(JobSummaries|NextToken)|nested too deeply/)
    }
    expect(decodeError(404, `{"__type":"ResourceNotFoundException","ResourceType":${deepArray}}`)).toMatch(
      /^ResourceNotFoundException body: /
    )
    const page = Codec.decodeResponse(ListSpeakerEnrollmentJobs, {
      status: 200,
      headers: {},
      body: `{"JobSummaries":[],"Other":${deepObject}}`
    })
    expect(page).toEqual(Either.right({ JobSummaries: [], $metadata: { httpStatusCode: 200 } }))
    // The server side reads requests with the strict schemas: the same holds there.
    const request = Codec.decodeRequest(TagResource, `{"ResourceArn":"arn","Tags":[${deepArray}]}`)
    expect(Either.isLeft(request) && request.left._tag).toBe("ValidationException")
  })

  it("an error status without any code", () => {
    expect(decodeError(500, '{"message":"oops"}')).toBe("HTTP 500 without an error code")
    expect(decodeError(503, "")).toBe("HTTP 503 without an error code")
  })

  it.prop(
    "any status, headers and body: an Either, never a throw",
    [
      FastCheck.integer({ min: 100, max: 599 }),
      FastCheck.oneof(
        FastCheck.string(),
        FastCheck.json(),
        FastCheck.jsonValue().map((v) => JSON.stringify(v))
      ),
      FastCheck.dictionary(
        FastCheck.constantFrom("x-amzn-errortype", "X-Amzn-RequestId", "content-type"),
        FastCheck.string()
      )
    ],
    ([status, body, headers]) => {
      for (const op of [ListSpeakerEnrollmentJobs, CreateDomain, DeleteDomain] as const) {
        const result = Codec.decodeResponse(op, { status, headers, body })
        expect(Either.isEither(result)).toBe(true)
        if (Either.isLeft(result)) expect(typeof result.left.message).toBe("string")
      }
    },
    { timeout: 60_000, fastCheck: { numRuns: 500 } }
  )
})

describe("decodeResponse: no prototype pollution", () => {
  const hostile =
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
    '"JobSummaries":[{"__proto__":{"polluted":"yes"},"DomainId":"d"}],"NextToken":"t"}'

  it("__proto__ and constructor keys are plain unknown members", () => {
    const page = rightOf(Codec.decodeResponse(ListSpeakerEnrollmentJobs, { status: 200, headers: {}, body: hostile }))
    expect(page).toEqual({ JobSummaries: [{ DomainId: "d" }], NextToken: "t", $metadata: { httpStatusCode: 200 } })
    expect(Object.getPrototypeOf(page)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(page.JobSummaries![0])).toBe(Object.prototype)
    expect("polluted" in page).toBe(false)
    expect("polluted" in {}).toBe(false)
  })

  it("in error bodies and as error codes", () => {
    const error = leftOf(
      Codec.decodeResponse(ListDomains, {
        status: 400,
        headers: {},
        body: hostile.replace("{", '{"__type":"ValidationException",')
      })
    )
    expect(error).toBeInstanceOf(ValidationException)
    expect("polluted" in error).toBe(false)
    for (const code of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const unknown = leftOf(
        Codec.decodeResponse(ListDomains, { status: 400, headers: {}, body: JSON.stringify({ __type: code }) })
      )
      expect(unknown).toBeInstanceOf(UnknownServiceError)
    }
    expect("polluted" in {}).toBe(false)
  })
})

describe("encodeError (the emulator's side)", () => {
  it.each(Object.keys(modeledErrors))(
    "%s: its HTTP status, a namespaced __type, its members; the client reads it back",
    (code) => {
      const ErrorClass = modeledErrors[code as keyof typeof modeledErrors]
      const error = new ErrorClass({ Message: "no", $metadata: { httpStatusCode: 0 } })
      const encoded = Codec.encodeError(error)
      expect(encoded.status).toBe(httpErrors[code]!.httpStatus)
      expect(encoded.headers).toEqual({ "content-type": "application/x-amz-json-1.0" })
      expect(JSON.parse(encoded.body)).toEqual({ __type: `com.amazonaws.voiceid#${code}`, Message: "no" })
      const back = leftOf(Codec.decodeResponse(CreateDomain, encoded))
      expect(back).toBeInstanceOf(ErrorClass)
      expect(back).toMatchObject({ Message: "no", $metadata: { httpStatusCode: encoded.status } })
    }
  )

  it("keeps the error's own members, and writes unmodeled codes with the status given", () => {
    const notFound = Codec.encodeError(
      new ResourceNotFoundException({ ResourceType: "SPEAKER", $metadata: { httpStatusCode: 404 } })
    )
    expect(JSON.parse(notFound.body)).toEqual({
      __type: "com.amazonaws.voiceid#ResourceNotFoundException",
      ResourceType: "SPEAKER"
    })
    const other = Codec.encodeError({ code: "UnknownOperationException", status: 400 })
    expect(other.status).toBe(400)
    expect(JSON.parse(other.body)).toEqual({ __type: "com.amazonaws.voiceid#UnknownOperationException" })
  })
})

describe("Sensitive.redact", () => {
  const strict = Schemas as unknown as Readonly<Record<string, Schema.Schema<unknown, unknown>>>
  const lenient = OutputSchemas as unknown as Readonly<Record<string, Schema.Schema<unknown, unknown>>>

  /** Checks a redacted copy against the model: sensitive shapes hidden, everything else unchanged. */
  const expectRedacted = (shapeName: string, original: unknown, redacted: unknown, path: string): void => {
    const s = shape(shapeName)
    if (original === undefined) {
      expect(redacted, path).toBeUndefined()
    } else if (s.sensitive === true) {
      expect(redacted, path).toBe(Sensitive.REDACTED)
    } else if (s.type === "list") {
      const items = original as Array<unknown>
      expect(Array.isArray(redacted) && redacted.length, path).toBe(items.length)
      for (const [i, item] of items.entries()) {
        expectRedacted(s.member!.shape, item, (redacted as Array<unknown>)[i], `${path}[${i}]`)
      }
    } else if (s.type === "structure") {
      for (const [member, ref] of Object.entries(s.members ?? {})) {
        const before = (original as Record<string, unknown>)[member]
        expectRedacted(ref.shape, before, (redacted as Record<string, unknown>)[member], `${path}.${member}`)
      }
    } else {
      expect(redacted, path).toEqual(original)
    }
  }

  it("hides JobName, CustomerSpeakerId, Tags[].Key and Tags[].Value, and keeps the rest", () => {
    const input = {
      ...{ DomainId, DataAccessRoleArn: "arn:aws:iam::123456789012:role/r" },
      JobName: "payroll-calls",
      InputDataConfig: { S3Uri: "s3://b/in" },
      OutputDataConfig: { S3Uri: "s3://b/out" }
    }
    expect(Sensitive.redact(StartSpeakerEnrollmentJob.input)(input)).toEqual({ ...input, JobName: "<redacted>" })
    expect(
      Sensitive.redact(TagResource.input)({
        ResourceArn: "arn",
        Tags: [
          { Key: "team", Value: "fraud" },
          { Key: "k", Value: "" }
        ]
      })
    ).toEqual({
      ResourceArn: "arn",
      Tags: [
        { Key: "<redacted>", Value: "<redacted>" },
        { Key: "<redacted>", Value: "<redacted>" }
      ]
    })
    expect(
      Sensitive.redact(DescribeSpeaker.output)({
        Speaker: { CustomerSpeakerId: "cust-1", Status: "ENROLLED", Extra: "kept" }
      })
    ).toEqual({ Speaker: { CustomerSpeakerId: "<redacted>", Status: "ENROLLED", Extra: "kept" } })
  })

  const cases = shapeNames
    .filter((n) => shape(n).type === "structure" && shape(n).exception !== true)
    .flatMap((n) => {
      const values = Arbitrary.make(strict[n]!)
      return [
        { name: n, schema: strict[n]!, values },
        ...(lenient[n] === undefined ? [] : [{ name: n, schema: lenient[n]!, values }])
      ]
    })

  it.prop(
    "any value of any structure (strict or response schema, decoded or on the wire): every sensitive member is hidden",
    [
      FastCheck.constantFrom(...cases).chain(({ name, schema, values }) =>
        values.map((value) => ({ name, schema, value }))
      )
    ],
    ([{ name, schema, value }]) => {
      expectRedacted(name, value, Sensitive.redact(schema)(value), name)
      const wire: unknown = JSON.parse(Codec.toJson(value))
      expectRedacted(name, wire, Sensitive.redact(schema)(wire), name)
    },
    { timeout: 60_000, fastCheck: { numRuns: 500 } }
  )
})
