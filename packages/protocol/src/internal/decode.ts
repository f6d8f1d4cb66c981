/**
 * The fast path of response decoding: the building blocks of the generated decoders (`generated/Decoders.ts`),
 * the registry that links a response schema to its generated decoder, and what the codec needs to read the fields
 * of a modeled error without a schema.
 *
 * A generated decoder reads a value parsed from JSON the way the lenient response schema decodes it (after
 * {@link withoutNullMembers}): same checks, same result, but in straight-line code, with no intermediate copy and
 * no parse issues built. Where the value does not fit it returns {@link Invalid}, and the codec runs the schema
 * to say why.
 */
import * as AST from "effect/SchemaAST"

/** What a generated decoder returns for a value that does not have the shape's structure and types. */
export const Invalid: unique symbol = /* @__PURE__ */ Symbol("@effect-voiceid/protocol/Invalid")

/** The type of {@link Invalid}. */
export type Invalid = typeof Invalid

/** A generated decoder: the decoded value, or {@link Invalid}. */
export type Decoder<A> = (u: unknown) => A | Invalid

/** A decoded structure while its members are being filled in. */
export type Building<A> = { -readonly [K in keyof A]?: A[K] }

// Keyed by the schema object itself, so a schema derived from a registered one (refined, transformed, annotated)
// never borrows a decoder that does not know what it adds.
const decoders = new WeakMap<object, Decoder<unknown>>()

/**
 * Registers the generated decoder of a response schema and returns the schema. The operation table calls it for
 * each operation's output, inside a pure expression: a bundle that drops the operation drops the decoder with it.
 */
export const withDecoder = <S extends { readonly Type: unknown }>(schema: S, decode: Decoder<S["Type"]>): S => {
  decoders.set(schema, decode)
  return schema
}

/** The generated decoder registered for `schema`, if any. */
export const decoderOf = (schema: object): Decoder<unknown> | undefined => decoders.get(schema)

/** Whether a schema accepts some strings only, each decoded as itself: string literals, or unions of them. */
const isStringLiterals = (ast: AST.AST): boolean =>
  (AST.isLiteral(ast) && typeof ast.literal === "string") || (AST.isUnion(ast) && ast.types.every(isStringLiterals))

/** Whether a schema accepts exactly the strings, each decoded as itself: `String`, or a union of it and literals. */
const isStringOnly = (ast: AST.AST): boolean =>
  AST.isStringKeyword(ast) ||
  (AST.isUnion(ast) && ast.types.some(isStringOnly) && ast.types.every((t) => isStringOnly(t) || isStringLiterals(t)))

/** An optional member of a string-only schema: its type is that schema or `undefined`. */
const isOptionalString = (ps: AST.PropertySignature): boolean =>
  ps.isOptional &&
  AST.isUnion(ps.type) &&
  ps.type.types.some(isStringOnly) &&
  ps.type.types.every((t) => isStringOnly(t) || AST.isUndefinedKeyword(t))

/**
 * The member names, in order, of a structure whose members are all optional members of a string-only schema (what
 * the modeled errors have: `Message`, `ConflictType`, `ResourceType`), else `undefined`. The codec reads such
 * members without the schema.
 */
export const optionalStringMembers = (ast: AST.AST): ReadonlyArray<string> | undefined => {
  if (!AST.isTypeLiteral(ast) || ast.indexSignatures.length > 0) return undefined
  const names: Array<string> = []
  for (const ps of ast.propertySignatures) {
    if (typeof ps.name !== "string" || !isOptionalString(ps)) return undefined
    names.push(ps.name)
  }
  return names
}

/**
 * Epoch seconds to a `Date`. `seconds * 1000` is not always exact (1.001 * 1000 is 1000.9999999999999) and `Date`
 * truncates, which would lose a millisecond; rounding gives back the millisecond the seconds were made from.
 */
export const fromEpochSeconds = (seconds: number): Date => new Date(Math.round(seconds * 1000))

/** A timestamp as `EpochSeconds` decodes it: a finite number of seconds that makes a valid `Date`. */
export const timestamp = (u: unknown): Date | Invalid => {
  if (typeof u !== "number" || !Number.isFinite(u)) return Invalid
  const date = fromEpochSeconds(u)
  return Number.isNaN(date.getTime()) ? Invalid : date
}

/** A structure without members, as `EmptyStructure` decodes it: any object (not an array) reads as `{}`. */
export const emptyStructure = (u: unknown): {} | Invalid =>
  typeof u === "object" && u !== null && !Array.isArray(u) ? {} : Invalid

/**
 * A copy of a parsed JSON value without the object members that are `null` (array items stay as they are). A
 * member sent as `null` is read as absent, as the AWS SDKs read awsJson responses (a union sends its unset members
 * as `null`; some services send `"NextToken": null`); without sparse lists or maps in the model, no `null` carries
 * a value.
 *
 * Iterative, so that a body nested thousands deep (inside a member nobody reads) cannot overflow the stack; a
 * `__proto__` key is copied as a plain member.
 */
export const withoutNullMembers = (value: unknown): unknown => {
  if (value === null || typeof value !== "object") return value
  const root: unknown = Array.isArray(value) ? [] : {}
  const work: Array<readonly [source: object, target: Record<string, unknown> | Array<unknown>]> = [
    [value, root as Record<string, unknown> | Array<unknown>]
  ]
  const copy = (member: unknown): unknown => {
    if (member === null || typeof member !== "object") return member
    const target: Record<string, unknown> | Array<unknown> = Array.isArray(member) ? [] : {}
    work.push([member, target])
    return target
  }
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    const [source, target] = next
    if (Array.isArray(source)) {
      const items = target as Array<unknown>
      for (const item of source) items.push(copy(item))
    } else {
      const members = target as Record<string, unknown>
      for (const [key, member] of Object.entries(source)) {
        if (member === null) continue
        if (key === "__proto__") {
          Object.defineProperty(members, key, {
            value: copy(member),
            enumerable: true,
            writable: true,
            configurable: true
          })
        } else {
          members[key] = copy(member)
        }
      }
    }
  }
  return root
}
