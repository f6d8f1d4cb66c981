import fs from "node:fs"

const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const counts = new Map()
let total = 0
for (let i = 0; i < p.samples.length; i++) {
  counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0))
  total += p.timeDeltas[i] ?? 0
}
const agg = new Map()
for (const [id, t] of counts) {
  const n = byId.get(id)
  const u = n.callFrame.url
  const k = u.includes("node_modules")
    ? u
        .replace(/.*node_modules\//, "")
        .split("/")
        .slice(0, 2)
        .join("/") +
      "/" +
      u.split("/").pop()
    : u || n.callFrame.functionName
  agg.set(k, (agg.get(k) ?? 0) + t)
}
for (const [k, t] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(((t / total) * 100).toFixed(1).padStart(5) + "% " + k)
