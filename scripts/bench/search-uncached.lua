-- wrk script: the same mix as search.lua, with every request made unique by a parameter the
-- server ignores, so that its response cache never answers: measures the search itself
-- (and the cost of storing answers that are never asked again).
local paths = {}
local counter = 0
local sent = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  for line in io.lines(os.getenv("PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  sent = sent + 1
  return wrk.format("GET", paths[counter] .. "&_=" .. thread_id .. "-" .. sent)
end
