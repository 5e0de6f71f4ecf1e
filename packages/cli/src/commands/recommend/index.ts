import { defineCommand } from 'citty';
import { evalCommand } from './eval';
import { topCommand } from './top';
import { trainCommand } from './train';

/** `shoppilot recommend eval|train|top`. */
export const recommendCommand = defineCommand({
  meta: { name: 'recommend', description: 'Recommenders: offline evaluation, training, top-k per user' },
  subCommands: { eval: evalCommand, train: trainCommand, top: topCommand },
});
