import * as esbuild from "esbuild"
import * as zlib from "node:zlib"
const entry = process.argv[2]
const r = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", conditions: ["workerd", "worker", "browser"], write: false, metafile: true, legalComments: "none", logLevel: "error" })
const code = r.outputFiles[0].contents
console.log("minified", code.length, "gzip -9", zlib.gzipSync(code, { level: 9 }).length)
const out = Object.values(r.metafile.outputs)[0]
const byPkg = {}
const byFile = []
for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
  const m = file.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/) || file.match(/packages\/([^/]+)\//)
  const key = m ? m[1] : file
  byPkg[key] = (byPkg[key] ?? 0) + bytesInOutput
  byFile.push([bytesInOutput, file.replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")])
}
console.log(Object.entries(byPkg).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join("\n"))
console.log("--- top files")
console.log(byFile.sort((a, b) => b[0] - a[0]).slice(0, 25).map(([b, f]) => `${b}\t${f}`).join("\n"))
