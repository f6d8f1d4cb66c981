/**
 * Conformance of the generated code to the service model: walks `model/voice-id-2021-09-27.json` (and the
 * paginators and HTTP-status files next to it) and checks that every operation, shape, member, required flag,
 * constraint, enum value and sensitive flag is in the generated schemas, by reading their ASTs and by feeding them
 * values at the boundaries the model sets.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as Codec from "../src/Codec.js"
import * as Errors from "../src/Errors.js"
import { NoOutput, operations, paginatedOperations, service } from "../src/generated/Operations.js"
import * as OutputSchemas from "../src/generated/OutputSchemas.js"
import * as Schemas from "../src/generated/Schemas.js"
import * as Sensitive from "../src/Sensitive.js"
import {
  codePoints,
  httpErrors,
  type ModelShape,
  model,
  modelAcceptsString,
  operationNames,
  paginators,
  responseShapes,
  shape,
  shapeNames
} from "./support/model.js"

type AnySchema = Schema.Schema<unknown, unknown>
const strict = Schemas as unknown as Readonly<Record<string, AnySchema>>
const lenient = OutputSchemas as unknown as Readonly<Record<string, AnySchema>>
const table = operations as unknown as Readonly<Record<string, Codec.OperationDescription & Record<string, unknown>>>

const strictOf = (name: string): AnySchema => {
  const s = strict[name]
  if (s === undefined) throw new Error(`Schemas has no ${name}`)
  return s
}
const lenientOf = (name: string): AnySchema => {
  const s = lenient[name]
  if (s === undefined) throw new Error(`Output has no ${name}`)
  return s
}

const exceptions = shapeNames.filter((n) => shape(n).exception === true)
const dataShapes = shapeNames.filter((n) => shape(n).exception !== true)
const ofType = (type: string) => dataShapes.filter((n) => shape(n).type === type && shape(n).enum === undefined)
const enums = dataShapes.filter((n) => shape(n).enum !== undefined)

/** The refinements wrapped around a schema, outermost first, and what they refine. */
const unwrap = (ast: AST.AST): { readonly base: AST.AST; readonly refinements: ReadonlyArray<AST.Refinement> } => {
  const refinements: Array<AST.Refinement> = []
  let current = ast
  while (AST.isRefinement(current)) {
    refinements.push(current)
    current = current.from
  }
  return { base: current, refinements }
}

const jsonSchemaOf = (ast: AST.AST): Readonly<Record<string, unknown>> =>
  Option.getOrElse(AST.getJSONSchemaAnnotation(ast), () => ({})) as Readonly<Record<string, unknown>>

/** The refinements whose JSON Schema annotation carries `key`. */
const carrying = (ast: AST.AST, key: string): ReadonlyArray<AST.Refinement> =>
  unwrap(ast).refinements.filter((r) => key in jsonSchemaOf(r))

const accepts = (schema: AnySchema, value: unknown): boolean => Schema.is(schema)(value)

/** A valid value of a strict schema, made by its arbitrary. */
const sampleOf = (schema: AnySchema, seed = 7): unknown =>
  FastCheck.sample(Arbitrary.make(schema), { numRuns: 1, seed })[0]

// Strings built to the length a boundary needs: a prefix and suffix some patterns require, and a fill character.
// "𝒜" (U+1D49C, a letter outside the BMP) is one code point but two UTF-16 units, so it tells the counts apart.
const fillers = [
  { prefix: "", fill: "a", suffix: "" },
  { prefix: "", fill: "𝒜", suffix: "" },
  { prefix: "id#", fill: "a", suffix: "" },
  { prefix: "s3://bucket/", fill: "a", suffix: "" },
  { prefix: "arn:aws:iam::123456789012:role/", fill: "a", suffix: "" },
  { prefix: "arn:aws:voiceid", fill: "a", suffix: ":123456789012:domain/AbCdEfGhIjKlMnOpQrStUv" }
] as const
type Filler = (typeof fillers)[number]
const build = (f: Filler, n: number): string | undefined => {
  const fixed = codePoints(f.prefix) + codePoints(f.suffix)
  return n < fixed ? undefined : f.prefix + f.fill.repeat(n - fixed) + f.suffix
}

