import type { LazyArbitrary } from "effect/Arbitrary"
import * as Schema from "effect/Schema"
import { fromEpochSeconds } from "./decode.js"

/**
 * A string length check counted in Unicode code points, as Smithy's `length` trait counts string length
 * (`Schema.minLength` counts UTF-16 code units, which disagrees for characters outside the BMP).
 */
export const length =
  (min: number, max: number | undefined) =>
  <S extends Schema.Schema.Any>(self: S & Schema.Schema<string, Schema.Schema.Encoded<S>, Schema.Schema.Context<S>>) =>
    self.pipe(
      Schema.filter(
        (s: string) => {
          const n = codePoints(s)
          return n >= min && (max === undefined || n <= max)
        },
        {
          message: () =>
            max === undefined
              ? `Expected a string of at least ${min} character(s)`
              : min === max
                ? `Expected a string of exactly ${min} character(s)`
                : `Expected a string of ${min} to ${max} character(s)`,
          jsonSchema: max === undefined ? { minLength: min } : { minLength: min, maxLength: max }
        }
      )
    )

const codePoints = (s: string): number => {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    // A high surrogate followed by a low surrogate is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) i++
    }
    n++
  }
  return n
}

/**
 * A value of an enum that this version of the model does not list. Responses keep such values as strings, so a
 * newer service never breaks an older client; the `& {}` keeps the known values visible to autocompletion.
 */
export type UnknownEnumValue = string & {}

/** The response-side schema of a model enum: the known values, or any other string. */
export const openEnum = <const Values extends ReadonlyArray<string>>(
  ...values: Values
): Schema.Schema<Values[number] | UnknownEnumValue, string> =>
  Schema.Union(Schema.Literal(...values), Schema.String) as unknown as Schema.Schema<
    Values[number] | UnknownEnumValue,
    string
  >

/**
 * A timestamp as awsJson sends it: epoch seconds, a JSON number that may carry a fraction, decoded to a `Date`.
 */
export const EpochSeconds: Schema.Schema<Date, number> = /* @__PURE__ */ Schema.transform(
  Schema.Finite,
  Schema.ValidDateFromSelf,
  {
    strict: true,
    // Rounds to the nearest millisecond (the generated decoders share `fromEpochSeconds`).
    decode: fromEpochSeconds,
    encode: (date) => date.getTime() / 1000
  }
).annotations({
  identifier: "EpochSeconds",
  // Seconds as a double keep every millisecond only up to some 35,000 years from 1970; property tests draw from
  // the years a service can mean (0000 to 9999), where the round trip is exact.
  arbitrary: () => (fc) =>
    fc.date({
      min: new Date("0000-01-01T00:00:00.000Z"),
      max: new Date("9999-12-31T23:59:59.999Z"),
      noInvalidDate: true
    })
})

/**
 * The arbitrary (for property tests) of a string whose pattern is one character class repeated, such as
 * `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` or `^\p{ASCII}{0,8192}$`: fast-check's `stringMatching` reads `\p{…}` as a
 * literal `p`, so it would never produce a letter outside ASCII. `char` matches one character of the class;
 * `min`/`max` count code points, as the `length` check does.
 */
export const classStringArbitrary =
  (char: RegExp, min: number, max: number | undefined) => (): LazyArbitrary<string> => (fc) =>
    fc
      .array(
        fc
          .oneof(
            fc.integer({ min: 0, max: 0x7f }),
            fc.integer({ min: 0x80, max: 0xffff }),
            fc.integer({ min: 0x10000, max: 0x10ffff })
          )
          .map((codePoint) => String.fromCodePoint(codePoint))
          .filter((c) => char.test(c)),
        max === undefined ? { minLength: min } : { minLength: min, maxLength: max }
      )
      .map((chars) => chars.join(""))

/**
 * A structure without members. `Schema.Struct({})` accepts any value and returns it as it came, members and all;
 * this one reads any object as `{}`, so that members a newer service adds are dropped here as everywhere else.
 */
export const EmptyStructure: Schema.Schema<{}, { readonly [x: string]: unknown }> = /* @__PURE__ */ Schema.transform(
  /* @__PURE__ */ Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  /* @__PURE__ */ Schema.Struct({}),
  { strict: true, decode: () => ({}), encode: () => ({}) }
).annotations({ identifier: "EmptyStructure" })
