import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createStorage, splitSchemaParameter, sqlitePath } from './create-storage';
import { MemoryStorage } from './memory-storage';
import { SqliteStorage } from './sqlite-storage';

describe('createStorage', () => {
  it('opens memory and SQLite stores from URLs', async () => {
    const memory = await createStorage('memory:');
    expect(memory).toBeInstanceOf(MemoryStorage);
    const sqlite = await createStorage('sqlite::memory:');
    expect(sqlite).toBeInstanceOf(SqliteStorage);
    expect((sqlite as SqliteStorage).path).toBe(':memory:');
    await Promise.all([memory.close(), sqlite.close()]);
  });

  it('parses sqlite paths and the postgres schema parameter', () => {
    expect(sqlitePath('sqlite:./shop.db')).toBe('./shop.db');
    expect(sqlitePath('sqlite:///var/data/shop.db')).toBe('/var/data/shop.db');
    expect(sqlitePath('sqlite::memory:')).toBe(':memory:');
    expect(() => sqlitePath('sqlite:')).toThrow(/needs a path/);
    expect(splitSchemaParameter('postgres://h/db?schema=tenant_a&sslmode=disable')).toEqual({
      connectionUrl: 'postgres://h/db?sslmode=disable',
      schema: 'tenant_a',
    });
    expect(splitSchemaParameter('postgres://h/db?schema=x')).toEqual({
      connectionUrl: 'postgres://h/db',
      schema: 'x',
    });
    expect(splitSchemaParameter('postgres://h/db')).toEqual({ connectionUrl: 'postgres://h/db' });
  });

  it('rejects unknown schemes without echoing credentials', async () => {
    const error = await createStorage('mysql://root:secret@host/db').catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('secret');
    expect(String((error as InvalidArgumentError).value)).not.toContain('secret');
    await expect(createStorage('')).rejects.toSatisfy(InvalidArgumentError.isInstance);
  });
});
