import autocannon from "autocannon"

const r = await autocannon({
  url: "http://127.0.0.1:8111/",
  method: "POST",
  body: '{"DomainId":"bbbbbbbbbbbbbbbbbbbbbb"}',
  headers: { "content-type": "application/x-amz-json-1.0" },
  connections: Number(process.argv[2] ?? 8),
  duration: 5
})
console.log(
  "req/s avg",
  r.requests.average,
  "p50",
  r.latency.p50,
  "p99",
  r.latency.p99,
  "errors",
  r.errors,
  "non2xx",
  r.non2xx
)
