import { expect, it } from 'vitest';
import { AdapterError } from '../../errors/adapter-error';
import { type ConformanceContext, collect } from './conformance-context';
import { generateTestEvents } from './test-events';

/** deleteUser (privacy requests) and the closed state. */
export function definePrivacyTests({ open }: ConformanceContext): void {
  it('deleteUser removes every trace of the user and nothing else', async () => {
    const storage = await open();
    const events = generateTestEvents({ count: 600, users: 6, seed: 9 });
    await storage.appendEvents(events);
    const target = 'user-2';
    const targetEvents = events.filter((e) => e.userId === target).length;
    expect(targetEvents).toBeGreaterThan(0);
    await storage.setState('profile/user-2', { segment: 'vip' }, { userId: target });
    await storage.setState('features/user-2', [1, 2], { userId: target });
    await storage.setState('profile/user-3', { segment: 'new' }, { userId: 'user-3' });
    await storage.setState('retagged', 1, { userId: target });
    await storage.setState('retagged', 2); // a later write without a tag replaces the tag
    await storage.setState('global', 'kept');
    await storage.putArtifact('embedding/user-2', new Uint8Array([1]), { userId: target });
    await storage.putArtifact('embedding/user-2', new Uint8Array([2]), { userId: target });
    await storage.putArtifact('shared-model', new Uint8Array([3]));
    await storage.putArtifact('shared-model', new Uint8Array([4]), { userId: target });
    await storage.putArtifact('shared-model', new Uint8Array([5]));

    const report = await storage.deleteUser(target);
    expect(report).toEqual({ userId: target, events: targetEvents, stateKeys: 2, artifacts: 3 });
    expect(await storage.countEvents({ userId: target })).toBe(0);
    expect(await storage.countEvents()).toBe(600 - targetEvents);
    expect(await collect(storage.scanEvents())).not.toContainEqual(
      expect.objectContaining({ userId: target }),
    );
    expect(await collect(storage.listUsers())).toEqual(['user-0', 'user-1', 'user-3', 'user-4', 'user-5']);
    expect((await storage.listState('')).map((e) => e.key)).toEqual(['global', 'profile/user-3', 'retagged']);
    expect(await storage.getArtifact('embedding/user-2')).toBeUndefined();
    expect((await storage.listArtifactVersions('shared-model')).map((info) => info.version)).toEqual([1, 3]);
    expect(await storage.deleteUser(target)).toEqual({
      userId: target,
      events: 0,
      stateKeys: 0,
      artifacts: 0,
    });
    expect(await storage.deleteUser('never-seen')).toEqual({
      userId: 'never-seen',
      events: 0,
      stateKeys: 0,
      artifacts: 0,
    });
  });

  it('a closed store rejects calls with AdapterError; close is idempotent', async () => {
    const storage = await open();
    await storage.setState('k', 1);
    await storage.close();
    await storage.close();
    await expect(storage.getState('k')).rejects.toSatisfy(AdapterError.isInstance);
    await expect(storage.appendEvents([])).rejects.toSatisfy(AdapterError.isInstance);
    await expect(collect(storage.scanEvents())).rejects.toSatisfy(AdapterError.isInstance);
  });
}
