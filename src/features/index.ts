import * as credits from './credits';
import * as grading from './grading';
import * as quarterly from './quarterly';
import * as weekly from './weekly';

/** The features in help-card order. Each owns its file; the central registries only concatenate. */
export const features = [weekly, grading, quarterly, credits];
