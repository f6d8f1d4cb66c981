import fs from "node:fs"

const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const self = new Map()
let total = 0
for (let i = 0; i < p.samples.length; i++) {
  self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0))
  total += p.timeDeltas[i] ?? 0
}
const incl = new Map()
const key = (n) =>
  n.callFrame.functionName + " " + n.callFrame.url.split("/").slice(-1)[0] + ":" + n.callFrame.lineNumber
for (const [id, t] of self) {
  const seen = new Set()
  let cur = id
  while (cur !== undefined) {
    const k = key(byId.get(cur))
    if (!seen.has(k)) {
      seen.add(k)
      incl.set(k, (incl.get(k) ?? 0) + t)
    }
    cur = parent.get(cur)
  }
}
for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 50)))
  console.log(((t / total) * 100).toFixed(1).padStart(5) + "% " + k)
