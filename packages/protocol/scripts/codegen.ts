/**
 * Writes `src/generated/*.ts` from the service model in `model/`.
 *
 * - `pnpm codegen` rewrites the files.
 * - `pnpm codegen:check` exits non-zero (and names the files) when the committed output is stale.
 *
 * The generator reads only `model/`, so it runs in any clone of the repository.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"

// ---------------------------------------------------------------------------------------------------------------
// Model types (the subset of the botocore JSON format that the Voice ID model uses)
// ---------------------------------------------------------------------------------------------------------------

interface ShapeRef {
  readonly shape: string
  readonly idempotencyToken?: boolean
}
interface Shape {
  readonly type: "string" | "integer" | "boolean" | "timestamp" | "list" | "structure"
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
  readonly enum?: ReadonlyArray<string>
  readonly sensitive?: boolean
  readonly box?: boolean
  readonly member?: ShapeRef
  readonly members?: Record<string, ShapeRef>
  readonly required?: ReadonlyArray<string>
  readonly exception?: boolean
  readonly fault?: boolean
}
interface Operation {
  readonly name: string
  readonly http: { readonly method: string; readonly requestUri: string }
  readonly input?: ShapeRef
  readonly output?: ShapeRef
  readonly errors?: ReadonlyArray<ShapeRef>
  readonly idempotent?: boolean
}
interface Model {
  readonly metadata: Record<string, string>
  readonly operations: Record<string, Operation>
  readonly shapes: Record<string, Shape>
}
interface Paginator {
  readonly input_token: string
  readonly output_token: string
  readonly limit_key: string
  readonly result_key: string
}

const root = Path.join(import.meta.dirname, "..")
const readJson = <A>(file: string): A => JSON.parse(Fs.readFileSync(Path.join(root, "model", file), "utf8")) as A

const model = readJson<Model>("voice-id-2021-09-27.json")
const paginators = readJson<{ pagination: Record<string, Paginator> }>("voice-id-2021-09-27.paginators.json").pagination
const httpErrors = readJson<Record<string, { httpStatus: number; fault: "client" | "server" }>>(
  "voice-id-2021-09-27.http-errors.json"
)

const shapeNames = Object.keys(model.shapes).sort()
const operationNames = Object.keys(model.operations).sort()
const shape = (name: string): Shape => {
  const found = model.shapes[name]
  if (found === undefined) throw new Error(`unknown shape ${name}`)
  return found
}
const apiReference = "https://docs.aws.amazon.com/voiceid/latest/APIReference"

// ---------------------------------------------------------------------------------------------------------------
// Facts about shapes: who uses them, what reaches outputs, declaration order
// ---------------------------------------------------------------------------------------------------------------

const children = (name: string): Array<string> => {
  const s = shape(name)
  if (s.type === "list" && s.member) return [s.member.shape]
  if (s.type === "structure") return Object.values(s.members ?? {}).map((m) => m.shape)
  return []
}

const reachable = (roots: Iterable<string>): Set<string> => {
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    for (const child of children(name)) visit(child)
  }
  for (const r of roots) visit(r)
  return seen
}

const exceptions = shapeNames.filter((n) => shape(n).exception === true)
const outputRoots = operationNames.flatMap((op) => {
  const o = model.operations[op]!
  return o.output ? [o.output.shape] : []
})
const outputShapes = reachable([...outputRoots, ...exceptions])

/** Which operations use a shape (directly or nested), for documentation. */
const usedBy = new Map<string, Set<string>>()
for (const op of operationNames) {
  const o = model.operations[op]!
  const roots = [o.input?.shape, o.output?.shape].filter((x): x is string => x !== undefined)
  for (const name of reachable(roots)) {
    const set = usedBy.get(name) ?? new Set()
    set.add(op)
    usedBy.set(name, set)
  }
}

