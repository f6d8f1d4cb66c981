/**
 * Property round trips: any valid value (drawn from the strict schemas) survives encode → JSON → decode
 * unchanged, for every structure shape, on the request path of every operation (client encodes, server decodes)
 * and on the response path of every operation (server encodes, client decodes with the lenient schemas).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Codec from "../src/Codec.js"
import { operations } from "../src/generated/Operations.js"
import * as OutputSchemas from "../src/generated/OutputSchemas.js"
import * as Schemas from "../src/generated/Schemas.js"
import { model, operationNames, shape, shapeNames } from "./support/model.js"

type AnySchema = Schema.Schema<unknown, unknown>
const strict = Schemas as unknown as Readonly<Record<string, AnySchema>>
const lenient = OutputSchemas as unknown as Readonly<Record<string, AnySchema>>
const table = operations as unknown as Readonly<Record<string, Codec.OperationDescription>>

const structures = shapeNames.filter((n) => shape(n).type === "structure" && shape(n).exception !== true)

/**
 * Checks the wire form member by member: a `Date` is a JSON number of epoch seconds (with the milliseconds as a
 * fraction), an absent or `undefined` member is no key at all, everything else is written as it is.
 */
const expectWire = (value: unknown, wire: unknown, path = "$"): void => {
  if (value instanceof Date) {
    expect(wire, path).toBe(value.getTime() / 1000)
  } else if (Array.isArray(value)) {
    expect(Array.isArray(wire) && wire.length, path).toBe(value.length)
    for (const [i, item] of value.entries()) expectWire(item, (wire as Array<unknown>)[i], `${path}[${i}]`)
  } else if (value !== null && typeof value === "object") {
    const defined = Object.entries(value).filter(([, member]) => member !== undefined)
    expect(Object.keys(wire as object).sort(), path).toEqual(defined.map(([key]) => key).sort())
    for (const [key, member] of defined) expectWire(member, (wire as Record<string, unknown>)[key], `${path}.${key}`)
  } else {
    expect(wire, path).toBe(value)
  }
}

describe("every structure shape", () => {
  for (const name of structures) {
    const schema = strict[name]!
    it.prop(
      `${name}: strict encode → JSON → decode is the identity${name in lenient ? ", and so is the response schema" : ""}`,
      [schema],
      ([value]) => {
        const json = Codec.toJson(value)
        const wire: unknown = JSON.parse(json)
        expectWire(value, wire)
        // The codec's JSON is the schema's own encoded form.
        expect(wire).toEqual(Schema.encodeSync(schema)(value))
        expect(Schema.decodeUnknownSync(schema)(wire)).toEqual(value)
        const output = lenient[name]
        if (output !== undefined) expect(Schema.decodeUnknownSync(output)(wire)).toEqual(value)
      },
      { timeout: 60_000, fastCheck: { numRuns: 40 } }
    )
  }
})

describe("request path: Codec.encodeRequest → Codec.decodeRequest", () => {
  for (const name of operationNames) {
    const op = table[name]!
    it.prop(
      `${name}`,
      [op.input],
      ([input]) => {
        const encoded = Codec.encodeRequest(op, input)
        expect(Either.isRight(encoded)).toBe(true)
        if (Either.isLeft(encoded)) return
        expect(encoded.right.target).toBe(`VoiceID.${name}`)
        expectWire(input, JSON.parse(encoded.right.body))
        const decoded = Codec.decodeRequest(op, encoded.right.body)
        expect(decoded).toEqual(Either.right(input))
      },
      { timeout: 60_000 }
    )
  }
})

describe("response path: Codec.encodeOutput → Codec.decodeResponse", () => {
  for (const name of operationNames) {
    const op = table[name]!
    const outputShape = model.operations[name]!.output?.shape
    // Valid outputs come from the strict schema of the output shape; the client reads them with the lenient one.
    const source = outputShape === undefined ? op.output : strict[outputShape]!
    it.prop(`${name}`, [source], ([output]) => {
      const body = Codec.encodeOutput(op, output)
      expectWire(output, JSON.parse(body))
      const decoded = Codec.decodeResponse(op, { status: 200, headers: { "x-amzn-requestid": "rid" }, body })
      expect(decoded).toEqual(
        Either.right({ ...(output as object), $metadata: { httpStatusCode: 200, requestId: "rid" } })
      )
    })
  }
})

describe("timestamps", () => {
  const { Timestamp } = Schemas

  it.prop(
    "any millisecond of the years 0000 to 9999 is written as epoch seconds with a fraction and read back exactly",
    [FastCheck.integer({ min: Date.parse("0000-01-01T00:00:00.000Z"), max: Date.parse("9999-12-31T23:59:59.999Z") })],
    ([ms]) => {
      const date = new Date(ms)
      const json = Codec.toJson({ At: date })
      expect(JSON.parse(json)).toEqual({ At: ms / 1000 })
      const decoded = Schema.decodeUnknownSync(Schema.Struct({ At: Timestamp }))(JSON.parse(json))
      expect(decoded.At.getTime()).toBe(ms)
    },
    { timeout: 60_000, fastCheck: { numRuns: 2000 } }
  )

  it("milliseconds whose seconds do not multiply back exactly still round-trip", () => {
    // 1.001 * 1000 === 1000.9999999999999: a truncating decoder would give 1000.
    for (const ms of [1001, 1003, 1764720000001, 253402300799999, -62167219200000 + 1]) {
      const json = Codec.toJson({ At: new Date(ms) })
      expect(Schema.decodeUnknownSync(Schema.Struct({ At: Timestamp }))(JSON.parse(json)).At.getTime()).toBe(ms)
    }
    expect(Codec.toJson({ At: new Date(1001) })).toBe('{"At":1.001}')
  })
})