// Strings that probe patterns: near misses of the model's own formats, other scripts, separators, controls.
const probes = [
  "",
  "a",
  "A",
  "0",
  "_",
  "-",
  "-a",
  "_a",
  "a-b_c",
  "a b",
  "a\nb",
  "\u0000",
  "\u007f",
  "\u0080",
  "é",
  "ß",
  "中文",
  "𝒜",
  "\u00a0",
  "\u2003",
  "١٢٣",
  "%",
  "@",
  "=+/:.",
  "a#b",
  "!",
  "'",
  '"',
  "\\",
  "id#",
  "id#AbCdEfGhIjKlMnOpQrStUv",
  "id#AbCdEfGhIjKlMnOpQrStU",
  "id#AbCdEfGhIjKlMnOpQrStUv1",
  "ID#AbCdEfGhIjKlMnOpQrStUv",
  "AbCdEfGhIjKlMnOpQrStUv",
  "AbCdEfGhIjKlMnOpQrStU!",
  "s3://bucket",
  "s3://bucket/key",
  "s3://b/key",
  "s3://Bucket/key",
  "s3://bu_ket/key",
  "S3://bucket/key",
  "arn:aws:iam::123456789012:role/r",
  "arn:aws-cn:iam::123456789012:role/r",
  "arn:aws:iam::12345678901:role/r",
  "arn:aws:iam::123456789012:role/",
  "arn:aws:voiceid:us-east-1:123456789012:domain/AbCdEfGhIjKlMnOpQrStUv",
  "arn:aws-us-gov:voiceid:us-gov-west-1:123456789012:domain/AbCdEfGhIjKlMnOpQrStUv",
  "arn:aws:voiceid:us-east-1:123456789012:domain/AbCdEfGhIjKlMnOpQrStU",
  "arn:aws:voiceid::123456789012:domain/AbCdEfGhIjKlMnOpQrStUv",
  "arn:aws:voiceid:us-east-1:123456789012:watchlist/AbCdEfGhIjKlMnOpQrStUv",
  "x".repeat(23),
  "x".repeat(37)
]

describe("the model as read", () => {
  it("has the sizes the issue names", () => {
    expect(shapeNames).toHaveLength(150)
    expect(operationNames).toHaveLength(29)
    expect(Object.keys(paginators)).toHaveLength(6)
    expect(exceptions).toHaveLength(7)
  })
})

describe("shapes", () => {
  it("every data shape has a strict schema under its model name, and nothing else is exported", () => {
    expect(Object.keys(strict).sort()).toEqual(dataShapes)
    for (const name of dataShapes) {
      const schema = strictOf(name)
      expect(Schema.isSchema(schema), name).toBe(true)
      expect(Sensitive.shapeName(schema.ast), name).toBe(name)
      expect(AST.getIdentifierAnnotation(schema.ast).pipe(Option.getOrUndefined), name).toBe(name)
    }
  })

  it("every shape a response can carry has a lenient schema under its model name", () => {
    const expected = [...responseShapes].filter((n) => shape(n).exception !== true).sort()
    expect(Object.keys(lenient).sort()).toEqual(expected)
    for (const name of expected) expect(Sensitive.shapeName(lenientOf(name).ast), name).toBe(name)
  })

  it("sensitive flags: a schema is marked sensitive exactly when the model marks its shape", () => {
    const marked = dataShapes.filter((n) => shape(n).sensitive === true)
    // The issue names these; the model marks them and a few more.
    expect(marked).toEqual(
      expect.arrayContaining(["JobName", "CustomerSpeakerId", "DomainName", "Description", "TagValue"])
    )
    for (const name of dataShapes) {
      expect(Sensitive.isSensitive(strictOf(name).ast), name).toBe(shape(name).sensitive === true)
      if (name in lenient) expect(Sensitive.isSensitive(lenientOf(name).ast), name).toBe(shape(name).sensitive === true)
    }
  })
})

