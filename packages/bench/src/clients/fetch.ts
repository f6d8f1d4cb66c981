/**
 * Unsigned global `fetch` (Node's bundled undici) in a `NextToken` loop: what HTTP + JSON cost through `fetch`.
 *
 * @since 0.1.0
 */
import * as Wire from "../Wire.js"
import * as Harness from "./Harness.js"

Harness.run({
  name: "fetch",
  make: ({ endpoint, pageSize }) => {
    const url = endpoint + "/"
    const headers = { "Content-Type": Wire.contentType, "X-Amz-Target": Wire.target }
    return {
      streamJobs: async (domainId, visit) => {
        let nextToken: string | undefined
        do {
          const response = await fetch(url, {
            method: "POST",
            headers,
            body: Wire.requestBody(domainId, pageSize, nextToken)
          })
          if (!response.ok) throw new Error("HTTP " + response.status + ": " + (await response.text()))
          const page = (await response.json()) as Wire.PageLike
          for (const job of page.JobSummaries ?? []) visit(job)
          nextToken = page.NextToken
        } while (nextToken !== undefined)
      }
    }
  }
})
