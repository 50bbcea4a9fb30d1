export { generateWorld, type World } from './lib/world';
export { writeFeeds, type FeedFile } from './feeds/write-feeds';
export { liveEvents, contactEmitAt, type LiveEvent } from './lib/live';
export { SCENARIOS, type ScenarioFacts } from './lib/scenarios';
export { DEFAULT_SITES, DEMO_PASSWORD, REASONS, type WorldOptions } from './lib/config';
export type { SimUser, SimAgent, SimTeam, SimOrg } from './lib/org';
export { erlangRequired } from './lib/forecast';
export { localTime } from './lib/time';
export { FOLLOW_UPS, type FollowUpFacts } from './lib/follow-ups';