describe("strings", () => {
  const strings = ofType("string")

  it.each(strings)("%s: base, length and pattern refinements match the model", (name) => {
    const s = shape(name)
    const { base, refinements } = unwrap(strictOf(name).ast)
    expect(AST.isStringKeyword(base)).toBe(true)
    const lengths = carrying(strictOf(name).ast, "minLength")
    const patterns = refinements.filter(
      (r) => Option.getOrUndefined(AST.getSchemaIdAnnotation(r)) === Schema.PatternSchemaId
    )
    const hasLength = s.min !== undefined || s.max !== undefined
    expect(lengths).toHaveLength(hasLength ? 1 : 0)
    expect(patterns).toHaveLength(s.pattern === undefined ? 0 : 1)
    expect(refinements).toHaveLength(lengths.length + patterns.length)
    if (hasLength) {
      const js = jsonSchemaOf(lengths[0]!)
      expect(js.minLength).toBe(s.min ?? 0)
      expect(js.maxLength).toBe(s.max)
    }
    if (s.pattern !== undefined) {
      const { regex } = patterns[0]!.annotations[Schema.PatternSchemaId] as { regex: RegExp }
      // A regex literal writes `/` as `\/` (the same character, in or out of a class); otherwise the text is the model's.
      expect(regex.source.replaceAll("\\/", "/")).toBe(s.pattern)
      expect(regex.flags).toBe("u")
    }
    // Responses are never held to the constraints.
    if (name in lenient) {
      const out = unwrap(lenientOf(name).ast)
      expect(AST.isStringKeyword(out.base)).toBe(true)
      expect(out.refinements).toHaveLength(0)
    }
  })

  it.each(strings.filter((n) => shape(n).min !== undefined || shape(n).max !== undefined))(
    "%s: the length check counts code points and holds at its bounds",
    (name) => {
      const s = shape(name)
      const length = Schema.make<string>(carrying(strictOf(name).ast, "minLength")[0]!)
      for (const unit of ["a", "𝒜"]) {
        const min = s.min ?? 0
        expect(Schema.is(length)(unit.repeat(min)), `${min} × ${unit}`).toBe(true)
        if (min > 0) expect(Schema.is(length)(unit.repeat(min - 1)), `${min - 1} × ${unit}`).toBe(false)
        if (s.max !== undefined) {
          expect(Schema.is(length)(unit.repeat(s.max)), `${s.max} × ${unit}`).toBe(true)
          expect(Schema.is(length)(unit.repeat(s.max + 1)), `${s.max + 1} × ${unit}`).toBe(false)
        }
      }
    }
  )

  it.each(strings.filter((n) => shape(n).max !== undefined))(
    "%s: a valid value of the maximum length passes, one code point more fails",
    (name) => {
      const s = shape(name)
      const schema = strictOf(name)
      const atMax = fillers.filter((f) => {
        const value = build(f, s.max!)
        return value !== undefined && modelAcceptsString(s, value)
      })
      expect(atMax.length, "some filler builds a valid value of the maximum length").toBeGreaterThan(0)
      for (const f of atMax) {
        expect(accepts(schema, build(f, s.max!)), `${f.prefix}${f.fill}… × ${s.max}`).toBe(true)
        expect(accepts(schema, build(f, s.max! + 1)), `${f.prefix}${f.fill}… × ${s.max! + 1}`).toBe(false)
      }
      for (const f of fillers) {
        if (s.min === undefined || s.min === 0) continue
        const atMin = build(f, s.min)
        if (atMin === undefined || !modelAcceptsString(s, atMin)) continue
        expect(accepts(schema, atMin)).toBe(true)
        const below = build(f, s.min - 1)
        if (below !== undefined) expect(accepts(schema, below)).toBe(false)
      }
    }
  )

  it.each(strings)("%s: accepts exactly the strings the model accepts", (name) => {
    const s = shape(name)
    const schema = strictOf(name)
    const valid = FastCheck.sample(Arbitrary.make(schema), { numRuns: 50, seed: 11 })
    const random = FastCheck.sample(
      FastCheck.oneof(FastCheck.string({ unit: "binary" }), FastCheck.string({ unit: "grapheme" }), FastCheck.string()),
      { numRuns: 200, seed: 13 }
    )
    const built = fillers.flatMap((f) => [s.min ?? 1, (s.max ?? 40) - 1, s.max ?? 41].flatMap((n) => build(f, n) ?? []))
    for (const value of [...probes, ...built, ...random, ...(valid as Array<string>)]) {
      expect(accepts(schema, value), JSON.stringify(value)).toBe(modelAcceptsString(s, value))
    }
    // The arbitrary only ever makes valid values (it is what the round-trip tests draw from).
    for (const value of valid) expect(modelAcceptsString(s, value as string), JSON.stringify(value)).toBe(true)
  })
})

