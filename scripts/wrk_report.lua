-- wrk script: counts responses per status code and prints one JSON line at the end
-- (throughput, median, p95, p99 in milliseconds, socket errors, non-2xx/3xx count).
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local counts = {}
    for _, thread in ipairs(threads) do
        for code, n in pairs(thread:get("statuses")) do
            counts[code] = (counts[code] or 0) + n
        end
    end
    local parts = {}
    for code, n in pairs(counts) do
        table.insert(parts, string.format('"%d": %d', code, n))
    end
    local e = summary.errors
    io.write(string.format(
        'WRK_JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, ' ..
        '"p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d, ' ..
        '"non_2xx_3xx": %d, "statuses": {%s}}\n',
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000,
        e.connect + e.read + e.write + e.timeout, e.status, table.concat(parts, ", ")))
end
