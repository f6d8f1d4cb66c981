/**
 * The generated decoders (`src/generated/Decoders.ts`) against the schemas they stand in for: for every shape a
 * response can carry, over valid values (drawn from the strict and the lenient schemas and sent through JSON) and
 * over what a broken or hostile service could send (wrong types, `null`s, missing required members, extra members,
 * `__proto__` keys, huge and deeply nested values), the decoder and the lenient schema agree: the same value, key
 * for key and in the same order, or both refuse. Then the codec as a whole: the fast path gives what the schema
 * path gives, for outputs and for modeled errors.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Codec from "../src/Codec.js"
import { modeledErrors, ResponseDecodeError } from "../src/Errors.js"
import * as Decoders from "../src/generated/Decoders.js"
import { NoOutput, operations } from "../src/generated/Operations.js"
import * as OutputSchemas from "../src/generated/OutputSchemas.js"
import * as Schemas from "../src/generated/Schemas.js"
import {
  decoderOf,
  fromEpochSeconds,
  Invalid,
  optionalStringMembers,
  timestamp,
  withoutNullMembers
} from "../src/internal/decode.js"
import { EpochSeconds } from "../src/internal/schema.js"
import { model, operationNames, responseShapes, shape, shapeNames } from "./support/model.js"

type AnySchema = Schema.Schema<unknown, unknown>
const strict = Schemas as unknown as Readonly<Record<string, AnySchema>>
const lenient = OutputSchemas as unknown as Readonly<Record<string, AnySchema>>
const decoders = Decoders as unknown as Readonly<Record<string, (u: unknown) => unknown>>
const table = operations as unknown as Readonly<Record<string, Codec.OperationDescription>>

const shapes = [...responseShapes].filter((n) => shape(n).exception !== true).sort()

// ---------------------------------------------------------------------------------------------------------------
// What "the same" means: equal values, the same keys in the same order, plain objects and arrays, valid dates
// ---------------------------------------------------------------------------------------------------------------

/** A description of a decoded value that tells apart everything a caller could observe. */
const observe = (value: unknown): unknown => {
  if (value instanceof Date) return { date: value.getTime() }
  if (Array.isArray(value)) {
    return { array: value.map(observe), prototype: Object.getPrototypeOf(value) === Array.prototype }
  }
  if (value !== null && typeof value === "object") {
    return {
      object: Reflect.ownKeys(value).map((key) => [String(key), observe((value as Record<PropertyKey, unknown>)[key])]),
      prototype: Object.getPrototypeOf(value) === Object.prototype
    }
  }
  return { value, type: typeof value, negativeZero: Object.is(value, -0) }
}

const schemaDecoders = new Map<string, (u: unknown) => Either.Either<unknown, unknown>>()
/** What the codec's schema path makes of a parsed value: the lenient schema, after dropping `null` members. */
const bySchema = (name: string, wire: unknown): Either.Either<unknown, unknown> => {
  let decode = schemaDecoders.get(name)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(lenient[name]!, { errors: "first", onExcessProperty: "ignore" })
    schemaDecoders.set(name, decode)
  }
  return decode(withoutNullMembers(wire))
}