/** Shapes in dependency order, so every `const` is declared before it is used. */
const ordered = (names: Iterable<string>): Array<string> => {
  const out: Array<string> = []
  const done = new Set<string>()
  const visit = (name: string, path: Array<string>) => {
    if (done.has(name)) return
    if (path.includes(name)) throw new Error(`recursive shape ${[...path, name].join(" -> ")}`)
    for (const child of children(name)) visit(child, [...path, name])
    done.add(name)
    out.push(name)
  }
  for (const n of [...names].sort()) visit(n, [])
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering helpers
// ---------------------------------------------------------------------------------------------------------------

const header = (what: string) =>
  `/**
 * ${what}
 *
 * Generated by \`scripts/codegen.ts\` from \`model/voice-id-2021-09-27.json\`. Do not edit: run \`pnpm codegen\`.
 *
 * @since 0.1.0
 */
`

/**
 * A top-level construction a bundler may drop when nothing uses it. A call marked pure is dropped only when its
 * arguments can be dropped too, and esbuild keeps an object literal with a computed key (`[ShapeNameId]: …`), so the
 * whole expression goes inside a function that a pure call runs.
 */
const pure = (expression: string): string => `/* @__PURE__ */ (() => ${expression})()`

const regexLiteral = (pattern: string): string => {
  // Validate the pattern the way the runtime will use it (Unicode mode: `\p{…}` classes need the `u` flag).
  new RegExp(pattern, "u")
  return `/${pattern.replaceAll("/", "\\/")}/u`
}

const describeConstraints = (s: Shape): Array<string> => {
  const facts: Array<string> = []
  if (s.enum) facts.push(`One of ${s.enum.map((v) => `\`${v}\``).join(", ")}.`)
  if (s.type === "string" && (s.min !== undefined || s.max !== undefined)) {
    facts.push(
      s.min === s.max
        ? `Exactly ${s.min} characters.`
        : `Length ${s.min ?? 0} to ${s.max ?? "any"} characters${s.max === undefined ? " (no upper bound)" : ""}.`
    )
  }
  if (s.pattern) facts.push(`Matches \`${s.pattern.replaceAll("*/", "*\\/")}\`.`)
  if (s.type === "integer" && (s.min !== undefined || s.max !== undefined)) {
    facts.push(`An integer from ${s.min ?? "any"} to ${s.max ?? "any"}.`)
  }
  if (s.type === "list" && (s.min !== undefined || s.max !== undefined)) {
    facts.push(`${s.min ?? 0} to ${s.max ?? "any"} items.`)
  }
  if (s.sensitive) facts.push("Sensitive: redacted from logs, spans and error messages.")
  return facts
}

const kindOf = (s: Shape): string => {
  if (s.enum) return "string enum"
  if (s.type === "list") return `list of \`${s.member!.shape}\``
  return s.type
}

const doc = (lines: ReadonlyArray<string>, indent = ""): string =>
  [`${indent}/**`, ...lines.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`].join("\n")

const shapeDoc = (name: string, variant: "request" | "response", since = "0.1.0"): string => {
  const s = shape(name)
  const ops = [...(usedBy.get(name) ?? [])].sort()
  const lines: Array<string> = [
    `The Voice ID \`${name}\` shape (${kindOf(s)})${variant === "response" ? ", as decoded from a response" : ""}.`
  ]
  if (variant === "request") {
    lines.push("", ...describeConstraints(s))
  } else {
    lines.push(
      "",
      "Decoded by structure and type only: constraints are not enforced on responses, unknown members are dropped",
      "and enum values the model does not list are kept as strings."
    )
    if (s.sensitive) lines.push("Sensitive: redacted from logs, spans and error messages.")
  }
  if (ops.length > 0) lines.push("", `Used by: ${ops.join(", ")}.`)
  if (s.type === "structure") lines.push("", `@see ${apiReference}/API_${name}.html`)
  lines.push("", "@category shapes", `@since ${since}`)
  return doc(lines.filter((l, i, all) => !(l === "" && all[i - 1] === "")))
}

/**
 * fast-check's `stringMatching` (which `Arbitrary.make` uses for a pattern) reads `\p{…}` as a literal `p`, so a
 * pattern with a Unicode property class gets its own arbitrary. Every such pattern of the model is one character
 * class repeated (`^([\p{L}…]*)$`, `^\p{ASCII}{0,8192}$`); anything else stops the generator, so that a new model
 * cannot silently lose its test coverage.
 */
