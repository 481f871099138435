import { auditHash, canonicalJson, HashedFields } from './audit-hash';

describe('audit hash', () => {
  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: 'Kế hoạch' })).toBe('{"b":"Kế hoạch"}');
  });

  const row: HashedFields = {
    stream: 'plan:00000000-0000-4000-8000-000000000001',
    seq: 1,
    planId: '00000000-0000-4000-8000-000000000001',
    organizationId: null,
    actorId: null,
    actorName: 'Hệ thống',
    at: new Date('2024-01-24T03:00:00.123Z'),
    event: 'SUBMIT',
    fromState: 'draft',
    toState: 'review',
    reason: null,
    contentVersion: 1,
    contentSha256: 'a'.repeat(64),
    requestId: null,
    data: { b: 1, a: 2 },
    prevHash: null,
  };

  it('does not depend on the key order of data (jsonb reorders keys)', () => {
    expect(auditHash(row)).toBe(auditHash({ ...row, data: { a: 2, b: 1 } }));
  });

  it('changes with any field', () => {
    const base = auditHash(row);
    expect(auditHash({ ...row, reason: 'x' })).not.toBe(base);
    expect(auditHash({ ...row, seq: 2 })).not.toBe(base);
    expect(auditHash({ ...row, at: new Date('2024-01-24T03:00:00.124Z') })).not.toBe(base);
    expect(auditHash({ ...row, prevHash: 'b'.repeat(64) })).not.toBe(base);
    expect(auditHash(row)).toMatch(/^[0-9a-f]{64}$/);
  });
});