describe("enums", () => {
  it.each(enums)("%s: the strict schema holds exactly the model's values, the response schema any string", (name) => {
    const values = shape(name).enum!
    const ast = strictOf(name).ast
    const literals = AST.isUnion(ast) ? ast.types : [ast]
    expect(literals.map((l) => (AST.isLiteral(l) ? l.literal : "<not a literal>"))).toEqual(values)
    for (const v of values) expect(accepts(strictOf(name), v)).toBe(true)
    expect(accepts(strictOf(name), "SOME_FUTURE_VALUE")).toBe(false)
    expect(accepts(strictOf(name), values[0]!.toLowerCase())).toBe(false)
    if (name in lenient) {
      for (const v of values) expect(accepts(lenientOf(name), v)).toBe(true)
      expect(accepts(lenientOf(name), "SOME_FUTURE_VALUE")).toBe(true)
      expect(accepts(lenientOf(name), 1)).toBe(false)
    }
  })
})

describe("integers", () => {
  it.each(ofType("integer"))("%s: an integer check and the model's range, enforced at the bounds", (name) => {
    const s = shape(name)
    const ast = strictOf(name).ast
    const { base, refinements } = unwrap(ast)
    expect(AST.isNumberKeyword(base)).toBe(true)
    const ints = refinements.filter((r) => jsonSchemaOf(r).type === "integer")
    const mins = carrying(ast, "minimum")
    const maxs = carrying(ast, "maximum")
    expect(ints).toHaveLength(1)
    expect(mins.map((r) => jsonSchemaOf(r).minimum)).toEqual(s.min === undefined ? [] : [s.min])
    expect(maxs.map((r) => jsonSchemaOf(r).maximum)).toEqual(s.max === undefined ? [] : [s.max])
    expect(refinements).toHaveLength(1 + mins.length + maxs.length)
    const schema = strictOf(name)
    const low = s.min ?? -(2 ** 31)
    const high = s.max ?? 2 ** 31 - 1
    expect(accepts(schema, low)).toBe(true)
    expect(accepts(schema, high)).toBe(true)
    expect(accepts(schema, low + 0.5)).toBe(false)
    if (s.min !== undefined) expect(accepts(schema, s.min - 1)).toBe(false)
    if (s.max !== undefined) expect(accepts(schema, s.max + 1)).toBe(false)
    expect(accepts(schema, String(low))).toBe(false)
    if (name in lenient) {
      expect(unwrap(lenientOf(name).ast).refinements).toHaveLength(0)
      if (s.max !== undefined) expect(accepts(lenientOf(name), s.max + 1)).toBe(true)
    }
  })

  it("MaxResults is 1 to 100, but 1 to 10 for ListDomains", () => {
    for (const op of paginatedOperations) {
      const limitMax = op === "ListDomains" ? 10 : 100
      const input = { ...(op === "ListDomains" ? {} : { DomainId: "AbCdEfGhIjKlMnOpQrStUv" }) }
      const valid = (n: number) => Either.isRight(Codec.validateInput(operations[op], { ...input, MaxResults: n }))
      expect([valid(0), valid(1), valid(limitMax), valid(limitMax + 1), valid(101)], op).toEqual([
        false,
        true,
        true,
        false,
        false
      ])
      expect(operations[op].paginator.limitMax, op).toBe(limitMax)
    }
  })
})

