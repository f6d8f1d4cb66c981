import { startEmulator } from "../src/index.js"
const e = await startEmulator({ verifySignatures: false })
const r = await fetch(e.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "VoiceID.CreateDomain" }, body: JSON.stringify({ Name: "busy", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }) })
console.log(r.status, await r.text())
await e.close()
