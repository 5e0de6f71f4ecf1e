export { ProtocolRejectionError, type RejectionReason, reject } from './protocol-rejection-error';
