/**
 * Generated invalid requests. A valid input of an operation (drawn from its schema's arbitrary) is broken in one
 * place, chosen from the model: a string too short or too long, a string outside its pattern, an integer outside
 * its range, a value outside its enum, a required member removed, a value of the wrong runtime type (what an
 * untyped caller can pass), an unknown member added, or an input that is not an object at all. Each case names the
 * member path the client's `RequestValidationError` must name.
 *
 * @since 0.1.0
 */
import { type Codec, type OperationName, operations } from "@effect-voiceid/protocol"
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import { inputShape, type ModelShape, shape } from "./Model.js"

/**
 * The classes of invalid input.
 *
 * @category models
 * @since 0.1.0
 */
export type BadRequestClass =
  | "length"
  | "pattern"
  | "range"
  | "enum"
  | "missing member"
  | "wrong type"
  | "unknown member"
  | "not an object"

/**
 * One generated invalid request.
 *
 * @category models
 * @since 0.1.0
 */
export interface BadRequest {
  readonly operation: OperationName
  readonly input: unknown
  readonly class: BadRequestClass
  /** The member path an issue must name (`""` for the input itself), as the codec writes paths. */
  readonly path: string
  /** What was done, for a failing case's report. */
  readonly change: string
}

type Path = ReadonlyArray<string | number>

/**
 * A member path written as the codec writes it: `Tags[0].Key`.
 *
 * @category generators
 * @since 0.1.0
 */
export const formatPath = (path: Path): string =>
  path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out === "" ? key : `${out}.${key}`),
    ""
  )

/** A place in an input where a value can be broken. */
interface Site {
  readonly path: Path
  readonly shape: ModelShape
  readonly required: boolean
  readonly present: boolean
  /** The value there, when present. */
  readonly value: unknown
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** Every member of the structure `shapeName` at `path` (present or not), and what lies below the present ones. */
const sitesOf = (shapeName: string, value: unknown, path: Path): Array<Site> => {
  const structure = shape(shapeName)
  const out: Array<Site> = []
  for (const [name, ref] of Object.entries(structure.members ?? {})) {
    const member = shape(ref.shape)
    const present = isRecord(value) && Object.hasOwn(value, name) && value[name] !== undefined
    const memberValue = present ? (value as Record<string, unknown>)[name] : undefined
    const memberPath = [...path, name]
    out.push({
      path: memberPath,
      shape: member,
      required: structure.required?.includes(name) ?? false,
      present,
      value: memberValue
    })
    if (!present) continue
    if (member.type === "structure") out.push(...sitesOf(ref.shape, memberValue, memberPath))
    if (member.type === "list" && Array.isArray(memberValue)) {
      const item = shape(member.member!.shape)
      memberValue.slice(0, 2).forEach((element, index) => {
        out.push({ path: [...memberPath, index], shape: item, required: false, present: true, value: element })
        if (item.type === "structure") out.push(...sitesOf(member.member!.shape, element, [...memberPath, index]))
      })
    }
  }
  return out
}

/** The structures present in an input (the input itself included), where an unknown member can be added. */
const structuresOf = (shapeName: string, value: unknown): Array<Path> => [
  [],
  ...sitesOf(shapeName, value, [])
    .filter((site) => site.present && site.shape.type === "structure")
    .map((site) => site.path)
]

/** A deep copy of `input` with the value at `path` replaced (or removed when `remove`). */
const withValue = (input: unknown, path: Path, value: unknown, remove = false): unknown => {
  const copy = structuredClone(input) as Record<string, unknown>
  let parent: Record<string | number, unknown> = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (remove) delete parent[last]
  else if (last === "__proto__") {
    // An own member named `__proto__`, as JSON.parse would make it (an assignment would set the prototype).
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true })
  } else parent[last] = value
  return copy
}

const fc = FastCheck

// Characters that break most patterns: punctuation, controls, non-ASCII letters and symbols, a lone surrogate.
const hostile = [
  " ",
  "!",
  "#",
  "%",
  "/",
  "\\",
  "\u0000",
  "\n",
  "\t",
  "é",
  "😀",
  "\u202e",
  "<",
  "'",
  '"',
  "$",
  "{",
  "\ud800"
]

const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
const charsOf = (length: number) => fc.array(alnum, { minLength: length, maxLength: length }).map((c) => c.join(""))

