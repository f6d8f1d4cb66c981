/**
 * Unsigned `undici.request` (the npm package's keep-alive global dispatcher) in a `NextToken` loop.
 *
 * @since 0.1.0
 */
import { request } from "undici"
import * as Wire from "../Wire.js"
import * as Harness from "./Harness.js"

Harness.run({
  name: "undici",
  make: ({ endpoint, pageSize }) => {
    const url = endpoint + "/"
    const headers = { "content-type": Wire.contentType, "x-amz-target": Wire.target }
    return {
      streamJobs: async (domainId, visit) => {
        let nextToken: string | undefined
        do {
          const response = await request(url, {
            method: "POST",
            headers,
            body: Wire.requestBody(domainId, pageSize, nextToken)
          })
          if (response.statusCode !== 200) {
            throw new Error("HTTP " + response.statusCode + ": " + (await response.body.text()))
          }
          const page = (await response.body.json()) as Wire.PageLike
          for (const job of page.JobSummaries ?? []) visit(job)
          nextToken = page.NextToken
        } while (nextToken !== undefined)
      }
    }
  }
})
