-- annotations?uri= for a different address each request, as readers open different pages:
-- wrk ... -s annotations_distinct.lua URL -- PREFIX, where PREFIX is the path up to the
-- percent-encoded address's varying tail. The last line is report.lua's JSON summary.
local prefix
local counter = 0

init = function(args)
  prefix = args[1]
end

request = function()
  counter = counter + 1
  return wrk.format("GET", prefix .. counter)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"mean_us":%.1f,"p50_us":%d,"p90_us":%d,' ..
    '"p99_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
