import { defineCommand } from 'citty';
import { evalCommand } from './eval';
import { predictCommand } from './predict';
import { trainCommand } from './train';

/** `shoppilot sentiment train|predict|eval`. */
export const sentimentCommand = defineCommand({
  meta: {
    name: 'sentiment',
    description: 'Review sentiment (Chinese, English, mixed): train, predict, evaluate',
  },
  subCommands: { train: trainCommand, predict: predictCommand, eval: evalCommand },
});
