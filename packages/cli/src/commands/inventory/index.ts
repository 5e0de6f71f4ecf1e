import { defineCommand } from 'citty';
import { simulateCommand } from './simulate';

export { replenishCommand } from './replenish';

/** `shoppilot inventory simulate`. */
export const inventoryCommand = defineCommand({
  meta: { name: 'inventory', description: 'Inventory policies: simulate a policy over a demand history' },
  subCommands: { simulate: simulateCommand },
});