describe("booleans and timestamps", () => {
  it.each(ofType("boolean"))("%s is a boolean", (name) => {
    expect(AST.isBooleanKeyword(strictOf(name).ast)).toBe(true)
    if (name in lenient) expect(AST.isBooleanKeyword(lenientOf(name).ast)).toBe(true)
  })

  it.each(ofType("timestamp"))("%s: epoch seconds (fractions allowed) on the wire, a Date in TypeScript", (name) => {
    for (const schema of [strictOf(name), lenientOf(name)]) {
      expect(Schema.decodeUnknownSync(schema)(1.5)).toEqual(new Date(1500))
      expect(Schema.decodeUnknownSync(schema)(1.001)).toEqual(new Date(1001))
      expect(Schema.decodeUnknownSync(schema)(1764720000)).toEqual(new Date("2025-12-03T00:00:00Z"))
      expect(Schema.encodeSync(schema)(new Date(1001))).toBe(1.001)
      expect(Either.isLeft(Schema.decodeUnknownEither(schema)("1.5"))).toBe(true)
      expect(Either.isLeft(Schema.decodeUnknownEither(schema)(Number.NaN))).toBe(true)
    }
  })
})

describe("lists", () => {
  it.each(ofType("list"))("%s: element schema and length bounds match the model", (name) => {
    const s = shape(name)
    const member = s.member!.shape
    const ast = strictOf(name).ast
    const { base, refinements } = unwrap(ast)
    expect(AST.isTupleType(base)).toBe(true)
    if (!AST.isTupleType(base)) return
    expect(base.elements).toHaveLength(0)
    expect(base.rest.map((r) => r.type)).toEqual([strictOf(member).ast])
    const mins = carrying(ast, "minItems").map((r) => jsonSchemaOf(r).minItems)
    const maxs = carrying(ast, "maxItems").map((r) => jsonSchemaOf(r).maxItems)
    // A minimum of 0 says nothing, so it has no check.
    expect(mins).toEqual(s.min === undefined || s.min === 0 ? [] : [s.min])
    expect(maxs).toEqual(s.max === undefined ? [] : [s.max])
    expect(refinements).toHaveLength(mins.length + maxs.length)

    const item = sampleOf(strictOf(member))
    const list = (n: number) => Array.from({ length: n }, () => item)
    expect(accepts(strictOf(name), list(s.min ?? 0))).toBe(true)
    if (s.min !== undefined && s.min > 0) expect(accepts(strictOf(name), list(s.min - 1))).toBe(false)
    if (s.max !== undefined) {
      expect(accepts(strictOf(name), list(s.max))).toBe(true)
      expect(accepts(strictOf(name), list(s.max + 1))).toBe(false)
    }
    if (name in lenient) {
      const out = unwrap(lenientOf(name).ast)
      expect(out.refinements).toHaveLength(0)
      expect(AST.isTupleType(out.base) && out.base.rest.map((r) => r.type)).toEqual([lenientOf(member).ast])
      if (s.max !== undefined) expect(accepts(lenientOf(name), list(s.max + 1))).toBe(true)
    }
    expect(Sensitive.isSensitivePath(strictOf(name), [0])).toBe(shape(member).sensitive === true)
  })
})

