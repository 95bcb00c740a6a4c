-- A curator's mix through nginx for wrk: dashboards, lists, the public page, and new people (10 % writes).
-- Tokens come from the environment (deploy/bench/cluster.sh gets them); every written name is unique (letters only).
local district = os.getenv("BENCH_DISTRICT")
local school = os.getenv("BENCH_SCHOOL")
local district_token = os.getenv("BENCH_DISTRICT_TOKEN")
local school_token = os.getenv("BENCH_SCHOOL_TOKEN")
local letters = {"а","б","в","г","д","е","ж","з","и","к","л","м","н","о","п","р","с","т","у","ф","х","ц","ч","ш","э","ю","я"}
local counter, thread_tag = 0, ""
local errors = 0

local function word(n, width)
  local out = ""
  for _ = 1, width do
    out = letters[(n % #letters) + 1] .. out
    n = math.floor(n / #letters)
  end
  return out
end

function setup(thread)
  thread:set("thread_id", tostring(math.random(0, 27 * 27 * 27 * 27 - 1)))
end

function init(args)
  thread_tag = word(tonumber(thread_id) or 0, 4)
end

local function get(path, token)
  local headers = {}
  if token then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", path, headers)
end

function request()
  local r = math.random(100)
  if r <= 35 then return get("/api/districts/" .. district .. "/dashboard", district_token) end
  if r <= 55 then return get("/api/schools/" .. school .. "/people", school_token) end
  if r <= 70 then return get("/api/schools/" .. school .. "/dashboard", district_token) end
  if r <= 90 then return get("/public/schools/" .. school, nil) end
  counter = counter + 1
  local body = '{"kind":"teacher","fullName":"Нагрузка ' .. thread_tag .. ' ' .. word(counter, 5) .. '","position":"учитель"}'
  return wrk.format("POST", "/api/schools/" .. school .. "/people",
    {["Authorization"] = "Bearer " .. school_token, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f errors=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
