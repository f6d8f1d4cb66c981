/**
 * The floor: unsigned `node:http` with a keep-alive agent, the body collected as one string and `JSON.parse`d.
 * Nothing a client does can cost less than this on Node.
 *
 * @since 0.1.0
 */
import * as Http from "node:http"
import * as Wire from "../Wire.js"
import * as Harness from "./Harness.js"

const post = (agent: Http.Agent, url: URL, body: string): Promise<Wire.PageLike> =>
  new Promise((resolve, reject) => {
    const req = Http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "Content-Type": Wire.contentType,
          "X-Amz-Target": Wire.target,
          "Content-Length": Buffer.byteLength(body)
        }
      },
      (res) => {
        res.setEncoding("utf8")
        let text = ""
        res.on("data", (chunk: string) => {
          text += chunk
        })
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error("HTTP " + res.statusCode + ": " + text))
          try {
            resolve(JSON.parse(text) as Wire.PageLike)
          } catch (cause) {
            reject(cause)
          }
        })
        res.on("error", reject)
      }
    )
    req.on("error", reject)
    req.end(body)
  })

Harness.run({
  name: "node-http",
  make: ({ endpoint, pageSize }) => {
    const agent = new Http.Agent({ keepAlive: true })
    const url = new URL(endpoint + "/")
    return {
      streamJobs: async (domainId, visit) => {
        let nextToken: string | undefined
        do {
          const page = await post(agent, url, Wire.requestBody(domainId, pageSize, nextToken))
          for (const job of page.JobSummaries ?? []) visit(job)
          nextToken = page.NextToken
        } while (nextToken !== undefined)
      },
      close: () => agent.destroy()
    }
  }
})