describe("structures", () => {
  const checkMembers = (name: string, schema: AnySchema, schemaOf: (shape: string) => AnySchema) => {
    const s = shape(name)
    if (Object.keys(s.members ?? {}).length === 0) {
      // `Schema.Struct({})` would pass any value through unchanged; an empty structure reads any object as {}.
      expect(Schema.decodeUnknownSync(schema)({ Added: "by a newer service" }), name).toEqual({})
      expect(Either.isLeft(Schema.decodeUnknownEither(schema)("x")), name).toBe(true)
      return
    }
    const ast = schema.ast
    expect(AST.isTypeLiteral(ast), name).toBe(true)
    if (!AST.isTypeLiteral(ast)) return
    expect(ast.indexSignatures).toHaveLength(0)
    const members = s.members ?? {}
    expect(ast.propertySignatures.map((p) => String(p.name)).sort()).toEqual(Object.keys(members).sort())
    const required = new Set(s.required ?? [])
    for (const [member, ref] of Object.entries(members)) {
      const ps = ast.propertySignatures.find((p) => p.name === member)!
      const target = schemaOf(ref.shape).ast
      expect(ps.isOptional, `${name}.${member} optional`).toBe(!required.has(member))
      expect(ps.isReadonly, `${name}.${member} readonly`).toBe(true)
      if (required.has(member)) {
        expect(ps.type, `${name}.${member}`).toBe(target)
      } else {
        expect(AST.isUnion(ps.type) && ps.type.types, `${name}.${member}`).toEqual([target, AST.undefinedKeyword])
      }
      expect(Sensitive.isSensitivePath(schema, [member]), `${name}.${member} sensitive`).toBe(
        shape(ref.shape).sensitive === true
      )
    }
  }

  it.each(ofType("structure"))("%s: members, their shapes and required flags match the model", (name) => {
    checkMembers(name, strictOf(name), strictOf)
    if (name in lenient) checkMembers(name, lenientOf(name), lenientOf)
  })

  it.each(ofType("structure").filter((n) => (shape(n).required ?? []).length > 0))(
    "%s: a valid value passes; without any one required member it fails, naming the member",
    (name) => {
      const valid = sampleOf(strictOf(name)) as Record<string, unknown>
      expect(accepts(strictOf(name), valid)).toBe(true)
      for (const member of shape(name).required!) {
        const { [member]: _, ...rest } = valid
        const result = Schema.validateEither(strictOf(name))(rest)
        expect(Either.isLeft(result), member).toBe(true)
        if (Either.isLeft(result)) expect(result.left.message).toContain(`["${member}"]`)
        // Required members of output structures are required too.
        if (name in lenient) expect(accepts(lenientOf(name), rest), `${name} response without ${member}`).toBe(false)
      }
    }
  )

  it.each(ofType("structure").filter((n) => (shape(n).required ?? []).length === 0))(
    "%s: every member is optional, so {} is valid",
    (name) => {
      expect(accepts(strictOf(name), {})).toBe(true)
      if (name in lenient) expect(accepts(lenientOf(name), {})).toBe(true)
    }
  )
})

describe("operations", () => {
  it("the table has every operation of the model and nothing else", () => {
    expect(Object.keys(operations).sort()).toEqual(operationNames)
    expect([...paginatedOperations].sort()).toEqual(Object.keys(paginators).sort())
    expect(service).toMatchObject({
      apiVersion: model.metadata.apiVersion,
      signingName: "voiceid",
      targetPrefix: "VoiceID",
      jsonVersion: "1.0",
      contentType: "application/x-amz-json-1.0"
    })
  })

  it.each(operationNames)("%s: target, shapes, errors, idempotency and paginator match the model", (name) => {
    const o = model.operations[name]!
    const entry = table[name]!
    expect(o.http).toEqual({ method: "POST", requestUri: "/" })
    expect(entry.name).toBe(name)
    expect(entry.method).toBe(name[0]!.toLowerCase() + name.slice(1))
    expect(entry.target).toBe(`${model.metadata.targetPrefix}.${name}`)
    expect(entry.input).toBe(strictOf(o.input!.shape))
    expect(entry.output).toBe(o.output === undefined ? NoOutput : lenientOf(o.output.shape))
    expect(Schema.decodeUnknownSync(entry.output)({ Added: 1 })).not.toHaveProperty("Added")
    expect(entry.errors.map((e) => e._tag).sort()).toEqual((o.errors ?? []).map((e) => e.shape).sort())
    for (const e of entry.errors) expect(e).toBe(Errors.modeledErrors[e._tag as keyof typeof Errors.modeledErrors])
    expect(entry.idempotent).toBe(o.idempotent === true)
    const token = Object.entries(shape(o.input!.shape).members ?? {}).find(([, m]) => m.idempotencyToken === true)
    expect(entry.idempotencyToken).toBe(token?.[0])
    const p = paginators[name]
    if (p === undefined) {
      expect(entry.paginator).toBeUndefined()
    } else {
      const input = shape(o.input!.shape)
      const output = shape(o.output!.shape)
      expect(entry.paginator).toEqual({
        inputToken: p.input_token,
        outputToken: p.output_token,
        limitKey: p.limit_key,
        resultKey: p.result_key,
        limitMax: shape(input.members![p.limit_key]!.shape).max
      })
      expect(Object.keys(input.members!)).toEqual(expect.arrayContaining([p.input_token, p.limit_key]))
      expect(Object.keys(output.members!)).toEqual(expect.arrayContaining([p.output_token, p.result_key]))
      expect(shape(output.members![p.result_key]!.shape).type).toBe("list")
    }
  })

  it("the idempotency token is ClientToken wherever the model has one", () => {
    const withToken = operationNames.filter((n) => table[n]!.idempotencyToken !== undefined)
    expect(withToken).toEqual([
      "CreateDomain",
      "CreateWatchlist",
      "StartFraudsterRegistrationJob",
      "StartSpeakerEnrollmentJob"
    ])
    for (const n of withToken) expect(table[n]!.idempotencyToken).toBe("ClientToken")
  })

  it("an operation without an output shape decodes {} and an empty body", () => {
    for (const name of operationNames.filter((n) => model.operations[n]!.output === undefined)) {
      const op = table[name]!
      for (const body of ["{}", ""]) {
        const decoded = Codec.decodeResponse(op, { status: 200, headers: {}, body })
        expect(Either.isRight(decoded), `${name} ${JSON.stringify(body)}`).toBe(true)
      }
    }
  })
})

