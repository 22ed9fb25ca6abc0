import { annual } from './annual';
import { credits } from './credits';
import type { Feature } from './feature';
import { maintenance } from './maintenance';
import { monthly } from './monthly';
import { org } from './org';
import { peersFeature } from './peers';
import { quarterly } from './quarterly';
import { ranking } from './ranking';
import { summary } from './summary';
import { weekly } from './weekly';

/** Every feature of the bot, in the order the help card lists their commands. */
export const allFeatures: readonly Feature[] = [weekly, summary, monthly, annual, quarterly, credits, ranking, peersFeature, org, maintenance];
