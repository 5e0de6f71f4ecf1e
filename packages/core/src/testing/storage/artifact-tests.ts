import { expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type { ConformanceContext } from './conformance-context';

/** Versioned artifacts: numbering, latest, metadata, bytes, concurrency. */
export function defineArtifactTests({ open }: ConformanceContext): void {
  it('artifacts: versions 1, 2, 3…, latest, metadata, exact bytes', async () => {
    const storage = await open();
    const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const before = Date.now();
    const v1 = await storage.putArtifact('model', allBytes, { metadata: { rmse: 1.25, tags: ['a', '中'] } });
    const v2 = await storage.putArtifact('model', new Uint8Array(0));
    const v3 = await storage.putArtifact('model', new Uint8Array([7, 0, 255]), { metadata: { rmse: 0.5 } });
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect([v1.size, v2.size, v3.size]).toEqual([256, 0, 3]);
    expect(v2.metadata).toEqual({});
    expect(v1.createdAt).toBeGreaterThanOrEqual(before);
    expect(v3.createdAt).toBeGreaterThanOrEqual(v1.createdAt);
    const latest = await storage.getArtifact('model');
    expect(latest?.info).toEqual(v3);
    expect(latest?.data).toEqual(new Uint8Array([7, 0, 255]));
    const first = await storage.getArtifact('model', 1);
    expect(first?.info).toEqual(v1);
    expect(first?.data).toEqual(allBytes);
    expect((await storage.getArtifact('model', 2))?.data).toEqual(new Uint8Array(0));
    expect(await storage.listArtifactVersions('model')).toEqual([v1, v2, v3]);
    expect(await storage.getArtifact('model', 4)).toBeUndefined();
    expect(await storage.getArtifact('other')).toBeUndefined();
    expect(await storage.listArtifactVersions('other')).toEqual([]);
    expect((await storage.putArtifact('other', allBytes)).version).toBe(1);
    await expect(storage.getArtifact('model', 0)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(storage.putArtifact('model', [1, 2] as never)).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
    await expect(storage.putArtifact('model', allBytes, { metadata: [1] as never })).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
  });

  it('artifact bytes are copied in and out', async () => {
    const storage = await open();
    const input = new Uint8Array([1, 2, 3]);
    const view = new Uint8Array(new Uint8Array([9, 9, 4, 5, 6, 9]).buffer, 2, 3);
    await storage.putArtifact('a', input);
    await storage.putArtifact('b', view);
    input[0] = 100;
    const read = await storage.getArtifact('a');
    (read?.data as Uint8Array)[1] = 100;
    expect((await storage.getArtifact('a'))?.data).toEqual(new Uint8Array([1, 2, 3]));
    expect((await storage.getArtifact('b'))?.data).toEqual(new Uint8Array([4, 5, 6]));
  });

  it('concurrent puts of one name get distinct consecutive versions', async () => {
    const storage = await open();
    const infos = await Promise.all(
      Array.from({ length: 8 }, (_, i) => storage.putArtifact('shared', new Uint8Array([i]))),
    );
    expect(infos.map((info) => info.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const info of infos) {
      const artifact = await storage.getArtifact('shared', info.version);
      expect(artifact?.data[0]).toBe(infos.indexOf(info));
    }
  });
}
