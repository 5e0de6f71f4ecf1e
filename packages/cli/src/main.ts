import { defineCommand } from 'citty';
import { subCommands } from './commands/index';

export const main = defineCommand({
  meta: {
    name: 'shoppilot',
    version: '0.1.0',
    description:
      "Run a store's operations on models: ingest, profile, recommend, forecast, replenish, market, federate.",
  },
  subCommands,
});
