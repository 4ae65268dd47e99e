import { sha1Hex } from '@ratelab/algorithms';

/**
 * Rules live in three keys sharing the hash tag {ratelab-rules}, so they sit in one Cluster slot and every
 * script below touches them atomically: the rules (id -> JSON), each rule's version, and the set's version.
 */
export const RULE_KEYS = ['ratelab:{ratelab-rules}:rules', 'ratelab:{ratelab-rules}:versions', 'ratelab:{ratelab-rules}:version'];
/** Pub/sub channel announcing a new rule-set version. */
export const RULES_CHANNEL = 'ratelab:rules-changed';

const script = (source: string) => ({ source, sha: sha1Hex(source) });

/** Writes a whole rule set only if the store has never had one (no version key): seeding and restoring. */
export const SEED_IF_EMPTY = script(`
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
for i = 2, #ARGV, 3 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
end
redis.call('SET', KEYS[3], ARGV[1])
return 1
`);

/** Creates or replaces one rule and bumps the set version; -1 when the store already holds the maximum. */
export const PUT_RULE = script(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return -1 end
local v = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], v)
return v
`);

/** Deletes one rule and bumps the set version; 0 when there was no such rule. */
export const DELETE_RULE = script(`
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
return redis.call('INCR', KEYS[3])
`);

/** Reads version, rules and versions in one atomic step, so a reload never mixes two versions. */
export const LOAD_RULES = script(`
return { redis.call('GET', KEYS[3]), redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]) }
`);
