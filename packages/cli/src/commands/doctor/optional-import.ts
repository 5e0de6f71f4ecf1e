import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Imports an optional peer of @shoppilot/core (onnxruntime-node, pg) the way core resolves it:
 * from the CLI's own location first, then from core's package folder.
 */
export async function importOptional(name: string): Promise<unknown> {
  try {
    return await import(name);
  } catch (error) {
    const code = (error as { code?: string })?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    const require = createRequire(import.meta.url);
    const corePackage = require.resolve('@shoppilot/core/package.json');
    let resolved: string;
    try {
      resolved = createRequire(corePackage).resolve(name);
    } catch {
      throw error;
    }
    return import(pathToFileURL(resolved).href);
  }
}
