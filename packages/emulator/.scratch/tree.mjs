import fs from "node:fs"
const [file, pattern, depthArg] = process.argv.slice(2)
const p = JSON.parse(fs.readFileSync(file, "utf8"))
const byId = new Map(p.nodes.map(n => [n.id, n]))
const self = new Map(); let total = 0
for (let i = 0; i < p.samples.length; i++) { self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0)); total += p.timeDeltas[i] ?? 0 }
const incl = new Map()
const tot = (id) => { if (incl.has(id)) return incl.get(id); const n = byId.get(id); let t = self.get(id) ?? 0; for (const c of n.children ?? []) t += tot(c); incl.set(id, t); return t }
const key = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`
// merge by key path under matching roots
const agg = new Map()
const walk = (id, path, d) => { const n = byId.get(id); const k = path + " > " + key(n); agg.set(k, (agg.get(k) ?? 0) + tot(id)); if (d > 0) for (const c of n.children ?? []) walk(c, k, d - 1) }
for (const n of p.nodes) if (key(n).includes(pattern)) { const parent = p.nodes.find(m => (m.children ?? []).includes(n.id)); if (parent && key(parent).includes(pattern)) continue; walk(n.id, "", Number(depthArg ?? 2)) }
for (const [k, t] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((t / total * 100).toFixed(1).padStart(5) + "% " + k)
