import fs from "node:fs"

const f = process.argv[2]
const p = JSON.parse(fs.readFileSync(f, "utf8"))
const self = new Map()
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const dt = p.timeDeltas
let total = 0
const counts = new Map()
for (let i = 0; i < p.samples.length; i++) {
  counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0))
  total += dt[i] ?? 0
}
for (const [id, t] of counts) {
  const n = byId.get(id)
  const k =
    n.callFrame.functionName + " " + n.callFrame.url.split("/").slice(-2).join("/") + ":" + n.callFrame.lineNumber
  self.set(k, (self.get(k) ?? 0) + t)
}
const arr = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 40))
for (const [k, t] of arr) console.log(((t / total) * 100).toFixed(1).padStart(5) + "% " + k)
