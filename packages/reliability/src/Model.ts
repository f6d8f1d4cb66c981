/**
 * The Voice ID service model as the suites read it: straight from the JSON file the protocol package was generated
 * from, so that generated bad input follows the model's own constraints (lengths, patterns, ranges, enums,
 * required members) and not the code under test.
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

/**
 * A member reference.
 *
 * @category models
 * @since 0.1.0
 */
export interface ModelRef {
  readonly shape: string
}

/**
 * A shape of the model.
 *
 * @category models
 * @since 0.1.0
 */
export interface ModelShape {
  readonly type: string
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
  readonly enum?: ReadonlyArray<string>
  readonly sensitive?: boolean
  readonly member?: ModelRef
  readonly members?: Readonly<Record<string, ModelRef>>
  readonly required?: ReadonlyArray<string>
}

/**
 * The model file.
 *
 * @category models
 * @since 0.1.0
 */
export interface Model {
  readonly operations: Readonly<Record<string, { readonly input?: ModelRef; readonly output?: ModelRef }>>
  readonly shapes: Readonly<Record<string, ModelShape>>
}

const file = join(
  dirname(createRequire(import.meta.url).resolve("@effect-voiceid/protocol")),
  "..",
  "model",
  "voice-id-2021-09-27.json"
)

/**
 * The model.
 *
 * @category models
 * @since 0.1.0
 */
export const model: Model = JSON.parse(readFileSync(file, "utf8")) as Model

/**
 * A shape by name.
 *
 * @category models
 * @since 0.1.0
 */
export const shape = (name: string): ModelShape => {
  const found = model.shapes[name]
  if (found === undefined) throw new Error(`no shape ${name} in the model`)
  return found
}

/**
 * The input shape of an operation.
 *
 * @category models
 * @since 0.1.0
 */
export const inputShape = (operation: string): string => {
  const input = model.operations[operation]?.input
  if (input === undefined) throw new Error(`operation ${operation} has no input`)
  return input.shape
}