describe("errors", () => {
  it("one class per modeled error, and the union holds them all", () => {
    expect(Object.keys(Errors.modeledErrors).sort()).toEqual(exceptions)
    expect(AST.isUnion(Errors.ModeledError.ast) && Errors.ModeledError.ast.types).toHaveLength(exceptions.length)
  })

  it.each(exceptions)("%s: tag, members, HTTP status and fault match the model", (name) => {
    const s: ModelShape = shape(name)
    const ErrorClass = Errors.modeledErrors[name as keyof typeof Errors.modeledErrors]
    expect(ErrorClass._tag).toBe(name)
    expect(Object.keys(ErrorClass.fields).sort()).toEqual(["$metadata", "_tag", ...Object.keys(s.members ?? {})].sort())
    expect(ErrorClass.httpStatus).toBe(httpErrors[name]!.httpStatus)
    expect(ErrorClass.fault).toBe(s.fault === true ? "server" : "client")
    expect(ErrorClass.fault).toBe(httpErrors[name]!.fault)
    // Every member is optional: a service may leave any out.
    const error = new ErrorClass({ $metadata: { httpStatusCode: ErrorClass.httpStatus } })
    expect(error._tag).toBe(name)
    expect(error.message).toBe(name)
  })

  it("every operation decodes each error it lists into that class, with its status", () => {
    for (const name of operationNames) {
      const op = table[name]!
      for (const { shape: code } of model.operations[name]!.errors ?? []) {
        const status = httpErrors[code]!.httpStatus
        const decoded = Codec.decodeResponse(op, {
          status,
          headers: { "x-amzn-requestid": "req-1" },
          body: JSON.stringify({ __type: `com.amazonaws.voiceid#${code}`, Message: "m" })
        })
        expect(Either.isLeft(decoded), `${name} ${code}`).toBe(true)
        if (Either.isRight(decoded)) continue
        expect(decoded.left).toBeInstanceOf(Errors.modeledErrors[code as keyof typeof Errors.modeledErrors])
        expect(decoded.left).toMatchObject({
          _tag: code,
          Message: "m",
          $metadata: { httpStatusCode: status, requestId: "req-1" }
        })
      }
    }
  })
})

describe("what the generator does not express", () => {
  it("the box trait only marks integers nullable in Java; in TypeScript an optional member is already absent", () => {
    const boxed = shapeNames.filter((n) => shape(n).box === true)
    expect(boxed.sort()).toEqual(["Integer", "MaxResultsForList", "MaxResultsForListDomainFe", "Score"])
    for (const name of boxed) expect(AST.isNumberKeyword(unwrap(strictOf(name).ast).base)).toBe(true)
  })
})