/** Values of another runtime type than the shape's, as an untyped caller could pass them. */
const wrongTypeOf = (s: ModelShape): FastCheck.Arbitrary<unknown> => {
  const object = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
  const common = [fc.constant(null), object, fc.array(fc.integer(), { maxLength: 3 }), fc.bigInt(), fc.date()]
  switch (s.type) {
    case "string":
      return fc.oneof(fc.integer(), fc.double(), fc.boolean(), ...common)
    case "integer":
      return fc.oneof(
        fc.integer({ min: 0, max: 100 }).map(String),
        fc.boolean(),
        fc.string({ maxLength: 4 }),
        ...common.filter((_, i) => i !== 3)
      )
    case "list":
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), object, fc.constant(null))
    case "structure":
      return fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.integer(),
        fc.boolean(),
        fc.array(fc.integer(), { maxLength: 2 }),
        fc.constant(null)
      )
    default:
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null))
  }
}

/** A string of valid length that the pattern refuses; `undefined` when no hostile character breaks the pattern. */
const patternBreaker = (s: ModelShape): FastCheck.Arbitrary<string> | undefined => {
  if (s.pattern === undefined) return undefined
  const pattern = new RegExp(s.pattern, "u")
  const min = Math.max(s.min ?? 0, 1)
  const max = Math.min(s.max ?? 64, Math.max(min, 64))
  const breaks = hostile.filter((c) => {
    const filled = c.repeat(min)
    return !pattern.test(filled) || !pattern.test(`a${c}`.padEnd(min, "a"))
  })
  if (breaks.length === 0) return undefined
  return fc
    .tuple(fc.constantFrom(...breaks), fc.integer({ min, max }), fc.nat())
    .chain(([c, length, at]) =>
      charsOf(length - 1).map((filler) => {
        const position = at % length
        return filler.slice(0, position) + c + filler.slice(position)
      })
    )
    .filter((value) => !pattern.test(value))
}

interface Mutation {
  readonly class: BadRequestClass
  readonly arbitrary: FastCheck.Arbitrary<BadRequest>
}

const mutationsOf = (operation: OperationName, input: unknown): Array<Mutation> => {
  const root = inputShape(operation)
  const out: Array<Mutation> = []
  const make = (
    klass: BadRequestClass,
    path: Path,
    values: FastCheck.Arbitrary<unknown>,
    change: (value: unknown) => string
  ) =>
    out.push({
      class: klass,
      arbitrary: values.map((value) => ({
        operation,
        input: withValue(input, path, value),
        class: klass,
        path: formatPath(path),
        change: change(value)
      }))
    })

  for (const site of sitesOf(root, input, [])) {
    const s = site.shape
    const at = formatPath(site.path)
    make("wrong type", site.path, wrongTypeOf(s), (v) => `${at} := ${typeof v} ${describe(v)}`)
    if (site.required && site.path.every((k) => typeof k === "string")) {
      out.push({
        class: "missing member",
        arbitrary: fc.constant({
          operation,
          input: withValue(input, site.path, undefined, true),
          class: "missing member",
          path: at,
          change: `removed ${at}`
        })
      })
    }
    if (s.type === "string" && s.enum !== undefined) {
      const values = s.enum
      make(
        "enum",
        site.path,
        fc
          .oneof(
            fc.constantFrom(...values).map((v) => v.toLowerCase()),
            fc.constantFrom(...values).map((v) => ` ${v}`),
            fc.constant(""),
            fc.string({ minLength: 1, maxLength: 12 })
          )
          .filter((v) => !values.includes(v)),
        (v) => `${at} := ${describe(v)}`
      )
    }
    if (s.type === "string" && s.min !== undefined && s.min > 0) {
      make("length", site.path, charsOf(s.min - 1), (v) => `${at} := ${(v as string).length} characters`)
    }
    if (s.type === "string" && s.max !== undefined) {
      make(
        "length",
        site.path,
        fc.integer({ min: s.max + 1, max: s.max + 40 }).chain(charsOf),
        (v) => `${at} := ${(v as string).length} characters`
      )
    }
    const breaker = s.type === "string" ? patternBreaker(s) : undefined
    if (breaker !== undefined) make("pattern", site.path, breaker, (v) => `${at} := ${describe(v)}`)
    if (s.type === "integer") {
      const min = s.min ?? Number.MIN_SAFE_INTEGER
      const max = s.max ?? Number.MAX_SAFE_INTEGER
      make(
        "range",
        site.path,
        fc.oneof(
          fc.integer({ min: min - 1_000_000, max: min - 1 }),
          fc.integer({ min: max + 1, max: max + 1_000_000 }),
          fc.constantFrom(min - 1, max + 1, 2 ** 31, -(2 ** 53), 2 ** 53 + 2),
          fc.double({ min, max, noNaN: true }).filter((d) => !Number.isInteger(d)),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
        ),
        (v) => `${at} := ${describe(v)}`
      )
    }
    if (s.type === "list" && site.present && Array.isArray(site.value)) {
      const items = site.value
      if (s.max !== undefined && items.length > 0) {
        make(
          "length",
          site.path,
          fc.constant(Array.from({ length: s.max + 1 }, (_, i) => items[i % items.length])),
          () => `${at} := ${s.max! + 1} items`
        )
      }
      if (s.min !== undefined && s.min > 0) make("length", site.path, fc.constant([]), () => `${at} := []`)
    }
  }

  for (const path of structuresOf(root, input)) {
    out.push({
      class: "unknown member",
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom(
              "Extra",
              "__proto__",
              "constructor",
              "toString",
              "hasOwnProperty",
              "NextToken ",
              "domainId"
            ),
            fc.string({ minLength: 1, maxLength: 10 })
          ),
          fc.jsonValue({ maxDepth: 1 })
        )
        .filter(([key]) => !knownMembers(root, path).includes(key))
        .map(([key, value]) => ({
          operation,
          input: withValue(input, [...path, key], value),
          class: "unknown member" as const,
          path: formatPath([...path, key]),
          change: `added ${formatPath([...path, key])}`
        }))
    })
  }
  return out
}

