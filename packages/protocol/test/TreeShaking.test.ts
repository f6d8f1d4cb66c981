/**
 * What a bundler keeps: entries that use one operation, or one value, are bundled with esbuild as an edge Worker
 * would be (minified, ESM, tree-shaken), and the bundle must hold what they use and none of the other shapes,
 * operations and errors. A top-level construction that is not pure would keep its module's unused values alive.
 */
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import * as esbuild from "esbuild"
import { model, reachable, shape, shapeNames } from "./support/model.js"

const here = dirname(fileURLToPath(import.meta.url))

const bundle = async (source: string): Promise<string> => {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: here, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    treeShaking: true,
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent"
  })
  return result.outputFiles[0]!.text
}

/** The identifiers the generated schemas carry: `Name` (strict) and `Name.Response` (lenient). */
const carries = (code: string, name: string): { readonly strict: boolean; readonly response: boolean } => ({
  strict: code.includes(`identifier:"${name}"`),
  response: code.includes(`identifier:"${name}.Response"`)
})

/** Whether a bundle holds no generated schema at all. */
const noShapes = (code: string): boolean =>
  shapeNames.every((name) => !carries(code, name).strict && !carries(code, name).response)

describe("tree shaking (esbuild, minified)", () => {
  it("decoding ListSpeakerEnrollmentJobs keeps its shapes and errors, and no others", async () => {
    const code = await bundle(`
      import { decodeResponse, encodeRequest } from "../src/Codec.js"
      import { ListSpeakerEnrollmentJobs } from "../src/generated/Operations.js"
      export const decode = (body: string) => decodeResponse(ListSpeakerEnrollmentJobs, { status: 200, headers: {}, body })
      export const encode = (input: never) => encodeRequest(ListSpeakerEnrollmentJobs, input)
    `)
    const operation = model.operations.ListSpeakerEnrollmentJobs!
    const errors = (operation.errors ?? []).map((e) => e.shape)
    const input = reachable([operation.input!.shape])
    const output = reachable([operation.output!.shape, ...errors])
    for (const name of shapeNames) {
      const kept = carries(code, name)
      if (shape(name).exception === true) {
        expect(code.includes(`"${name}"`), name).toBe(errors.includes(name))
        continue
      }
      expect(kept.strict, `${name} (strict)`).toBe(input.has(name))
      expect(kept.response, `${name} (response)`).toBe(output.has(name))
    }
    expect(code).not.toContain('VoiceID.ListSpeakers"')
    expect(code).toContain("VoiceID.ListSpeakerEnrollmentJobs")
  }, 60_000)

  it("the operation table's metadata alone keeps no schema, and no effect", async () => {
    const code = await bundle(`
      import { service } from "../src/index.js"
      export const signingName = service.signingName
    `)
    expect(code.length).toBeLessThan(1_000)
    expect(noShapes(code)).toBe(true)
  }, 60_000)

  it("one error class keeps that class, not its siblings", async () => {
    const code = await bundle(`
      import { ConflictException, ResponseDecodeError } from "../src/Errors.js"
      export const classes = [ConflictException, ResponseDecodeError]
    `)
    expect(code).toContain('"ConflictException"')
    expect(code).toContain('"ResponseDecodeError"')
    for (const other of [
      "AccessDeniedException",
      "ThrottlingException",
      "ValidationException",
      "RequestValidationError",
      "UnknownServiceError",
      "PaginationError"
    ]) {
      expect(code, other).not.toContain(`"${other}"`)
    }
  }, 60_000)

  it("the pure helpers keep nothing else", async () => {
    for (const source of [
      `import { REDACTED } from "../src/Sensitive.js"; export const x = REDACTED`,
      `import { start } from "../src/Pagination.js"; export const x = [start]`,
      `import { contentType } from "../src/Codec.js"; export const x = contentType`
    ]) {
      const code = await bundle(source)
      expect(noShapes(code), source).toBe(true)
      expect(code, source).not.toContain('"ValidationException"')
      if (!source.includes("Pagination")) expect(code.length, source).toBeLessThan(1_000)
    }
  }, 60_000)
})
