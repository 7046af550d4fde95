-- wrk script: every request records one accompaniment, each with the session of one of the
-- benchmark's helpers in turn (COOKIES: one session cookie per line; PLACE: a place id).
local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do
  if line ~= "" then cookies[#cookies + 1] = line end
end
local place = io.lines(os.getenv("PLACE"))()
local body = "type=individuel&date=" .. os.date("%Y-%m-%d") .. "&lieu_type=lieu&lieu=" .. place ..
  "&duree=30&themes=demarches&domaines=argent-impots&materiel=telephone&autonomie=avec-aide" ..
  "&dernier_clic=oui&deconnexion=oui&age=70-plus&premiere_visite=oui" ..
  "&note=D%C3%A9claration+faite+par+la+personne"
local counter = 0

request = function()
  counter = counter + 1
  local cookie = cookies[(counter % #cookies) + 1]
  return wrk.format("POST", "/accompagnements", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "relais_session=" .. cookie,
  }, body)
end

-- Status counts per thread (a global, so that done() can read it through thread:get).
statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

local threads = {}
setup = function(thread)
  threads[#threads + 1] = thread
end

done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  io.write("statuses:")
  for status, count in pairs(total) do io.write(" " .. status .. "=" .. count) end
  io.write("\n")
end
