-- The December week's mix for wrk (deploy/bench/load.sh): district curators, school curators and mentors of one generated
-- district, signed in (Bearer tokens for the API, the session cookie for the pages), with the weights of OPS below.
-- wrk times only the whole run, so each request carries its operation and a number in X-Correlation-Id, which the host
-- echoes; response() pairs the echo with the request's start (a monotonic clock through LuaJIT's ffi) and every thread writes
-- "operation<TAB>milliseconds<TAB>status" lines to $BENCH_LOAD_OUT/<thread>.tsv. The ids, tokens and cookies come from
-- $BENCH_LOAD_DATA (a Lua file written by load.py).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } load_timespec;
  int clock_gettime(int clock, load_timespec *t);
]]
local ts = ffi.new("load_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local data = dofile(os.getenv("BENCH_LOAD_DATA"))

-- name, weight (percent), who, what. Writes: 10 %.
local OPS = {
  { "district_dashboard_api", 12 }, -- district curator, Bearer
  { "district_dashboard_page", 10 }, -- district curator, cookie
  { "upcoming_reminders_api", 5 }, -- district curator, Bearer
  { "school_overview_page", 18 }, -- school curator, cookie
  { "road_maps_api", 5 }, -- school curator, Bearer
  { "road_map_api", 6 }, -- school curator, Bearer
  { "activities_api", 6 }, -- mentor, Bearer
  { "programs_api", 6 }, -- school curator, Bearer
  { "programs_page", 5 }, -- school curator, cookie
  { "notifications_api", 7 }, -- school curator or mentor, Bearer
  { "notifications_page", 4 }, -- school curator, cookie
  { "mentor_page", 6 }, -- mentor, cookie
  { "write_activity_status", 7 }, -- school curator, Bearer
  { "write_program_evaluation", 3 }, -- school curator, Bearer
}
local cumulative, total = {}, 0
for i, op in ipairs(OPS) do total = total + op[2]; cumulative[i] = total end

local threads, tid, out, counter, pending = 0, "0", nil, 0, {}

-- setup() runs in the main script, init() in each thread's own copy: the number travels as the thread's global thread_id.
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", tostring(threads))
end

function init(args)
  tid = thread_id
  math.randomseed(tonumber(tid) * 7919 + os.time())
  out = io.open(os.getenv("BENCH_LOAD_OUT") .. "/" .. tid .. ".tsv", "w")
  out:setvbuf("line")
end

local function pick(list) return list[math.random(#list)] end

local function get(path, token, cookie)
  return "GET", path, token, nil, cookie
end

local function statusBody()
  local s = math.random(3)
  if s == 1 then return '{"status":"in_progress","note":"нагрузка"}' end
  if s == 2 then return '{"status":"done","evidence":"протокол совещания"}' end
  return '{"status":"planned","evidence":"перенос по плану"}'
end

local function evaluationBody()
  local parts = {}
  for _, code in ipairs(data.criteria) do parts[#parts + 1] = '"' .. code .. '":' .. math.random(0, 2) end
  return '{"scores":{' .. table.concat(parts, ",") .. '}}'
end

local build = {
  district_dashboard_api = function() return get("/api/districts/" .. data.district .. "/dashboard", data.district_token) end,
  district_dashboard_page = function() return get("/districts/" .. data.district, nil, data.district_cookie) end,
  upcoming_reminders_api = function() return get("/api/districts/" .. data.district .. "/reminders/upcoming", data.district_token) end,
  school_overview_page = function(s) return get("/schools/" .. s.id, nil, s.curator_cookie) end,
  road_maps_api = function(s) return get("/api/schools/" .. s.id .. "/road-maps", s.curator_token) end,
  road_map_api = function(s) return get("/api/schools/" .. s.id .. "/road-maps/" .. pick(s.road_maps).id, s.curator_token) end,
  activities_api = function(s) return get("/api/schools/" .. s.id .. "/activities?status=planned&sort=due", s.mentor_token) end,
  programs_api = function(s) return get("/api/schools/" .. s.id .. "/programs", s.curator_token) end,
  programs_page = function(s) return get("/schools/" .. s.id .. "/programs", nil, s.curator_cookie) end,
  notifications_api = function(s) return get("/api/me/notifications", math.random(2) == 1 and s.curator_token or s.mentor_token) end,
  notifications_page = function(s) return get("/notifications", nil, s.curator_cookie) end,
  mentor_page = function(s) return get("/schools/" .. s.id .. "/me", nil, s.mentor_cookie) end,
  write_activity_status = function(s)
    local map = pick(s.road_maps)
    return "POST", "/api/schools/" .. s.id .. "/road-maps/" .. map.id .. "/activities/" .. pick(map.activities) .. "/status", s.curator_token, statusBody()
  end,
  write_program_evaluation = function(s)
    return "POST", "/api/schools/" .. s.id .. "/programs/" .. pick(s.programs) .. "/evaluations", s.curator_token, evaluationBody()
  end,
}

function request()
  local r, name = math.random(total), nil
  for i, c in ipairs(cumulative) do if r <= c then name = OPS[i][1]; break end end
  local school = pick(data.schools)
  if (name == "write_program_evaluation" and #school.programs == 0) or ((name == "road_map_api" or name == "write_activity_status") and #school.road_maps == 0) then
    name = "school_overview_page"
  end
  local method, path, token, body, cookie = build[name](school)
  counter = counter + 1
  local id = name .. "." .. tid .. "." .. counter
  local headers = { ["X-Correlation-Id"] = id }
  if token then headers["Authorization"] = "Bearer " .. token end
  if cookie then headers["Cookie"] = cookie end
  if body then headers["Content-Type"] = "application/json" end
  pending[id] = now_ms()
  return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
  local id = headers["X-Correlation-Id"] or headers["x-correlation-id"]
  local started = id and pending[id]
  if started then
    pending[id] = nil
    out:write(string.match(id, "^[^.]+"), "\t", string.format("%.2f", now_ms() - started), "\t", status, "\n")
  else
    out:write("unattributed\t0\t", status, "\n") -- an answer without the echo (the exception handler's, e.g. a 409)
  end
end
