import { defineFeature } from '../feature';
import rank from './rank.command';

/** 评优评差: unit rankings (so far only the command that says none is published yet). */
export const ranking = defineFeature({ name: 'ranking', commands: [rank] });
