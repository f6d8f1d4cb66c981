import fs from "node:fs"
import { Session } from "node:inspector/promises"

const mode = process.argv[2]
process.argv[2] = mode
await import("./b2.mjs")
const s = new Session()
s.connect()
await s.post("Profiler.enable")
await new Promise((r) => setTimeout(r, 2500))
await s.post("Profiler.start")
await new Promise((r) => setTimeout(r, 4000))
const { profile } = await s.post("Profiler.stop")
fs.writeFileSync(`prof-${mode}.cpuprofile`, JSON.stringify(profile))
process.exit(0)
