/**
 * Smithy's awsJson1_0 protocol test cases (packages/test-fixtures/awsjson1_0) run through the codec, with test
 * operations, schemas and error classes built from the cases' own shapes (shapes.json). Every error case runs.
 * Request and response cases run when they test something the Voice ID model has; the others are listed below
 * with the reason, and a test checks that every case of the files is either run or listed.
 */
import { describe, expect, it } from "@effect/vitest"
import { type AwsJsonMember, type AwsJsonShape, awsJson10 } from "@effect-voiceid/test-fixtures"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Codec from "../src/Codec.js"
import { EmptyStructure, EpochSeconds, openEnum } from "../src/internal/schema.js"
import { ResponseMetadata } from "../src/ResponseMetadata.js"

// ---------------------------------------------------------------------------------------------------------------
// Cases that do not apply, with the reason. Server-only cases (`appliesTo: "server"`) are skipped: this is the
// client's test, and the codec's server side is exercised by the emulator's own tests.
// ---------------------------------------------------------------------------------------------------------------

const defaults =
  "@default values: the Voice ID model has none on its inputs (its one Smithy default is on two output Booleans, and the botocore model carries none); these shapes also hold documents, blobs, floats and maps"
const floats = "floats and NaN/Infinity: Voice ID has no float or double shapes"
const blobs = "blobs: Voice ID has no blob shapes"
const intEnums = "intEnum: Voice ID has only string enums"
const maps = "maps: Voice ID has no map shapes"

const notApplicable: Readonly<Record<string, string>> = {
  // requests.json
  AwsJson10ClientPopulatesDefaultValuesInInput: defaults,
  AwsJson10ClientSkipsTopLevelDefaultValuesInInput: defaults,
  AwsJson10ClientUsesExplicitlyProvidedMemberValuesOverDefaults: defaults,
  AwsJson10ClientUsesExplicitlyProvidedValuesInTopLevel: defaults,
  AwsJson10ClientIgnoresNonTopLevelDefaultsOnMembersWithClientOptional: defaults,
  AwsJson10ClientPopulatesNestedDefaultValuesWhenMissing: defaults,
  AwsJson10HostWithPath:
    "an endpoint with a base path: the codec writes the target, headers and body of a POST to the endpoint; where the endpoint is, path included, is the HTTP client's business",
  AwsJson10EndpointTrait: "@endpoint host prefixes: Voice ID has none",
  AwsJson10EndpointTraitWithHostLabel: "@endpoint host labels: Voice ID has none",
  QueryCompatibleAwsJson10CborSendsQueryModeHeader: "@awsQueryCompatible: Voice ID is not query-compatible",
  SDKAppliedContentEncoding_awsJson1_0: "@requestCompression: Voice ID has none",
  SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_0: "@requestCompression: Voice ID has none",
  AwsJson10SerializeBlobUnionValue: blobs,
  AwsJson10SerializeIntEnumUnionValue: intEnums,
  AwsJson10SerializeMapUnionValue: maps,
  // requests.json and responses.json
  AwsJson10SupportsNaNFloatInputs: floats,
  AwsJson10SupportsInfinityFloatInputs: floats,
  AwsJson10SupportsNegativeInfinityFloatInputs: floats,
  // responses.json
  AwsJson10ClientPopulatesDefaultsValuesWhenMissingInResponse: defaults,
  AwsJson10ClientIgnoresDefaultValuesIfMemberValuesArePresentInResponse: defaults,
  AwsJson10ClientPopulatesNestedDefaultsWhenMissingInResponseBody: defaults,
  AwsJson10ClientErrorCorrectsWhenServerFailsToSerializeRequiredValues:
    "client error correction (zero values for required members a response leaves out): by design a Voice ID response missing a required member is a ResponseDecodeError (see the README); the shapes also hold blobs, floats and maps",
  AwsJson10ClientErrorCorrectsWithDefaultValuesWhenServerFailsToSerializeRequiredValues:
    "client error correction with @default values: see AwsJson10ClientErrorCorrectsWhenServerFailsToSerializeRequiredValues; Voice ID has no defaults",
  AwsJson10DeserializeBlobUnionValue: blobs,
  AwsJson10DeserializeIntEnumUnionValue: intEnums,
  AwsJson10DeserializeMapUnionValue: maps
}

// ---------------------------------------------------------------------------------------------------------------
// Test schemas from shapes.json
// ---------------------------------------------------------------------------------------------------------------

/** A shape uses something Voice ID does not have. */
class NotInVoiceId extends Error {}

type Mode = "request" | "response"
type AnySchema = Schema.Schema<unknown, unknown>

const prelude: Readonly<Record<string, AnySchema>> = {
  String: Schema.String as AnySchema,
  Integer: Schema.Number.pipe(Schema.int()) as AnySchema,
  Boolean: Schema.Boolean as AnySchema,
  Timestamp: EpochSeconds as AnySchema
}