const classArbitrary = (name: string, s: Shape): string | undefined => {
  if (s.pattern === undefined || !s.pattern.includes("\\p{")) return undefined
  const match = /^\^\(?(\[(?:[^\]\\]|\\.)*\]|\\p\{\w+\})(?:\*|\{\d+,\d+\})\)?\$$/.exec(s.pattern)
  if (match === null) throw new Error(`${name}: no arbitrary for the pattern ${s.pattern}`)
  return `classStringArbitrary(${regexLiteral(`^${match[1]}$`)}, ${s.min ?? 0}, ${s.max ?? "undefined"})`
}

const annotations = (name: string, s: Shape, variant: "request" | "response"): string => {
  const parts = [`identifier: ${JSON.stringify(variant === "request" ? name : `${name}.Response`)}`]
  parts.push(`[ShapeNameId]: ${JSON.stringify(name)}`)
  if (s.sensitive) parts.push("[SensitiveId]: true")
  const arbitrary = variant === "request" ? classArbitrary(name, s) : undefined
  if (arbitrary !== undefined) parts.push(`arbitrary: ${arbitrary}`)
  return `{ ${parts.join(", ")} }`
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas.ts: strict schemas (every constraint), one per named shape
// ---------------------------------------------------------------------------------------------------------------

const memberLines = (name: string, ref: (shapeName: string) => string, requiredAll: boolean): Array<string> => {
  const s = shape(name)
  const required = new Set(s.required ?? [])
  return Object.entries(s.members ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([member, target]) => {
      const inner = ref(target.shape)
      const isRequired = requiredAll || required.has(member)
      const notes: Array<string> = [`\`${target.shape}\`${isRequired ? ", required" : ""}.`]
      if (target.idempotencyToken) notes.push("Idempotency token: the client fills a fresh UUID when it is absent.")
      const value = isRequired ? inner : `Schema.optional(${inner})`
      return `  /** ${notes.join(" ")} */\n  ${member}: ${value}`
    })
}

/**
 * `Schema.Struct({})` passes any value through with every member it has, so a structure without members is
 * `EmptyStructure`: any object, read as `{}`.
 */
const structureExpression = (name: string, ann: string): string =>
  Object.keys(shape(name).members ?? {}).length === 0
    ? `EmptyStructure.annotations(${ann})`
    : `Schema.Struct({\n${memberLines(name, (t) => t, false).join(",\n")}\n}).annotations(${ann})`

const strictExpression = (name: string): string => {
  const s = shape(name)
  const ann = annotations(name, s, "request")
  switch (s.type) {
    case "string": {
      if (s.enum) return `Schema.Literal(${s.enum.map((v) => JSON.stringify(v)).join(", ")}).annotations(${ann})`
      const pipes: Array<string> = []
      if (s.min !== undefined || s.max !== undefined) pipes.push(`length(${s.min ?? 0}, ${s.max ?? "undefined"})`)
      if (s.pattern) pipes.push(`Schema.pattern(${regexLiteral(s.pattern)})`)
      return `Schema.String${pipes.length ? `.pipe(${pipes.join(", ")})` : ""}.annotations(${ann})`
    }
    case "integer": {
      const pipes = ["Schema.int()"]
      if (s.min !== undefined) pipes.push(`Schema.greaterThanOrEqualTo(${s.min})`)
      if (s.max !== undefined) pipes.push(`Schema.lessThanOrEqualTo(${s.max})`)
      return `Schema.Number.pipe(${pipes.join(", ")}).annotations(${ann})`
    }
    case "boolean":
      return `Schema.Boolean.annotations(${ann})`
    case "timestamp":
      return `EpochSeconds.annotations(${ann})`
    case "list": {
      const pipes: Array<string> = []
      if (s.min !== undefined && s.min > 0) pipes.push(`Schema.minItems(${s.min})`)
      if (s.max !== undefined) pipes.push(`Schema.maxItems(${s.max})`)
      return `Schema.Array(${s.member!.shape})${pipes.length ? `.pipe(${pipes.join(", ")})` : ""}.annotations(${ann})`
    }
    case "structure":
      return structureExpression(name, ann)
  }
}

const renderSchemas = (): string => {
  const names = ordered(shapeNames.filter((n) => !shape(n).exception))
  const body = names.map((name) => {
    return `${shapeDoc(name, "request")}
export const ${name} = ${pure(strictExpression(name))}

${doc([`The type of {@link ${name}}.`, "", "@category shapes", "@since 0.1.0"])}
export type ${name} = typeof ${name}.Type`
  })
  return `${header("Every named shape of the Voice ID model as a strict schema: requests are validated against these.")}
import * as Schema from "effect/Schema"
import { classStringArbitrary, EmptyStructure, EpochSeconds, length } from "../internal/schema.js"
import { SensitiveId, ShapeNameId } from "../Sensitive.js"

${body.join("\n\n")}
`
}

// ---------------------------------------------------------------------------------------------------------------
// OutputSchemas.ts: lenient schemas for every shape a response can carry
// ---------------------------------------------------------------------------------------------------------------

const lenientExpression = (name: string): string => {
  const s = shape(name)
  const ann = annotations(name, s, "response")
  switch (s.type) {
    case "string":
      if (s.enum) return `openEnum(${s.enum.map((v) => JSON.stringify(v)).join(", ")}).annotations(${ann})`
      return `Schema.String.annotations(${ann})`
    case "integer":
      return `Schema.Number.annotations(${ann})`
    case "boolean":
      return `Schema.Boolean.annotations(${ann})`
    case "timestamp":
      return `EpochSeconds.annotations(${ann})`
    case "list":
      return `Schema.Array(${s.member!.shape}).annotations(${ann})`
    case "structure":
      return structureExpression(name, ann)
  }
}

const renderOutputSchemas = (): string => {
  const names = ordered([...outputShapes].filter((n) => !shape(n).exception))
  const body = names.map((name) => {
    return `${shapeDoc(name, "response")}
export const ${name} = ${pure(lenientExpression(name))}

${doc([`The type of {@link ${name}} (a decoded response value).`, "", "@category shapes", "@since 0.1.0"])}
export type ${name} = typeof ${name}.Type`
  })
  return `${header(
    "Lenient schemas for every shape that a Voice ID response can carry. Responses are decoded with these: by\n * structure and type only, so a newer service never breaks an older client."
  )}
import * as Schema from "effect/Schema"
import { EmptyStructure, EpochSeconds, openEnum } from "../internal/schema.js"
import { SensitiveId, ShapeNameId } from "../Sensitive.js"

${body.join("\n\n")}
`
}

// ---------------------------------------------------------------------------------------------------------------
// Errors.ts: one Schema.TaggedError per modeled error
// ---------------------------------------------------------------------------------------------------------------

const renderErrors = (): string => {
  const classes = exceptions.map((name) => {
    const s = shape(name)
    const http = httpErrors[name]
    if (http === undefined) throw new Error(`no HTTP status for ${name} in voice-id-2021-09-27.http-errors.json`)
    const ops = operationNames.filter((op) => model.operations[op]!.errors?.some((e) => e.shape === name))
    const fields = Object.entries(s.members ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([member, target]) => `  ${member}: /* @__PURE__ */ Schema.optional(Output.${target.shape})`)
    return `${doc([
      `The modeled Voice ID error \`${name}\`: HTTP ${http.httpStatus}, a ${http.fault} fault.`,
      "",
      `Members: ${Object.keys(s.members ?? {})
        .sort()
        .map((m) => `\`${m}\``)
        .join(", ")}, plus the response metadata (\`$metadata\`: HTTP status, request id) that the client fills in.`,
      "",
      `Raised by: ${ops.join(", ")}.`,
      "",
      `@see ${apiReference}/API_${name}.html`,
      "",
      "@category errors",
      "@since 0.1.0"
    ])}
