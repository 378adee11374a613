-- Reads one tenant's cache keys in one atomic step, for reconciliation.
-- KEYS: 1 meta, 2 status, 3 roles, 4 branding, 5 rules, 6 digests (only its type is checked); ARGV: 1 role key prefix
-- Returns {wrongly typed keys, meta as field/value list, status, branding, rules, {role, {scopes}}...}
-- (a missing string is returned as nil).
local prefix = ARGV[1]
local wrong = {}
local function typed(key, want)
  local t = redis.call('TYPE', key)['ok']
  if t == want then return true end
  if t ~= 'none' then wrong[#wrong + 1] = key end
  return false
end
local meta = {}
if typed(KEYS[1], 'hash') then meta = redis.call('HGETALL', KEYS[1]) end
local values = {}
for i = 2, 5 do
  local want = 'string'
  if i == 3 then want = 'set' end
  values[i] = typed(KEYS[i], want)
end
local status = false
if values[2] then status = redis.call('GET', KEYS[2]) end
local branding = false
if values[4] then branding = redis.call('GET', KEYS[4]) end
local rules = false
if values[5] then rules = redis.call('GET', KEYS[5]) end
-- the digests hash is the console's bookkeeping: only a wrong type matters (it fails every normal publication)
typed(KEYS[6], 'hash')
local roles = {}
if values[3] then
  for _, role in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    local key = prefix .. role
    local scopes = {}
    if typed(key, 'set') then scopes = redis.call('SMEMBERS', key) end
    roles[#roles + 1] = {role, scopes}
  end
end
return {wrong, meta, status, branding, rules, roles}