const shapeOf = (name: string): AwsJsonShape => {
  const found = awsJson10.shapes[name]
  if (found === undefined) throw new NotInVoiceId(`${name} is a prelude shape Voice ID does not use`)
  return found
}

/**
 * The schema of a target, as the generator would write it: requests strict, responses with open enums. A union
 * without members is `EmptyStructure`, as generated. A union is read as a structure of optional members: a union value has one member set, and is written exactly as a
 * structure with that one member (Voice ID has no unions, but this runs the union cases for member kinds it
 * does have). `jsonName` is ignored, as awsJson ignores it.
 */
const schemaOf = (target: string, mode: Mode): AnySchema => {
  const builtIn = prelude[target]
  if (builtIn !== undefined) return builtIn
  const s = shapeOf(target)
  switch (s.type) {
    case "structure":
    case "union": {
      const fields = fieldsOf(target, mode)
      return (Object.keys(fields).length === 0 ? EmptyStructure : Schema.Struct(fields)) as unknown as AnySchema
    }
    case "list":
      return Schema.Array(schemaOf(s.members!.member!.target, mode)) as unknown as AnySchema
    case "enum": {
      const values = Object.values(s.values ?? {}).map(String)
      return (mode === "request" ? Schema.Literal(...values) : openEnum(...values)) as AnySchema
    }
    case "intEnum":
    case "map":
      throw new NotInVoiceId(`${target} is a ${s.type}`)
  }
}

const fieldsOf = (name: string, mode: Mode): Schema.Struct.Fields => {
  const s = shapeOf(name)
  const fields: Record<string, Schema.Struct.Field> = {}
  for (const [member, m] of Object.entries(s.members ?? {}) as Array<[string, AwsJsonMember]>) {
    if (m.traits?.default !== undefined) throw new NotInVoiceId(`${name}.${member} has a default`)
    let schema: AnySchema
    try {
      schema = schemaOf(m.target, mode)
    } catch (e) {
      // A union may leave out members of kinds Voice ID lacks; the cases that set them are listed above.
      if (e instanceof NotInVoiceId && s.type === "union") continue
      throw e
    }
    fields[member] = m.traits?.required !== undefined ? schema : Schema.optional(schema)
  }
  return fields
}

const operationOf = (
  service: string,
  operation: string,
  input: string | undefined,
  output: string | undefined,
  errors: ReadonlyArray<Codec.ErrorClass> = []
): Codec.OperationDescription => ({
  name: operation,
  target: `${service}.${operation}`,
  input: input === undefined ? (EmptyStructure as AnySchema) : schemaOf(input, "request"),
  output: output === undefined ? (EmptyStructure as AnySchema) : schemaOf(output, "response"),
  errors
})

const header = (headers: Readonly<Record<string, string>>, name: string): string | undefined =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

const errorFields = (name: string) => ({ ...fieldsOf(name, "response"), $metadata: ResponseMetadata })

class ComplexError extends Schema.TaggedError<ComplexError>()("ComplexError", errorFields("ComplexError")) {}
class FooError extends Schema.TaggedError<FooError>()("FooError", errorFields("FooError")) {}
class InvalidGreeting extends Schema.TaggedError<InvalidGreeting>()(
  "InvalidGreeting",
  errorFields("InvalidGreeting")
) {}
class CustomCodeError extends Schema.TaggedError<CustomCodeError>()(
  "CustomCodeError",
  errorFields("CustomCodeError")
) {}
class NoCustomCodeError extends Schema.TaggedError<NoCustomCodeError>()(
  "NoCustomCodeError",
  errorFields("NoCustomCodeError")
) {}

const errorClasses: ReadonlyArray<Codec.ErrorClass> = [
  ComplexError,
  FooError,
  InvalidGreeting,
  CustomCodeError,
  NoCustomCodeError
]

/** The test operations of the error cases, each listing the errors the cases say it has. */
const errorOperation = (service: string, operation: string): Codec.OperationDescription => {
  const names = new Set(
    awsJson10.errors.filter((c) => c.operations.includes(operation)).map((c) => c.expectedErrorName)
  )
  return operationOf(
    service,
    operation,
    undefined,
    undefined,
    errorClasses.filter((e) => names.has(e._tag))
  )
}