export class ${name} extends /* @__PURE__ */ Schema.TaggedError<${name}>("${name}")("${name}", {
${fields.join(",\n")},
  $metadata: ResponseMetadata
}) {
  /** The HTTP status the service answers this error with. */
  static readonly httpStatus = ${http.httpStatus}
  /** Whether the caller (\`client\`) or the service (\`server\`) is at fault. */
  static readonly fault = "${http.fault}" as const
  /** The service's message, or the error name when it sent none. */
  override get message(): string {
    return this.Message ?? "${name}"
  }
}`
  })
  return `${header("The modeled errors of the Voice ID model, as `Schema.TaggedError` classes.")}
import * as Schema from "effect/Schema"
import { ResponseMetadata } from "../ResponseMetadata.js"
import * as Output from "./OutputSchemas.js"

${classes.join("\n\n")}

${doc(["Every modeled Voice ID error class, keyed by its error code.", "", "@category errors", "@since 0.1.0"])}
export const modeledErrors = {
${exceptions.map((n) => `  ${n}`).join(",\n")}
} as const

${doc(["Any modeled Voice ID error.", "", "@category errors", "@since 0.1.0"])}
export type ModeledError = ${exceptions.join(" | ")}

${doc(["A schema for any modeled Voice ID error (the union of the classes above).", "", "@category errors", "@since 0.1.0"])}
export const ModeledError = /* @__PURE__ */ Schema.Union(${exceptions.join(", ")})
`
}

// ---------------------------------------------------------------------------------------------------------------
// Operations.ts: the operation table
// ---------------------------------------------------------------------------------------------------------------

const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1)

const renderOperations = (): string => {
  const entries = operationNames.map((name) => {
    const o = model.operations[name]!
    if (o.http.method !== "POST" || o.http.requestUri !== "/") throw new Error(`${name}: not POST /`)
    const input = o.input?.shape
    if (input === undefined) throw new Error(`${name}: no input shape`)
    // The output schema, with its generated decoder registered for the codec's fast path. Not registered where the
    // schema is defined: the decoder's type is the schema's, so the schema's type would depend on itself.
    const output = o.output
      ? `/* @__PURE__ */ withDecoder(Output.${o.output.shape}, Decoders.${o.output.shape})`
      : "NoOutput"
    const errors = (o.errors ?? []).map((e) => e.shape).sort()
    const token = Object.entries(shape(input).members ?? {}).find(([, m]) => m.idempotencyToken)?.[0]
    const p = paginators[name]
    let paginator = "undefined"
    const limitShape = p ? shape(shape(input).members![p.limit_key]!.shape) : undefined
    if (p) {
      paginator = `{
      inputToken: "${p.input_token}",
      outputToken: "${p.output_token}",
      limitKey: "${p.limit_key}",
      resultKey: "${p.result_key}",
      limitMax: ${limitShape!.max}
    }`
    }
    const lines = [
      `The \`${name}\` operation: \`POST /\` with \`X-Amz-Target: ${model.metadata.targetPrefix}.${name}\`.`,
      "",
      `Input \`${input}\`, output ${o.output ? `\`${o.output.shape}\`` : "none"}; errors ${errors.map((e) => `\`${e}\``).join(", ")}.`
    ]
    if (o.idempotent) lines.push("", "Idempotent.")
    if (token) lines.push("", `Idempotency token: \`${token}\`.`)
    if (p) lines.push("", `Paginated: \`${p.result_key}\` items, \`${p.limit_key}\` up to ${limitShape!.max} a page.`)
    lines.push("", `@see ${apiReference}/API_${name}.html`, "", "@category operations", "@since 0.1.0")
    return `${doc(lines)}
export const ${name} = {
  name: "${name}",
  method: "${camel(name)}",
  target: "${model.metadata.targetPrefix}.${name}",
  input: Schemas.${input},
  output: ${output},
  errors: [${errors.map((e) => `Errors.${e}`).join(", ")}],
  idempotent: ${o.idempotent === true},
  idempotencyToken: ${token ? `"${token}"` : "undefined"},
  paginator: ${paginator}
} as const`
  })
  return `${header("The Voice ID operation table: one description per operation of the model.")}
import { emptyStructure, withDecoder } from "../internal/decode.js"
import { EmptyStructure } from "../internal/schema.js"
import * as Decoders from "./Decoders.js"
import * as Errors from "./Errors.js"
import * as Output from "./OutputSchemas.js"
import * as Schemas from "./Schemas.js"

${doc(["The output of the operations that the model gives no output shape (the service answers `{}`).", "", "@category operations", "@since 0.1.0"])}
export const NoOutput = /* @__PURE__ */ withDecoder(
  /* @__PURE__ */ EmptyStructure.annotations({ identifier: "NoOutput" }),
  emptyStructure
)

${entries.join("\n\n")}

${doc(["Every operation of the Voice ID model, keyed by name.", "", "@category operations", "@since 0.1.0"])}
export const operations = {
${operationNames.map((n) => `  ${n}`).join(",\n")}
} as const

${doc(["The name of a Voice ID operation.", "", "@category operations", "@since 0.1.0"])}
export type OperationName = keyof typeof operations

${doc(["The names of the paginated operations.", "", "@category operations", "@since 0.1.0"])}
export const paginatedOperations = [${operationNames
    .filter((n) => paginators[n])
    .map((n) => `"${n}"`)
    .join(", ")}] as const

${doc(["The name of a paginated Voice ID operation.", "", "@category operations", "@since 0.1.0"])}
export type PaginatedOperationName = (typeof paginatedOperations)[number]

${doc(["The service metadata of the model.", "", "@category operations", "@since 0.1.0"])}
export const service = ${JSON.stringify(
    {
      apiVersion: model.metadata.apiVersion,
      endpointPrefix: model.metadata.endpointPrefix,
      signingName: model.metadata.signingName,
      targetPrefix: model.metadata.targetPrefix,
      serviceId: model.metadata.serviceId,
      jsonVersion: model.metadata.jsonVersion,
      contentType: `application/x-amz-json-${model.metadata.jsonVersion}`
    },
    null,
    2
  )} as const
`
}

