import type { CommandDef } from 'citty';

/**
 * Every top-level `shoppilot` command, loaded lazily (a command's dependencies load only when it
 * runs). To add one: put it in its own folder `commands/<name>/index.ts` exporting a citty
 * `defineCommand(...)`, and register it here with ONE line. See packages/cli/README.md.
 */
export const subCommands: Record<string, () => Promise<CommandDef>> = {
  doctor: () => import('./doctor/index').then((module) => module.doctorCommand as CommandDef),
  inventory: () => import('./inventory/index').then((module) => module.inventoryCommand as CommandDef),
  replenish: () => import('./inventory/index').then((module) => module.replenishCommand as CommandDef),
  ingest: () => import('./ingest/index').then((module) => module.ingestCommand as CommandDef),
  sentiment: () => import('./sentiment/index').then((module) => module.sentimentCommand as CommandDef),
  bandit: () => import('./marketing/bandit').then((module) => module.banditCommand as CommandDef),
  clv: () => import('./marketing/clv').then((module) => module.clvCommand as CommandDef),
  copy: () => import('./marketing/copy').then((module) => module.copyCommand as CommandDef),
  federated: () => import('./federated/index').then((module) => module.federatedCommand as CommandDef),
  forecast: () => import('./forecast/index').then((module) => module.forecastCommand as CommandDef),
  recommend: () => import('./recommend/index').then((module) => module.recommendCommand as CommandDef),
};