/** The member names of the structure at `path` of an input of `root`. */
const knownMembers = (root: string, path: Path): ReadonlyArray<string> => {
  let name = root
  for (const key of path) {
    const s = shape(name)
    name = typeof key === "number" ? s.member!.shape : s.members![key]!.shape
  }
  return Object.keys(shape(name).members ?? {})
}

const describe = (value: unknown): string => {
  if (typeof value === "bigint") return `${value}n`
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value instanceof Date) return "a Date"
  try {
    const text = JSON.stringify(value)
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 60)}…` : text
  } catch {
    return String(value)
  }
}

const table = operations as unknown as Readonly<Record<OperationName, Codec.OperationDescription>>
const names = Object.keys(operations).sort() as Array<OperationName>

const validInputs = new Map<OperationName, FastCheck.Arbitrary<unknown>>()

/** A valid input of each operation, from the schema's arbitrary (built once: building it is the slow part). */
const validInput = (operation: OperationName): FastCheck.Arbitrary<unknown> => {
  let arbitrary = validInputs.get(operation)
  if (arbitrary === undefined) {
    arbitrary = Arbitrary.make(table[operation].input as never) as FastCheck.Arbitrary<unknown>
    validInputs.set(operation, arbitrary)
  }
  return arbitrary
}

const notAnObject = (operation: OperationName): FastCheck.Arbitrary<BadRequest> =>
  fc
    .oneof(
      fc.constant(null),
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.bigInt()
    )
    .map((input) => ({
      operation,
      input,
      class: "not an object" as const,
      path: "",
      change: `input := ${describe(input)}`
    }))

/**
 * Invalid requests across every operation: an operation, then a class of breakage among those its input allows
 * (each class equally likely), then a place and a value.
 *
 * @category generators
 * @since 0.1.0
 */
export const badRequest: FastCheck.Arbitrary<BadRequest> = fc.constantFrom(...names).chain((operation) =>
  validInput(operation).chain((input) => {
    const mutations = mutationsOf(operation, input)
    const classes = new Map<BadRequestClass, Array<FastCheck.Arbitrary<BadRequest>>>()
    for (const mutation of mutations) {
      const list = classes.get(mutation.class) ?? []
      list.push(mutation.arbitrary)
      classes.set(mutation.class, list)
    }
    classes.set("not an object", [notAnObject(operation)])
    return fc.oneof(...[...classes.values()].map((arbitraries) => fc.oneof(...arbitraries)))
  })
)

/**
 * The operations, by name.
 *
 * @category generators
 * @since 0.1.0
 */
export const operationNames: ReadonlyArray<OperationName> = names
