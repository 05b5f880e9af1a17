import type { AppConfig } from '../../config/app-config.service';
import { UnsubscribeTokensService } from './unsubscribe-tokens.service';

function service(secret: string) {
  const dataSource = {
    query: async (sql: string) => (sql.startsWith('SELECT') ? [{ secret }] : []),
  };
  return new UnsubscribeTokensService(dataSource as never, { publicUrl: 'https://kpi.test' } as AppConfig);
}

describe('UnsubscribeTokensService', () => {
  const tokens = service('c2VjcmV0LW9uZS1zZWNyZXQtb25lLXNlY3JldC1vbmU');

  it('verifies what it signed', async () => {
    const token = await tokens.sign({ t: 'sub', id: '7d5e0c4a-8c57-4b8e-9f3e-0f1f2a3b4c5d' });
    expect(await tokens.verify(token)).toEqual({ t: 'sub', id: '7d5e0c4a-8c57-4b8e-9f3e-0f1f2a3b4c5d' });
    expect(await tokens.verify(await tokens.sign({ t: 'addr', e: 'a@b.test' }))).toEqual({ t: 'addr', e: 'a@b.test' });
  });

  it('refuses tampered, foreign and malformed tokens', async () => {
    const token = await tokens.sign({ t: 'sub', id: 'one' });
    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ t: 'sub', id: 'two' })).toString('base64url');
    expect(await tokens.verify(`${forgedPayload}.${signature}`)).toBeNull();
    expect(await tokens.verify(`${payload}.${signature.slice(0, -1)}x`)).toBeNull();
    expect(await service('b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC1vdGhlcg').verify(token)).toBeNull();
    for (const bad of [undefined, '', 'abc', 'a.b.c', `${payload}.`, 'x'.repeat(3000)]) expect(await tokens.verify(bad)).toBeNull();
  });

  it('builds the public link', async () => {
    expect(await tokens.url({ t: 'sub', id: 'one' })).toMatch(/^https:\/\/kpi\.test\/api\/notifications\/unsubscribe\?token=[\w-]+\.[\w-]+$/);
  });
});
