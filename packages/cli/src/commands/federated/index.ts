import { defineCommand } from 'citty';
import { clientCommand } from './client';
import { coordinatorCommand } from './coordinator';
import { keyholderCommand } from './keyholder';
import { tokensCommand } from './tokens';

/** `shoppilot federated tokens|coordinator|keyholder|client`. */
export const federatedCommand = defineCommand({
  meta: {
    name: 'federated',
    description: 'Federated training across sites: coordinator, CKKS key holder, clients over HTTP',
  },
  subCommands: {
    tokens: tokensCommand,
    coordinator: coordinatorCommand,
    keyholder: keyholderCommand,
    client: clientCommand,
  },
});
