// Every script reads the time from Redis itself (TIME), never from the calling instance: instances whose
// clocks disagree still share one rolling window and one expiry per slot. Prepended to scripts that need it.
export const serverNowMs = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;
