-- Replaces every cache key of one tenant in one atomic step (docs/redis-contract.md).
-- KEYS: 1 meta, 2 status, 3 roles, 4 branding, 5 rules, 6.. one role key per granted role
-- ARGV: 1 sequence, 2 mode (0 normal, 1 repair, 2 reset), 3 role key prefix, 4 status, 5 branding ('' none),
--       6 rules ('' none), 7 channel, 8 announcement, 9 number of meta fields m, 10..9+2m meta field/value pairs,
--       then per role key (in KEYS order): its scope count n followed by n scopes.
-- Returns {1, sequence} when written, {0, sequence already held} when refused as stale or duplicate.
-- mode 0 refuses a sequence <= the held one and a key of the wrong type; 1 (repair) rewrites the held sequence
-- and deletes wrongly typed keys; 2 (reset) ignores the held sequence, for a cache holding one the database
-- never issued.
local sequence = tonumber(ARGV[1])
local mode = ARGV[2]
local prefix = ARGV[3]

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
for i = 6, #KEYS do typed(KEYS[i], 'set') end
local old = {}
if rolesOk then
  for _, role in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    old[#old + 1] = prefix .. role
    typed(prefix .. role, 'set')
  end
end
if #wrong > 0 and mode == '0' then
  return redis.error_reply('WRONGTYPE ' .. table.concat(wrong, '; '))
end

if metaOk and mode ~= '2' then
  local held = tonumber(redis.call('HGET', KEYS[1], 'sequence'))
  if held and (held > sequence or (held == sequence and mode == '0')) then
    return {0, held}
  end
end

for _, key in ipairs(old) do redis.call('DEL', key) end
for i = 1, #KEYS do redis.call('DEL', KEYS[i]) end

redis.call('SET', KEYS[2], ARGV[4])
if ARGV[5] ~= '' then redis.call('SET', KEYS[4], ARGV[5]) end
if ARGV[6] ~= '' then redis.call('SET', KEYS[5], ARGV[6]) end
local m = tonumber(ARGV[9])
local pos = 10
redis.call('HSET', KEYS[1], unpack(ARGV, pos, pos + 2 * m - 1))
pos = pos + 2 * m
for i = 6, #KEYS do
  redis.call('SADD', KEYS[3], string.sub(KEYS[i], #prefix + 1))
  local n = tonumber(ARGV[pos])
  pos = pos + 1
  if n > 0 then
    redis.call('SADD', KEYS[i], unpack(ARGV, pos, pos + n - 1))
  end
  pos = pos + n
end
redis.call('PUBLISH', ARGV[7], ARGV[8])
return {1, sequence}