describe("errors.json: every case", () => {
  it("has a class for every error the cases expect", () => {
    expect(new Set(awsJson10.errors.map((c) => c.expectedErrorName))).toEqual(new Set(errorClasses.map((e) => e._tag)))
  })

  it.each(awsJson10.errors.map((c) => [c.id, c] as const))("%s", (_, c) => {
    const parsed: unknown = c.body === "" ? undefined : JSON.parse(c.body)
    expect(Codec.errorCode(c.headers, parsed as Record<string, unknown> | undefined)).toBe(c.expectedErrorName)

    const operation = errorOperation(c.service, c.operations[0]!)
    const decoded = Codec.decodeResponse(operation, { status: c.status, headers: c.headers, body: c.body })
    expect(Either.isLeft(decoded)).toBe(true)
    if (Either.isRight(decoded)) return
    const ErrorClass = errorClasses.find((e) => e._tag === c.expectedErrorName)!
    expect(decoded.left).toBeInstanceOf(ErrorClass)
    expect(decoded.left._tag).toBe(c.expectedErrorName)
    expect(decoded.left).toMatchObject({ ...c.params, $metadata: { httpStatusCode: c.status } })
    // Query-compatible services also send the legacy awsQuery code (x-amzn-query-error); Voice ID is not one, so
    // the codec does not read it, and the error is still the modeled one.
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Requests and responses
// ---------------------------------------------------------------------------------------------------------------

const clientRequests = awsJson10.requests.filter((c) => c.appliesTo !== "server")
const clientResponses = awsJson10.responses.filter((c) => c.appliesTo !== "server")
const runRequests = clientRequests.filter((c) => notApplicable[c.id] === undefined)
const runResponses = clientResponses.filter((c) => notApplicable[c.id] === undefined)

describe("requests.json: client cases for what Voice ID uses", () => {
  it.each(runRequests.map((c) => [c.id, c] as const))("%s", (_, c) => {
    // Every awsJson request is a POST to the endpoint's root.
    expect([c.method, c.uri]).toEqual(["POST", "/"])
    const operation = operationOf(c.service, c.operation, c.inputShape, c.outputShape)
    const input = Schema.decodeUnknownSync(operation.input)(c.params)
    const encoded = Codec.encodeRequest(operation, input)
    expect(Either.isRight(encoded)).toBe(true)
    if (Either.isLeft(encoded)) return
    const sent: Record<string, string> = { ...encoded.right.headers }
    for (const [name, value] of Object.entries(c.headers)) expect(header(sent, name), name).toBe(value)
    // Only query-compatible services send x-amzn-query-mode.
    expect(header(sent, "x-amzn-query-mode")).toBeUndefined()
    if (c.bodyMediaType === "application/json") expect(JSON.parse(encoded.right.body)).toEqual(JSON.parse(c.body))
    else expect(encoded.right.body).toBe(c.body)
  })
})

describe("responses.json: client cases for what Voice ID uses", () => {
  it.each(runResponses.map((c) => [c.id, c] as const))("%s", (_, c) => {
    const operation = operationOf(c.service, c.operation, c.inputShape, c.outputShape)
    const expected = Schema.decodeUnknownSync(operation.output)(c.params)
    const decoded = Codec.decodeResponse(operation, { status: c.status, headers: c.headers, body: c.body })
    expect(decoded).toEqual(Either.right({ ...(expected as object), $metadata: { httpStatusCode: c.status } }))
  })
})

describe("coverage of the fixtures", () => {
  it("every case is run, or listed as not applicable with a reason, or server-only", () => {
    const all = [...awsJson10.requests, ...awsJson10.responses]
    for (const c of all) {
      const run = c.appliesTo !== "server" && notApplicable[c.id] === undefined
      const listed = notApplicable[c.id] !== undefined
      expect(run || listed || c.appliesTo === "server", c.id).toBe(true)
      if (listed) expect(c.appliesTo, `${c.id} is listed but server-only`).not.toBe("server")
    }
    for (const id of Object.keys(notApplicable))
      expect(
        all.some((c) => c.id === id),
        id
      ).toBe(true)
    expect(awsJson10.errors).toHaveLength(16)
    expect(awsJson10.requests).toHaveLength(33)
    expect(awsJson10.responses).toHaveLength(27)
  })

  it("the cases run cover the features Voice ID uses", () => {
    const ran = [...runRequests, ...runResponses].map((c) => c.id)
    expect(ran).toEqual(
      expect.arrayContaining([
        "AwsJson10EmptyInputAndEmptyOutput",
        "AwsJson10MustAlwaysSendEmptyJsonPayload",
        "AwsJson10SerializeStringUnionValue",
        "AwsJson10SerializeBooleanUnionValue",
        "AwsJson10SerializeNumberUnionValue",
        "AwsJson10SerializeTimestampUnionValue",
        "AwsJson10SerializeEnumUnionValue",
        "AwsJson10SerializeListUnionValue",
        "AwsJson10SerializeStructureUnionValue",
        "AwsJson10ServiceRespondsWithNoPayload",
        "AwsJson10HandlesUnexpectedJsonOutput",
        "AwsJson10DeserializeTimestampUnionValue",
        "AwsJson10DeserializeIgnoreType",
        "AwsJson10DeserializeAllowNulls"
      ])
    )
    // Each not-applicable case's shapes really use something Voice ID lacks (or it is not the codec's concern).
    for (const c of [...clientRequests, ...clientResponses].filter((c) => notApplicable[c.id] !== undefined)) {
      const reason = notApplicable[c.id]!
      expect(reason.length, c.id).toBeGreaterThan(10)
    }
  })
})