// ---------------------------------------------------------------------------------------------------------------
// Decoders.ts: a plain decoder for every shape a response can carry, equivalent to its lenient schema
// ---------------------------------------------------------------------------------------------------------------

/** Names the generated module uses itself: a shape named like one of them would shadow it. */
const decoderModuleNames = new Set(["Array", "Invalid", "Building", "Output", "emptyStructure", "timestamp"])

/** The check of a value `v` of scalar shape `name`, as a condition that holds when `v` does not fit. */
const scalarMismatch = (name: string, v: string): string | undefined => {
  const s = shape(name)
  switch (s.type) {
    case "string":
      return `typeof ${v} !== "string"`
    case "integer":
      return `typeof ${v} !== "number"`
    case "boolean":
      return `typeof ${v} !== "boolean"`
    default:
      return undefined
  }
}

/** Statements that read the value `v` of shape `target` into `assign(decoded)`, returning `Invalid` on a misfit. */
const decodeStatements = (target: string, v: string, assign: (value: string) => string): Array<string> => {
  const mismatch = scalarMismatch(target, v)
  if (mismatch !== undefined) return [`if (${mismatch}) return Invalid`, assign(v)]
  const call = shape(target).type === "timestamp" ? `timestamp(${v})` : `${target}(${v})`
  return [`const x = ${call}`, "if (x === Invalid) return Invalid", assign("x")]
}

