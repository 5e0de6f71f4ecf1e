import { describeStorageConformance } from '../testing/storage/describe-storage-conformance';
import { MemoryStorage } from './memory-storage';

describeStorageConformance('MemoryStorage', { create: () => new MemoryStorage() });
