/**
 * Which values the model marks sensitive, and a pure way to hide them.
 *
 * The model marks shapes such as `JobName`, `CustomerSpeakerId`, `DomainName`, `Description`, `TagValue` as
 * sensitive. Their schemas carry {@link SensitiveId}; {@link redact} replaces every such value in a decoded or
 * encoded value with {@link REDACTED}, so that logs, spans and error messages never show them.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/**
 * Annotation key: the shape is marked `sensitive` in the service model.
 *
 * @category annotations
 * @since 0.1.0
 */
export const SensitiveId: unique symbol = /* @__PURE__ */ Symbol.for("@effect-voiceid/protocol/Sensitive")

/**
 * Annotation key: the model name of the shape a schema was generated from.
 *
 * @category annotations
 * @since 0.1.0
 */
export const ShapeNameId: unique symbol = /* @__PURE__ */ Symbol.for("@effect-voiceid/protocol/ShapeName")

/**
 * What a redacted value is replaced with.
 *
 * @category redaction
 * @since 0.1.0
 */
export const REDACTED = "<redacted>"

/**
 * Whether a schema AST (or the refinement/transformation chain that wraps it) is marked sensitive.
 *
 * @category redaction
 * @since 0.1.0
 */
export const isSensitive = (ast: AST.AST): boolean => {
  let current: AST.AST | undefined = ast
  while (current !== undefined) {
    if (Option.isSome(AST.getAnnotation<boolean>(current, SensitiveId))) return true
    current = AST.isRefinement(current) ? current.from : AST.isTransformation(current) ? current.to : undefined
  }
  return false
}

/**
 * The model name of the shape a schema was generated from, if any.
 *
 * @category annotations
 * @since 0.1.0
 */
export const shapeName = (ast: AST.AST): string | undefined =>
  Option.getOrUndefined(AST.getAnnotation<string>(ast, ShapeNameId))

const strip = (ast: AST.AST): AST.AST => {
  let current = ast
  for (;;) {
    if (AST.isRefinement(current)) current = current.from
    else if (AST.isTransformation(current)) current = current.to
    else if (AST.isSuspend(current)) current = current.f()
    else return current
  }
}

const redactAst = (ast: AST.AST, value: unknown): unknown => {
  if (isSensitive(ast)) return value === undefined ? undefined : REDACTED
  const inner = strip(ast)
  if (AST.isTypeLiteral(inner) && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {}
    const known = new Map(inner.propertySignatures.map((p) => [p.name, p.type] as const))
    for (const [key, member] of Object.entries(value)) {
      const memberAst = known.get(key)
      out[key] = memberAst === undefined ? member : redactAst(memberAst, member)
    }
    return out
  }
  if (AST.isTupleType(inner) && Array.isArray(value)) {
    const element = inner.rest[0]?.type
    return element === undefined ? value : value.map((item) => redactAst(element, item))
  }
  if (AST.isUnion(inner)) {
    // Optional members are `T | undefined`: redact through the defined side.
    const defined = inner.types.filter((t) => !AST.isUndefinedKeyword(t))
    if (defined.length === 1) return redactAst(defined[0]!, value)
  }
  return value
}

/**
 * Returns a copy of `value` where every member that `schema` marks sensitive is replaced by {@link REDACTED}.
 * Works on decoded values and on their wire form alike (the member names are the same). Pure.
 *
 * @category redaction
 * @since 0.1.0
 */
export const redact =
  <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  (value: unknown): unknown =>
    redactAst(schema.ast, value)

/** An optional member's schema is `T | undefined`; this is `T`. */
const definedSide = (ast: AST.AST): AST.AST => {
  if (!AST.isUnion(ast)) return ast
  const defined = ast.types.filter((t) => !AST.isUndefinedKeyword(t))
  return defined.length === 1 ? defined[0]! : ast
}

/**
 * Walks `path` down from `ast`. Stops early (`sensitive: true`) at a sensitive member, or with `ast: undefined`
 * where the path leaves the schema.
 */
const walk = (
  ast: AST.AST,
  path: ReadonlyArray<PropertyKey>
): { readonly sensitive: boolean; readonly ast: AST.AST | undefined } => {
  let current = ast
  for (const key of path) {
    if (isSensitive(definedSide(current))) return { sensitive: true, ast: current }
    const inner = strip(definedSide(strip(current)))
    if (AST.isTypeLiteral(inner)) {
      const member = inner.propertySignatures.find((p) => p.name === key)
      if (member === undefined) return { sensitive: false, ast: undefined }
      current = member.type
    } else if (AST.isTupleType(inner) && inner.rest[0] !== undefined) {
      current = inner.rest[0].type
    } else {
      return { sensitive: false, ast: undefined }
    }
  }
  return { sensitive: isSensitive(definedSide(current)), ast: current }
}

/**
 * Whether the member at `path` (property names and array indexes) of a value of `schema` is sensitive, or lies
 * inside a sensitive member.
 *
 * @category redaction
 * @since 0.1.0
 */
export const isSensitivePath = <A, I, R>(schema: Schema.Schema<A, I, R>, path: ReadonlyArray<PropertyKey>): boolean =>
  walk(schema.ast, path).sensitive

const containsSensitive = (ast: AST.AST, seen: Set<AST.AST>): boolean => {
  if (seen.has(ast)) return false
  seen.add(ast)
  if (isSensitive(ast)) return true
  const inner = strip(ast)
  if (AST.isTypeLiteral(inner)) return inner.propertySignatures.some((p) => containsSensitive(p.type, seen))
  if (AST.isTupleType(inner)) {
    return [...inner.elements, ...inner.rest].some((e) => containsSensitive(e.type, seen))
  }
  if (AST.isUnion(inner)) return inner.types.some((t) => containsSensitive(t, seen))
  return false
}

/**
 * Whether showing the value at `path` of a value of `schema` could show a sensitive value: the member is
 * sensitive, lies inside a sensitive member, or holds one (a list of tags, a whole request). A path the schema
 * does not know (an unexpected member) holds nothing the model marks sensitive.
 *
 * @category redaction
 * @since 0.1.0
 */
export const mayRevealSensitive = <A, I, R>(
  schema: Schema.Schema<A, I, R>,
  path: ReadonlyArray<PropertyKey>
): boolean => {
  const found = walk(schema.ast, path)
  return found.sensitive || (found.ast !== undefined && containsSensitive(found.ast, new Set()))
}
