-- Replaces every cache key of one tenant in one atomic step (docs/redis-contract.md), rewriting only the role sets
-- that do not already hold what they should.
-- KEYS: 1 meta, 2 status, 3 roles, 4 branding, 5 rules, 6 digests, 7.. one role key per granted role
-- ARGV: 1 sequence, 2 mode (0 normal, 1 repair, 2 reset), 3 role key prefix, 4 status, 5 branding ('' none),
--       6 rules ('' none), 7 channel, 8 announcement, 9 number of meta fields m, 10..9+2m meta field/value pairs,
--       then per role key (in KEYS order): its digest, 'write' or 'keep', its scope count n, and for 'write' the
--       n scopes. 'keep' claims the set already holds these n scopes; it is believed only if the digests hash,
--       written with the sequence meta holds, records this digest for the role, and the set has n members.
-- Returns {1, sequence} when written, {0, sequence already held} when refused as stale or duplicate, and
-- {2, 0, roles} when roles sent as 'keep' fail that test: nothing is written, the client sends them with scopes.
-- mode 0 refuses a sequence <= the held one and a key of the wrong type; 1 (repair) rewrites the held sequence
-- and deletes wrongly typed keys; 2 (reset) ignores the held sequence, for a cache holding one the database
-- never issued.
local sequence = tonumber(ARGV[1])
local mode = ARGV[2]
local prefix = ARGV[3]

-- unpack() is bounded by Lua's C stack (about 8000 values): long lists go to Redis in slices (pairs stay whole)
local function sliced(command, key, list, first, last)
  for from = first, last, 1000 do
    redis.call(command, key, unpack(list, from, math.min(from + 999, last)))
  end
end

local wrong = {}
local function typed(key, want)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then
    wrong[#wrong + 1] = key .. ' holds a ' .. t .. ' instead of a ' .. want
    return false
  end
  return true
end

-- every check comes before the first write: a failing script is not rolled back
local metaOk = typed(KEYS[1], 'hash')
typed(KEYS[2], 'string')
local rolesOk = typed(KEYS[3], 'set')
typed(KEYS[4], 'string')
typed(KEYS[5], 'string')
local digestsOk = typed(KEYS[6], 'hash')
local setOk = {}
local granted = {}
for i = 7, #KEYS do
  setOk[i] = typed(KEYS[i], 'set')
  granted[KEYS[i]] = true
end
local removed = {}
if rolesOk then
  for _, role in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    local key = prefix .. role
    if not granted[key] then
      removed[#removed + 1] = key
      typed(key, 'set')
    end
  end
end
if #wrong > 0 and mode == '0' then
  return redis.error_reply('WRONGTYPE ' .. table.concat(wrong, '; '))
end

local held = false
if metaOk then held = redis.call('HGET', KEYS[1], 'sequence') end
if held and mode ~= '2' then
  local number = tonumber(held)
  if number and (number > sequence or (number == sequence and mode == '0')) then
    return {0, number}
  end
end

-- digests written by another publication than the one meta records (an older console, a restore) prove nothing
local recorded = held and digestsOk and redis.call('HGET', KEYS[6], '@sequence') == held
local roles = {}
local needed = {}
local pos = 10 + 2 * tonumber(ARGV[9])
for i = 7, #KEYS do
  local role = {name = string.sub(KEYS[i], #prefix + 1), digest = ARGV[pos], write = ARGV[pos + 1] == 'write',
                count = tonumber(ARGV[pos + 2]), first = pos + 3}
  if role.write then
    pos = role.first + role.count
  else
    pos = role.first
    if not (recorded and setOk[i] and redis.call('HGET', KEYS[6], role.name) == role.digest
            and redis.call('SCARD', KEYS[i]) == role.count) then
      needed[#needed + 1] = role.name
    end
  end
  roles[i] = role
end
if #needed > 0 then
  return {2, 0, needed}
end

for _, key in ipairs(removed) do redis.call('DEL', key) end
for i = 1, 6 do redis.call('DEL', KEYS[i]) end

redis.call('SET', KEYS[2], ARGV[4])
if ARGV[5] ~= '' then redis.call('SET', KEYS[4], ARGV[5]) end
if ARGV[6] ~= '' then redis.call('SET', KEYS[5], ARGV[6]) end
local m = tonumber(ARGV[9])
redis.call('HSET', KEYS[1], unpack(ARGV, 10, 9 + 2 * m))
if #KEYS > 6 then
  local names = {}
  local digests = {'@sequence', ARGV[1]}
  for i = 7, #KEYS do
    local role = roles[i]
    names[#names + 1] = role.name
    digests[#digests + 1] = role.name
    digests[#digests + 1] = role.digest
    if role.write then
      redis.call('DEL', KEYS[i])
      sliced('SADD', KEYS[i], ARGV, role.first, role.first + role.count - 1)
    end
  end
  sliced('SADD', KEYS[3], names, 1, #names)
  sliced('HSET', KEYS[6], digests, 1, #digests)
end
redis.call('PUBLISH', ARGV[7], ARGV[8])
return {1, sequence}
