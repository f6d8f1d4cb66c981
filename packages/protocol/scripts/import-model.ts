/**
 * Copies the official Voice ID service model into `model/`, without its documentation strings.
 *
 * Usage: `pnpm --filter @effect-voiceid/protocol import-model <dir>` where `<dir>` holds
 * `voice-id-2021-09-27.botocore-service-2.json` and `voice-id-2021-09-27.paginators.json`.
 * The copy keeps every fact (operations, shapes, members, constraints, traits); only prose is dropped.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"

const source = process.argv[2]
if (source === undefined) {
  console.error("usage: import-model <directory with the botocore model and paginators>")
  process.exit(2)
}
const target = Path.join(import.meta.dirname, "..", "model")

const stripDocumentation = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripDocumentation)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (key === "documentation") continue
      out[key] = stripDocumentation(inner)
    }
    return out
  }
  return value
}

const read = (file: string): unknown => JSON.parse(Fs.readFileSync(Path.join(source, file), "utf8"))
const write = (file: string, value: unknown) =>
  Fs.writeFileSync(Path.join(target, file), `${JSON.stringify(value, null, 2)}\n`)

write("voice-id-2021-09-27.json", stripDocumentation(read("voice-id-2021-09-27.botocore-service-2.json")))
write("voice-id-2021-09-27.paginators.json", read("voice-id-2021-09-27.paginators.json"))
console.log(`model written to ${Path.relative(process.cwd(), target)}`)
