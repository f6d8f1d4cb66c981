/**
 * The service model as the tests read it: straight from `model/`, independently of the generator, so that the
 * conformance tests compare the generated code with the model and not with itself.
 */
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export interface ModelRef {
  readonly shape: string
  readonly idempotencyToken?: boolean
}

export interface ModelShape {
  readonly type: string
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
  readonly enum?: ReadonlyArray<string>
  readonly sensitive?: boolean
  readonly box?: boolean
  readonly member?: ModelRef
  readonly members?: Readonly<Record<string, ModelRef>>
  readonly required?: ReadonlyArray<string>
  readonly exception?: boolean
  readonly fault?: boolean
}

export interface ModelOperation {
  readonly name: string
  readonly http: { readonly method: string; readonly requestUri: string }
  readonly input?: ModelRef
  readonly output?: ModelRef
  readonly errors?: ReadonlyArray<ModelRef>
  readonly idempotent?: boolean
}

export interface Model {
  readonly metadata: Readonly<Record<string, string>>
  readonly operations: Readonly<Record<string, ModelOperation>>
  readonly shapes: Readonly<Record<string, ModelShape>>
}

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "model")
const read = <A>(file: string): A => JSON.parse(readFileSync(join(dir, file), "utf8")) as A

export const model = read<Model>("voice-id-2021-09-27.json")

export const paginators = read<{
  readonly pagination: Readonly<
    Record<
      string,
      {
        readonly input_token: string
        readonly output_token: string
        readonly limit_key: string
        readonly result_key: string
      }
    >
  >
}>("voice-id-2021-09-27.paginators.json").pagination

export const httpErrors = read<Readonly<Record<string, { readonly httpStatus: number; readonly fault: string }>>>(
  "voice-id-2021-09-27.http-errors.json"
)

export const shapeNames = Object.keys(model.shapes).sort()
export const operationNames = Object.keys(model.operations).sort()

export const shape = (name: string): ModelShape => {
  const found = model.shapes[name]
  if (found === undefined) throw new Error(`no shape ${name} in the model`)
  return found
}

/** Every shape reachable from `roots` through structure members and list members. */
export const reachable = (roots: Iterable<string>): Set<string> => {
  const seen = new Set<string>()
  const visit = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    const s = shape(name)
    if (s.member !== undefined) visit(s.member.shape)
    for (const m of Object.values(s.members ?? {})) visit(m.shape)
  }
  for (const r of roots) visit(r)
  return seen
}

/** The shapes a response can carry: everything under an operation output or a modeled error. */
export const responseShapes = reachable([
  ...operationNames.flatMap((op) => {
    const output = model.operations[op]!.output
    return output === undefined ? [] : [output.shape]
  }),
  ...shapeNames.filter((n) => shape(n).exception === true)
])

/** String length as the model counts it: Unicode code points (the string iterator walks code points). */
export const codePoints = (s: string): number => [...s].length

/** Whether the model accepts `s` as a value of the string shape `s`: length in code points, then the pattern. */
export const modelAcceptsString = (s: ModelShape, value: string): boolean =>
  (s.min === undefined || codePoints(value) >= s.min) &&
  (s.max === undefined || codePoints(value) <= s.max) &&
  (s.pattern === undefined || new RegExp(s.pattern, "u").test(value))
