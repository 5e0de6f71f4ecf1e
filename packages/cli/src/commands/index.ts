import type { CommandDef } from 'citty';

/**
 * Every top-level `shoppilot` command. Each domain adds its commands in its own folder under
 * `commands/` and registers them here with one line.
 */
export const subCommands: Record<string, () => Promise<CommandDef>> = {
  sentiment: () => import('./sentiment/index').then((module) => module.sentimentCommand as CommandDef),
};