/** Checks that the generated decoder of `name` and its schema agree on `wire`; says which way it went. */
const expectAgreement = (name: string, wire: unknown): boolean => {
  const expected = bySchema(name, wire)
  const actual = decoders[name]!(wire)
  if (Either.isLeft(expected)) {
    expect(actual, `${name}: the schema refuses, the decoder must too`).toBe(Invalid)
    return false
  }
  expect(actual, `${name}: the schema decodes, the decoder must too`).not.toBe(Invalid)
  expect(observe(actual)).toEqual(observe(expected.right))
  return true
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile and broken values
// ---------------------------------------------------------------------------------------------------------------

const nest = (depth: number, wrap: (inner: unknown) => unknown, bottom: unknown): unknown => {
  let value = bottom
  for (let i = 0; i < depth; i++) value = wrap(value)
  return value
}

/** Values a service should never send where the model expects something else (all of them JSON could carry). */
const garbage: ReadonlyArray<unknown> = [
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  1.5,
  0.0005,
  1e21,
  Number.MAX_SAFE_INTEGER + 2,
  // The edges of what a Date can hold, in seconds (8.64e15 ms), and past them.
  8.64e12,
  -8.64e12,
  8.64e12 + 0.001,
  -8.64e12 - 0.001,
  8.6400000000005e12,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  5e-324,
  // `JSON.parse("1e400")` is Infinity.
  JSON.parse("1e400") as number,
  JSON.parse("-1e400") as number,
  "",
  "x",
  "null",
  "COMPLETED",
  "2025-12-03T00:00:00Z",
  "1764720000",
  "x".repeat(100_000),
  [],
  [null],
  [1, "a", null, {}],
  ["KNOWN_FRAUDSTER", "x"],
  Array.from({ length: 10_000 }, (_, i) => `item-${i}`),
  {},
  { DomainId: "d", JobId: 5 },
  JSON.parse('{"__proto__":{"polluted":"yes","DomainId":"from-proto"},"constructor":{"prototype":{"polluted":1}}}'),
  JSON.parse('{"toString":"x","hasOwnProperty":null,"valueOf":{}}'),
  // Nested far deeper than any shape of the model, as JSON.parse builds it.
  JSON.parse(`${"[".repeat(200)}${"]".repeat(200)}`),
  JSON.parse(`${'{"a":'.repeat(200)}null${"}".repeat(200)}`)
]

/** Deeper still: more than a recursive walk (or `JSON.stringify`) survives. */
const deepGarbage: ReadonlyArray<unknown> = [
  JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`),
  JSON.parse(`${'{"a":'.repeat(10_000)}null${"}".repeat(10_000)}`),
  nest(20_000, (inner) => ({ x: inner, y: null }), null),
  nest(20_000, (inner) => [inner, null], [])
]

/** Member names a hostile or newer service could add, and every member name of the model (so they collide). */
const memberNames: ReadonlyArray<string> = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "SomethingNew",
  "$metadata",
  "",
  ...new Set(shapeNames.flatMap((n) => Object.keys(shape(n).members ?? {})))
]

/** Sets a member as JSON.parse would: an own, plain data property, even for `__proto__`. */
const setMember = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

const shallowCopy = (value: unknown): unknown => {
  if (Array.isArray(value)) return [...value]
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {}
    for (const [key, member] of Object.entries(value)) setMember(copy, key, member)
    return copy
  }
  return value
}

type Path = ReadonlyArray<string | number>

/** The paths of the nodes of a value, down to a depth past every shape of the model (garbage goes deeper). */
const pathsOf = (value: unknown, depth = 12, at: Path = []): Array<Path> => {
  const out: Array<Path> = [at]
  if (depth === 0 || value === null || typeof value !== "object") return out
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.slice(0, 50).map((item, i) => [i, item])
    : Object.entries(value)
  for (const [key, member] of entries) out.push(...pathsOf(member, depth - 1, [...at, key]))
  return out
}

/** A copy of `value` where the node at `path` is replaced by what `change` makes of it (copies along the path). */
const updateAt = (value: unknown, path: Path, change: (node: unknown) => unknown): unknown => {
  if (path.length === 0) return change(value)
  const [head, ...rest] = path
  const copy = shallowCopy(value) as Record<string | number, unknown>
  const next = updateAt(copy[head!], rest, change)
  if (Array.isArray(copy)) copy[head as number] = next
  else setMember(copy, String(head), next)
  return copy
}

interface Mutation {
  readonly at: number
  readonly kind: "replace" | "null" | "delete" | "add" | "wrap" | "swap"
  readonly key: string
  readonly value: unknown
}

const mutationWith = (values: ReadonlyArray<unknown>): FastCheck.Arbitrary<Mutation> =>
  FastCheck.record({
    at: FastCheck.nat(),
    kind: FastCheck.constantFrom("replace", "null", "delete", "add", "wrap", "swap"),
    key: FastCheck.constantFrom(...memberNames),
    value: FastCheck.oneof(
      { weight: 3, arbitrary: FastCheck.constantFrom(...values) },
      { weight: 1, arbitrary: FastCheck.jsonValue({ maxDepth: 3 }) }
    )
  })
/** A mutation whose result `JSON.stringify` can still write. */
const mutation = mutationWith(garbage)
/** A mutation that may also bury a value deeper than any stack. */
const deepMutation = mutationWith([...garbage, ...deepGarbage])

const mutate = (value: unknown, m: Mutation): unknown => {
  const paths = pathsOf(value)
  const path = paths[m.at % paths.length]!
  return updateAt(value, path, (node) => {
    switch (m.kind) {
      case "replace":
        return m.value
      case "null":
        return null
      case "wrap":
        return [node]
      case "swap": {
        // A member's value moved to where another is expected (a list where a structure is, and so on). JSON has
        // no `undefined`: an empty list or structure stays as it is.
        const inner = Array.isArray(node)
          ? node[0]
          : node !== null && typeof node === "object"
            ? Object.values(node)[0]
            : node
        return inner === undefined ? node : inner
      }
      case "delete":
      case "add": {
        if (node === null || typeof node !== "object" || Array.isArray(node)) return node
        const copy = shallowCopy(node) as Record<string, unknown>
        const keys = Object.keys(copy)
        if (m.kind === "delete") {
          if (keys.length > 0) delete copy[keys[m.at % keys.length]!]
        } else {
          setMember(copy, m.key, m.value)
        }
        return copy
      }
    }
  })
}

/** A parsed JSON value of shape `name`, drawn from a schema, sent through `JSON.stringify` and `JSON.parse`. */
const wireOf = (schema: AnySchema): FastCheck.Arbitrary<unknown> =>
  Arbitrary.make(schema).map((value) => JSON.parse(Codec.toJson(Schema.encodeSync(schema)(value)) ?? "null"))

// ---------------------------------------------------------------------------------------------------------------
// Every shape
// ---------------------------------------------------------------------------------------------------------------

describe("the generated decoders", () => {
  it("there is one for every shape a response can carry, and no other", () => {
    expect(Object.keys(Decoders).sort()).toEqual(shapes)
    expect(shapes.length).toBeGreaterThan(100)
    for (const name of shapes) expect(lenient[name], name).toBeDefined()
  })

  it("every operation's output schema carries its decoder; a schema derived from it does not", () => {
    for (const name of operationNames) {
      const output = model.operations[name]!.output?.shape
      const op = table[name]!
      expect(decoderOf(op.output), name).toBe(output === undefined ? decoderOf(NoOutput) : decoders[output])
      expect(decoderOf(op.output), name).toBeDefined()
      expect(decoderOf(op.output.annotations({ description: "derived" })), name).toBeUndefined()
    }
    expect(decoderOf(NoOutput)).toBeDefined()
  })

  describe("valid values: the same value as the schema, for every shape", () => {
    for (const name of shapes) {
      it.prop(
        name,
        [wireOf(strict[name]!), wireOf(lenient[name]!)],
        ([valid, lenientValue]) => {
          expect(expectAgreement(name, valid)).toBe(true)
          // The lenient schema's own values also decode, unless a number they hold (NaN, ±Infinity) became null.
          const decoded = expectAgreement(name, lenientValue)
          if (!JSON.stringify(lenientValue).includes("null")) expect(decoded).toBe(true)
        },
        { timeout: 60_000, fastCheck: { numRuns: 30 } }
      )
    }
  })

  describe("broken and hostile values: both refuse, or both give the same value, for every shape", () => {
    for (const name of shapes) {
      it.prop(
        name,
        [
          FastCheck.oneof(wireOf(strict[name]!), wireOf(lenient[name]!)),
          FastCheck.array(deepMutation, { minLength: 1, maxLength: 4 })
        ],
        ([wire, mutations]) => {
          expectAgreement(
            name,
            mutations.reduce((value, m) => mutate(value, m), wire)
          )
        },
        { timeout: 60_000, fastCheck: { numRuns: 60 } }
      )
    }
  })

  it.prop(
    "arbitrary JSON, and objects of the model's member names with arbitrary values: the same verdict for every shape",
    [
      FastCheck.oneof(
        FastCheck.jsonValue(),
        FastCheck.dictionary(FastCheck.constantFrom(...memberNames), FastCheck.jsonValue({ maxDepth: 2 })),
        FastCheck.constantFrom(...garbage, ...deepGarbage)
      )
    ],
    ([wire]) => {
      for (const name of shapes) expectAgreement(name, wire)
    },
    { timeout: 120_000, fastCheck: { numRuns: 300 } }
  )

  it("each kind of misfit is refused by both, at the top and nested", () => {
    const cases: ReadonlyArray<readonly [string, unknown]> = [
      ["SpeakerEnrollmentJobSummary", []],
      ["SpeakerEnrollmentJobSummary", "x"],
      ["SpeakerEnrollmentJobSummary", { CreatedAt: "yesterday" }],
      ["SpeakerEnrollmentJobSummary", { CreatedAt: JSON.parse("1e400") }],
      ["SpeakerEnrollmentJobSummary", { CreatedAt: 1e13 }],
      ["SpeakerEnrollmentJobSummary", { JobProgress: { PercentComplete: "5" } }],
      ["SpeakerEnrollmentJobSummaries", [{}, null]],
      ["SpeakerEnrollmentJobSummaries", {}],
      ["FraudDetectionReasons", ["KNOWN_FRAUDSTER", 5]],
      ["FraudRiskDetails", { KnownFraudsterRisk: { RiskScore: 1 } }],
      ["FraudRiskDetails", { KnownFraudsterRisk: { RiskScore: 1 }, VoiceSpoofingRisk: null }],
      ["FraudRiskDetails", { KnownFraudsterRisk: { RiskScore: 1 }, VoiceSpoofingRisk: {} }],
      ["Tag", { Key: "k" }],
      ["DomainSummary", { ServerSideEncryptionConfiguration: {} }],
      ["TagResourceResponse", []],
      ["TagResourceResponse", null]
    ]
    for (const [name, wire] of cases) {
      expect(expectAgreement(name, wire), `${name} ${JSON.stringify(wire)}`).toBe(false)
    }
  })

  it("what the model allows is kept: nulls as absent, unknown enum values, unknown members dropped", () => {
    const cases: ReadonlyArray<readonly [string, unknown, unknown]> = [
      ["SpeakerEnrollmentJobSummary", { JobName: null, CreatedAt: 1.001, X: 1 }, { CreatedAt: new Date(1001) }],
      ["SpeakerEnrollmentJobSummary", { JobStatus: "PAUSED" }, { JobStatus: "PAUSED" }],
      ["SpeakerEnrollmentJobSummary", { CreatedAt: 8.64e12 }, { CreatedAt: new Date(8.64e15) }],
      ["FraudDetectionReasons", ["A", "KNOWN_FRAUDSTER"], ["A", "KNOWN_FRAUDSTER"]],
      ["TagResourceResponse", { Anything: [1] }, {}],
      ["Tag", { Key: "", Value: "", __proto__: null }, { Key: "", Value: "" }]
    ]
    for (const [name, wire, value] of cases) {
      expect(expectAgreement(name, wire), name).toBe(true)
      expect(decoders[name]!(wire)).toEqual(value)
    }
  })
})

// ---------------------------------------------------------------------------------------------------------------
// The building blocks
// ---------------------------------------------------------------------------------------------------------------

describe("timestamps", () => {
  const bySchemaDate = Schema.decodeUnknownEither(EpochSeconds)

  it.prop(
    "any double: the same Date as EpochSeconds (rounded to the millisecond), or both refuse",
    [
      FastCheck.oneof(
        FastCheck.double(),
        FastCheck.double({ min: -8.64e12 - 1, max: 8.64e12 + 1 }),
        FastCheck.integer({ min: -8.64e15 - 10, max: 8.64e15 + 10 }).map((ms) => ms / 1000),
        FastCheck.constantFrom(8.64e12, -8.64e12, 8.64e12 + 0.0005, -8.64e12 - 0.0005, 0.0005, -0.0005, -0)
      )
    ],
    ([seconds]) => {
      const expected = bySchemaDate(seconds)
      const actual = timestamp(seconds)
      if (Either.isLeft(expected)) expect(actual).toBe(Invalid)
      else expect(actual === Invalid ? "Invalid" : actual.getTime()).toBe(expected.right.getTime())
    },
    { fastCheck: { numRuns: 5_000 } }
  )

  it("EpochSeconds and the decoders round with the same function", () => {
    expect(fromEpochSeconds(1.001).getTime()).toBe(1001)
    expect(Schema.decodeSync(EpochSeconds)(1.001).getTime()).toBe(1001)
    expect(timestamp(1.001)).toEqual(new Date(1001))
    expect(timestamp("1")).toBe(Invalid)
    expect(timestamp(null)).toBe(Invalid)
  })
})

/** `withoutNullMembers` as it was first written: recursive, with `Object.fromEntries`. */
const withoutNullMembersByDefinition = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNullMembersByDefinition)
  if (value === null || typeof value !== "object") return value
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, member]) =>
      member === null ? [] : [[key, withoutNullMembersByDefinition(member)]]
    )
  )
}

describe("withoutNullMembers", () => {
  it.prop(
    "gives what the recursive definition gives (key order, __proto__ keys, nulls in arrays kept)",
    [
      FastCheck.oneof(
        FastCheck.jsonValue(),
        FastCheck.jsonValue().map((v) =>
          JSON.parse(`{"__proto__":${JSON.stringify(v) ?? "null"},"a":null,"b":[null,{"__proto__":null,"c":1}]}`)
        )
      )
    ],
    ([value]) => {
      const copy = withoutNullMembers(value)
      expect(observe(copy)).toEqual(observe(withoutNullMembersByDefinition(value)))
      if (value !== null && typeof value === "object") expect(copy).not.toBe(value)
    },
    { fastCheck: { numRuns: 1_000 } }
  )

  it("copes with any depth (the recursive definition overflows the stack)", () => {
    const deep = JSON.parse(`${'{"a":[{"b":null,"c":'.repeat(50_000)}1${"}]}".repeat(50_000)}`)
    const copy = withoutNullMembers(deep) as { a: Array<unknown> }
    expect(Object.keys(copy)).toEqual(["a"])
    expect(Object.keys(copy.a[0] as object)).toEqual(["c"])
    expect(() => withoutNullMembersByDefinition(deep)).toThrow(RangeError)
  })
})

describe("error members read without the schema", () => {
  it("every modeled error has only optional string members, read directly", () => {
    for (const ErrorClass of Object.values(modeledErrors)) {
      const { $metadata: _m, _tag: _t, ...fields } = ErrorClass.fields
      const names = optionalStringMembers(Schema.Struct(fields).ast)
      expect(names, ErrorClass._tag).toEqual(Object.keys(fields))
    }
  })

  it("a structure with any other member is left to the schema", () => {
    const Struct = (fields: Schema.Struct.Fields) => Schema.Struct(fields).ast
    expect(optionalStringMembers(Struct({ Message: Schema.String }))).toBeUndefined()
    expect(optionalStringMembers(Struct({ Message: Schema.optional(Schema.NonEmptyString) }))).toBeUndefined()
    expect(optionalStringMembers(Struct({ Message: Schema.optional(Schema.Literal("A", "B")) }))).toBeUndefined()
    expect(optionalStringMembers(Struct({ Message: Schema.optional(Schema.Number) }))).toBeUndefined()
    expect(optionalStringMembers(Struct({ M: Schema.optionalWith(Schema.String, { default: () => "" }) }))).toBe(
      undefined
    )
    expect(optionalStringMembers(Schema.Record({ key: Schema.String, value: Schema.String }).ast)).toBeUndefined()
    expect(optionalStringMembers(Struct({ A: Schema.optional(Schema.String), B: Schema.optional(Schema.Any) }))).toBe(
      undefined
    )
    expect(
      optionalStringMembers(
        Struct({
          A: Schema.optional(Schema.String),
          B: Schema.optional(Schema.Union(Schema.Literal("X"), Schema.String))
        })
      )
    ).toEqual(["A", "B"])
  })
})

// ---------------------------------------------------------------------------------------------------------------
// The codec: fast path and schema path give the same answers
// ---------------------------------------------------------------------------------------------------------------

const headers = { "x-amzn-requestid": "rid" }

/** The same operation with an output schema that has no generated decoder: the codec takes the schema path. */
const bySchemaPath = (op: Codec.OperationDescription): Codec.OperationDescription => ({
  ...op,
  output: op.output.annotations({})
})

/** Compares two codec results: the same value, or failures of the same class with the same members. */
const expectSameResult = (actual: Either.Either<unknown, unknown>, expected: Either.Either<unknown, unknown>): void => {
  expect(actual._tag).toBe(expected._tag)
  if (Either.isRight(actual) && Either.isRight(expected)) {
    expect(observe(actual.right)).toEqual(observe(expected.right))
  } else if (Either.isLeft(actual) && Either.isLeft(expected)) {
    expect(Object.getPrototypeOf(actual.left)).toBe(Object.getPrototypeOf(expected.left))
    expect(observe({ ...(actual.left as object) })).toEqual(observe({ ...(expected.left as object) }))
  }
}

const outputBodies = (name: string): FastCheck.Arbitrary<string> => {
  const outputShape = model.operations[name]!.output?.shape
  const source = outputShape === undefined ? table[name]!.output : strict[outputShape]!
  const valid = Arbitrary.make(source).map((value) => JSON.parse(Codec.toJson(value)) as unknown)
  return FastCheck.oneof(
    valid,
    FastCheck.tuple(valid, FastCheck.array(mutation, { minLength: 1, maxLength: 3 })).map(([wire, mutations]) =>
      mutations.reduce((value, m) => mutate(value, m), wire)
    ),
    FastCheck.jsonValue({ maxDepth: 3 })
  ).map((wire) => JSON.stringify(wire) ?? "")
}

describe("Codec.decodeResponse: a 2xx answer", () => {
  for (const name of operationNames) {
    const op = table[name]!
    const slow = bySchemaPath(op)
    const reference = Schema.decodeUnknownEither(op.output, { errors: "first", onExcessProperty: "ignore" })
    it.prop(
      `${name}: the generated decoder and the schema path give the same output or the same ResponseDecodeError`,
      [outputBodies(name)],
      ([body]) => {
        const response = { status: 200, headers, body }
        const actual = Codec.decodeResponse(op, response)
        expectSameResult(actual, Codec.decodeResponse(slow, response))
        // And against the schema itself, with every null member dropped, whatever the body's text.
        let parsed: unknown
        try {
          parsed = body.trim() === "" ? {} : JSON.parse(body)
        } catch {
          return
        }
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return
        const expected = reference(withoutNullMembers(parsed))
        if (Either.isRight(expected)) {
          expect(Either.isRight(actual)).toBe(true)
          expect(observe(Either.getOrUndefined(actual))).toEqual(
            observe({ ...(expected.right as object), $metadata: { httpStatusCode: 200, requestId: "rid" } })
          )
        } else {
          expect(Either.isLeft(actual) && actual.left).toBeInstanceOf(ResponseDecodeError)
        }
      },
      { timeout: 60_000, fastCheck: { numRuns: 60 } }
    )
  }

  it("a body nested far deeper than the model, with nulls, never throws on either path", () => {
    const deep = `${'{"x":[null,'.repeat(100_000)}1${"]}".repeat(100_000)}`
    const op = operations.ListSpeakerEnrollmentJobs
    for (const body of [
      `{"JobSummaries":[],"Deep":${deep}}`,
      `{"JobSummaries":"not a list","Deep":${deep}}`,
      `{"JobSummaries":[{"DomainId":null,"Deep":${deep}}]}`
    ]) {
      const response = { status: 200, headers, body }
      const fast = Codec.decodeResponse(op, response)
      expectSameResult(fast, Codec.decodeResponse(bySchemaPath(op), response))
    }
    expect(Either.isRight(Codec.decodeResponse(op, { status: 200, headers, body: `{"Deep":${deep}}` }))).toBe(true)
  })
})

/**
 * The fields of a modeled error as the codec read them before it read them directly: the schema of the class's
 * members, on the body without its null members and with `Message` (or `message`) as the message.
 */
const errorFieldsBySchema = (code: keyof typeof modeledErrors, body: Record<string, unknown> | undefined) => {
  const { $metadata: _m, _tag: _t, ...fields } = modeledErrors[code].fields
  const raw = body?.Message ?? body?.message
  const Message = typeof raw === "string" ? raw : undefined
  return Schema.decodeUnknownEither(Schema.Struct(fields), { errors: "first", onExcessProperty: "ignore" })({
    ...(withoutNullMembers(body) as object),
    Message
  })
}

describe("Codec.decodeResponse: a modeled error", () => {
  const codes = Object.keys(modeledErrors) as Array<keyof typeof modeledErrors>
  const member = FastCheck.oneof(
    { weight: 2, arbitrary: FastCheck.string() },
    { weight: 1, arbitrary: FastCheck.constantFrom("DOMAIN", "DOMAIN_NOT_ACTIVE", "SOMETHING_NEW") },
    { weight: 2, arbitrary: FastCheck.constantFrom(...garbage) }
  )
  const body = FastCheck.record(
    {
      Message: member,
      message: member,
      ConflictType: member,
      ResourceType: member,
      extra: FastCheck.dictionary(FastCheck.constantFrom(...memberNames), member)
    },
    { requiredKeys: [] }
  )

  it.prop(
    "the error class with the members the schema reads, or the ResponseDecodeError it gives",
    [FastCheck.constantFrom(...codes), body, FastCheck.boolean()],
    ([code, { extra, ...members }, json]) => {
      const wire: Record<string, unknown> = { __type: `com.amazonaws.voiceid#${code}` }
      for (const [key, value] of Object.entries({ ...members, ...extra })) setMember(wire, key, value)
      const response = json
        ? { status: 400, headers, body: JSON.stringify(wire) }
        : { status: 400, headers: { ...headers, "x-amzn-errortype": code }, body: "<html>not json</html>" }
      const parsed = json ? (JSON.parse(response.body) as Record<string, unknown>) : undefined
      const actual = Codec.decodeResponse(operations.CreateDomain, response)
      const expected = errorFieldsBySchema(code, parsed)
      const $metadata = { httpStatusCode: 400, requestId: "rid" }
      if (Either.isRight(expected)) {
        const ErrorClass = modeledErrors[code] as unknown as new (
          props: Record<string, unknown>,
          disableValidation: boolean
        ) => object
        expectSameResult(actual, Either.left(new ErrorClass({ ...expected.right, $metadata }, true)))
      } else {
        expect(Either.isLeft(actual) && actual.left).toBeInstanceOf(ResponseDecodeError)
        expect(Either.isLeft(actual) && actual.left._tag === "ResponseDecodeError" && actual.left.reason).toMatch(
          new RegExp(`^${code} body: `)
        )
      }
    },
    { timeout: 60_000, fastCheck: { numRuns: 1_000 } }
  )
})
