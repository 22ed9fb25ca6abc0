import * as credits from './credits/index';
import * as grading from './monthly/index';
import * as quarterly from './quarterly/index';
import * as weekly from './weekly/index';

/** The features in help-card order. Each owns its file; the central registries only concatenate. */
export const features = [weekly, grading, quarterly, credits];
