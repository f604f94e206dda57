/**
 * The Lua scripts behind the operations two replicas could race on, and one read that saves a
 * quiz answer a command. Each touches keys of one workspace only (one Cluster slot, see keys.ts).
 * Numbers cross as decimal strings; no cjson, whose number formatting would round millisecond
 * timestamps.
 */
import { Script } from "./script.ts";

/**
 * KEYS: quiz answers, channel answers, user answers, streaks, the workspace's answer channels.
 * ARGV: userId, answer JSON, answeredAt ms, day, day number, channel id.
 * Returns 1 when recorded, or the first answer's JSON when the user had answered already.
 * Streak rule (src/ports/streak-rule.ts): next day +1, same day or an earlier one
 * unchanged, a gap restarts at 1.
 */
export const recordAnswer = new Script(`
local first = redis.call('HGET', KEYS[1], ARGV[1])
if first then return first end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('SADD', KEYS[5], ARGV[6])
local day = tonumber(ARGV[5])
local saved = redis.call('HGET', KEYS[4], ARGV[1])
if not saved then
  redis.call('HSET', KEYS[4], ARGV[1], '1|1|' .. ARGV[4] .. '|' .. ARGV[5])
else
  local current, longest, _, last = string.match(saved, '^(%d+)|(%d+)|([^|]+)|(-?%d+)$')
  current = tonumber(current)
  longest = tonumber(longest)
  local gap = day - tonumber(last)
  if gap > 0 then
    if gap == 1 then current = current + 1 else current = 1 end
    if current > longest then longest = current end
    redis.call('HSET', KEYS[4], ARGV[1], tostring(current) .. '|' .. tostring(longest) .. '|' .. ARGV[4] .. '|' .. ARGV[5])
  end
end
return 1
`);

/**
 * KEYS: quiz, channel. Both hashes (HGETALL's flat arrays) in one command, as one consistent view:
 * a quiz answer reads them together before anything else.
 */
export const readQuizAndChannel = new Script(`
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
`);

/** KEYS: channel. ARGV: field, value, ... Returns the settings after the change, or nil when unknown. */
export const updateChannel = new Script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return redis.call('HGETALL', KEYS[1])
`);

/** Lua: whether the channel hash KEYS[1] holds the pending drop of episode ARGV[1] dropped at ARGV[2] (ms). */
const IS_PENDING = `
local function isPending()
  local episode = redis.call('HGET', KEYS[1], 'pendingEpisode')
  return episode and episode ~= '' and tonumber(episode) == tonumber(ARGV[1])
    and redis.call('HGET', KEYS[1], 'pendingDroppedAt') == ARGV[2]
end
`;

const PENDING_FIELDS = "'pendingEpisode', 'pendingDroppedAt', 'pendingDueAt', 'pendingLeaseUntil'";

/**
 * KEYS: channel. ARGV: episode, at ms, "1" to refuse a paused channel, then for a drop to post
 * the pending drop's fields (records.pendingFields). Returns 1 when this call advanced the
 * episode, else 0.
 */
export const recordDrop = new Script(`
local next = redis.call('HGET', KEYS[1], 'nextEpisode')
if not next or tonumber(next) ~= tonumber(ARGV[1]) then return 0 end
if ARGV[3] == '1' and redis.call('HGET', KEYS[1], 'paused') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'nextEpisode', tostring(tonumber(ARGV[1]) + 1), 'lastDropAt', ARGV[2])
if #ARGV > 3 then redis.call('HSET', KEYS[1], unpack(ARGV, 4)) end
return 1
`);

/**
 * KEYS: channel. ARGV: episode, droppedAt ms, previous lastDropAt ms or "". Returns 1 when undone
 * (the pending drop goes with it when it is this one), else 0.
 */
export const undoDrop = new Script(`${IS_PENDING}
local next = redis.call('HGET', KEYS[1], 'nextEpisode')
if not next or tonumber(next) ~= tonumber(ARGV[1]) + 1 then return 0 end
if redis.call('HGET', KEYS[1], 'lastDropAt') ~= ARGV[2] then return 0 end
if isPending() then redis.call('HDEL', KEYS[1], ${PENDING_FIELDS}) end
redis.call('HSET', KEYS[1], 'nextEpisode', ARGV[1], 'lastDropAt', ARGV[3])
return 1
`);

/** KEYS: channel. ARGV: episode, droppedAt ms. Returns 1 when it cleared that pending drop, else 0. */
export const settleDrop = new Script(`${IS_PENDING}
if not isPending() then return 0 end
redis.call('HDEL', KEYS[1], ${PENDING_FIELDS})
return 1
`);

/**
 * KEYS: channel. ARGV: episode, droppedAt ms, claim time ms, lease end ms. Returns 1 for the one
 * call that took over that pending drop, its lease ended by the claim time, else 0.
 */
export const claimDropTakeover = new Script(`${IS_PENDING}
if not isPending() then return 0 end
if tonumber(redis.call('HGET', KEYS[1], 'pendingLeaseUntil')) > tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], 'pendingLeaseUntil', ARGV[4])
return 1
`);

/** KEYS: quiz. ARGV: revealedAt ms. Returns 1 for the one call that revealed it, else 0. */
export const markRevealed = new Script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], 'revealedAt', ARGV[1])
`);

/**
 * KEYS: quiz. ARGV: claim time ms, lease end ms. Returns 1 for the one call that claimed a
 * scheduled post first, 2 for the one that took over a claim whose lease ended by the claim time
 * with the post unsettled (not posted, not revealed), else 0. A claim without leaseUntil was made
 * before leases, for good.
 */
export const claimQuiz = new Script(`
if redis.call('HGET', KEYS[1], 'scheduled') ~= '1' then return 0 end
if redis.call('HSETNX', KEYS[1], 'claimedAt', ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 'leaseUntil', ARGV[2])
  return 1
end
if redis.call('HEXISTS', KEYS[1], 'revealedAt') == 1 or redis.call('HGET', KEYS[1], 'posted') == '1' then return 0 end
local leaseUntil = redis.call('HGET', KEYS[1], 'leaseUntil')
if not leaseUntil or tonumber(leaseUntil) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'leaseUntil', ARGV[2])
return 2
`);

/**
 * KEYS: cards, cards due. ARGV: questionId, card JSON, due ms.
 * Returns the user's earliest due time (ms, as a string) after the save.
 */
export const saveCard = new Script(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]
`);

/**
 * KEYS: cards, cards due. ARGV: questionId, card JSON, due ms. Saves the card only when the user
 * has none for the question: returns {1, earliest due ms} after adding it (as saveCard), else
 * {0, the card JSON they have}.
 */
export const addCard = new Script(`
local saved = redis.call('HGET', KEYS[1], ARGV[1])
if saved then return {0, saved} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return {1, redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]}
`);

/** KEYS: lease. ARGV: owner, keep ms. Keeps a completed fire claimed for longer; 1 if ours. */
export const keepLease = new Script(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`);