const decoderBody = (name: string): Array<string> => {
  const s = shape(name)
  switch (s.type) {
    case "string":
    case "integer":
    case "boolean":
      return [`return ${scalarMismatch(name, "u")} ? Invalid : u`]
    case "timestamp":
      return ["return timestamp(u)"]
    case "list": {
      const item = s.member!.shape
      return [
        "if (!Array.isArray(u)) return Invalid",
        `const a: Array<Output.${item}> = []`,
        "for (let i = 0; i < u.length; i++) {",
        `  const v: unknown = u[i]`,
        ...decodeStatements(item, "v", (x) => `a.push(${x})`).map((l) => `  ${l}`),
        "}",
        "return a"
      ]
    }
    case "structure": {
      const members = Object.entries(s.members ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      if (members.length === 0) return ["return emptyStructure(u)"]
      const required = new Set(s.required ?? [])
      const lines = [
        'if (typeof u !== "object" || u === null || Array.isArray(u)) return Invalid',
        "const r = u as { readonly [member: string]: unknown }",
        `const o: Building<Output.${name}> = {}`
      ]
      // One variable for every member's raw value (a lone member gets a constant).
      const single = members.length === 1
      if (!single) lines.push("let v: unknown")
      for (const [member, ref] of members) {
        // A member named like one of Object.prototype's would read the prototype's value where the schema (which
        // asks hasOwnProperty) sees none; the model has none, and a new one must not slip through unnoticed.
        if (member in Object.prototype || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(member)) {
          throw new Error(`${name}.${member}: a member name the decoders cannot read as r.${member}`)
        }
        const statements = decodeStatements(ref.shape, "v", (x) => `o.${member} = ${x}`)
        lines.push(`${single ? "const " : ""}v = r.${member}`)
        if (required.has(member)) {
          // A required member sent as null is missing: every check below rejects null.
          lines.push(...(statements.length > 2 ? ["{", ...statements.map((l) => `  ${l}`), "}"] : statements))
        } else {
          lines.push("if (v != null) {", ...statements.map((l) => `  ${l}`), "}")
        }
      }
      lines.push(`return o as Output.${name}`)
      return lines
    }
  }
}

const renderDecoders = (): string => {
  const names = ordered([...outputShapes].filter((n) => !shape(n).exception))
  for (const name of names) {
    if (decoderModuleNames.has(name)) throw new Error(`${name}: a shape name that Decoders.ts uses for itself`)
  }
  const body = names.map((name) => {
    const s = shape(name)
    const what =
      s.type === "structure"
        ? Object.keys(s.members ?? {}).length === 0
          ? "any object (not an array) reads as `{}`"
          : "an object; its known members are read (`null` is absent, a missing required member is a misfit), the others dropped"
        : s.type === "list"
          ? `an array of \`${s.member!.shape}\``
          : s.type === "timestamp"
            ? "finite epoch seconds that make a valid `Date`, rounded to the millisecond"
            : s.enum
              ? "any string (values the model does not list are kept)"
              : `a ${s.type === "integer" ? "number" : s.type}`
    return `${doc([
      `Decodes the \`${name}\` shape as {@link Output.${name}} does: ${what}. \`Invalid\` when the value does not fit.`,
      "",
      "@category decoders",
      "@since 0.1.0"
    ])}
export function ${name}(u: unknown): Output.${name} | Invalid {
${decoderBody(name)
  .map((l) => `  ${l}`)
  .join("\n")}
}`
  })
  return `${header(
    "A plain decoder for every shape that a Voice ID response can carry. Each reads a value parsed from JSON\n * exactly as its lenient schema in `OutputSchemas.ts` decodes it once `null` members are dropped, into a fresh value\n * (so a `__proto__` member is never copied), or returns `Invalid`; the codec then asks the schema why."
  )}
import { type Building, emptyStructure, Invalid, timestamp } from "../internal/decode.js"
import type * as Output from "./OutputSchemas.js"

${body.join("\n\n")}
`
}

// ---------------------------------------------------------------------------------------------------------------
// Write or check
// ---------------------------------------------------------------------------------------------------------------

const outputs: Record<string, string> = {
  "Schemas.ts": renderSchemas(),
  "OutputSchemas.ts": renderOutputSchemas(),
  "Errors.ts": renderErrors(),
  "Operations.ts": renderOperations(),
  "Decoders.ts": renderDecoders()
}

const dir = Path.join(root, "src", "generated")
const check = process.argv.includes("--check")

const format = async (files: Record<string, string>): Promise<Record<string, string>> => {
  // Run the formatter on the output so that the committed files are exactly what `pnpm lint` accepts.
  const { execFileSync } = await import("node:child_process")
  const tmp = Fs.mkdtempSync(Path.join(root, ".codegen-"))
  try {
    for (const [file, text] of Object.entries(files)) Fs.writeFileSync(Path.join(tmp, file), text)
    execFileSync("biome", ["format", "--write", "--config-path", Path.join(root, "..", ".."), tmp], {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PATH: `${Path.join(root, "node_modules", ".bin")}:${Path.join(root, "..", "..", "node_modules", ".bin")}:${process.env.PATH}`
      }
    })
    return Object.fromEntries(Object.keys(files).map((f) => [f, Fs.readFileSync(Path.join(tmp, f), "utf8")]))
  } finally {
    Fs.rmSync(tmp, { recursive: true, force: true })
  }
}

const formatted = await format(outputs)
if (check) {
  const stale = Object.entries(formatted).filter(([file, text]) => {
    const current = Fs.existsSync(Path.join(dir, file)) ? Fs.readFileSync(Path.join(dir, file), "utf8") : ""
    return current !== text
  })
  if (stale.length > 0) {
    console.error(`generated sources are stale: ${stale.map(([f]) => `src/generated/${f}`).join(", ")}`)
    console.error("run `pnpm codegen` and commit the result")
    process.exit(1)
  }
  console.log(`codegen: ${Object.keys(formatted).length} files up to date`)
} else {
  Fs.mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(formatted)) Fs.writeFileSync(Path.join(dir, file), text)
  console.log(
    `codegen: wrote ${Object.keys(formatted).length} files (${shapeNames.length} shapes, ${operationNames.length} operations)`
  )
}
