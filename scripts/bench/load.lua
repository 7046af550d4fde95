-- wrk script of the load test: a mix of public searches (50 %), page views (30 %) and
-- accompaniment records written by logged-in helpers (20 %). COOKIES: one session cookie per
-- line; PLACE: a place id. Prints the answers by status; any 5xx is a failure of the run.
local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do
  if line ~= "" then cookies[#cookies + 1] = line end
end
local place = io.lines(os.getenv("PLACE"))()
local record = "type=individuel&date=" .. os.date("%Y-%m-%d") .. "&lieu_type=lieu&lieu=" .. place ..
  "&duree=30&themes=courriel&materiel=telephone&autonomie=avec-aide&dernier_clic=oui" ..
  "&deconnexion=oui&age=70-plus"
local searches = {
  "/lieux?q=mediatheque", "/lieux?commune=Angoul%C3%AAme&rayon=10",
  "/lieux?service=aide-aux-demarches-administratives&ouvert=maintenant",
  "/lieux?q=espace+numerique&commune=Cognac", "/api/v1/lieux?commune=16000",
}
local pages = { "/", "/permanences", "/ateliers", "/lieux/" .. place, "/diagnostic", "/actualites" }
local counter = 0

request = function()
  counter = counter + 1
  local kind = counter % 10
  if kind < 5 then
    return wrk.format("GET", searches[(counter % #searches) + 1])
  elseif kind < 8 then
    return wrk.format("GET", pages[(counter % #pages) + 1])
  end
  return wrk.format("POST", "/accompagnements", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "relais_session=" .. cookies[(counter % #cookies) + 1],
  }, record)
end

statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

local threads = {}
setup = function(thread)
  threads[#threads + 1] = thread
end

done = function(summary, latency, requests)
  local total, failed = {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
      if status >= 500 then failed = failed + count end
    end
  end
  io.write("statuses:")
  for status, count in pairs(total) do io.write(" " .. status .. "=" .. count) end
  io.write("\n")
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write("server errors (5xx): " .. failed .. "\n")
end
