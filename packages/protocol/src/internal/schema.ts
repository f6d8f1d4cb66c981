import * as Schema from "effect/Schema"

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
export const EpochSeconds: Schema.Schema<Date, number> = Schema.transform(Schema.Finite, Schema.ValidDateFromSelf, {
  strict: true,
  decode: (seconds) => new Date(seconds * 1000),
  encode: (date) => date.getTime() / 1000
}).annotations({ identifier: "EpochSeconds" })
