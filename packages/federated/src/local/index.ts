export {
  type LocalFederationOptions,
  type LocalFederationResult,
  runLocalFederation,
} from './local-federation';
