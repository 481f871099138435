import { DataSource } from 'typeorm';
import type { Role } from '@app/common';
import { hashPassword, Membership, Organization, SigningAuthority, User } from '@app/identity';
import { TEST_USER_PASSWORD } from './test-app';

/** The roles every organization of a cascade test has one person for: `<code>.<role>`. */
export const CASCADE_ROLES: Role[] = ['drafter', 'reviewer', 'format_checker', 'signer', 'clerk'];

export interface TreeOrganization {
  id: string;
  code: string;
  fullName: string;
  level: number;
  parentCode: string | null;
}

/**
 * A State tree made for one test: a province (UBND tỉnh), `width` districts under it and `width`
 * communes under each district, every organization with one person per role (password TEST_USER_PASSWORD)
 * and its chairman's signing authority. Codes are `<prefix>`, `<prefix>-d1`, `<prefix>-d1-x1`...
 */
export async function createStateTree(dataSource: DataSource, prefix: string, width: number): Promise<TreeOrganization[]> {
  const passwordHash = await hashPassword(TEST_USER_PASSWORD);
  const specs: { code: string; parentCode: string | null; level: number; kind: 'tỉnh' | 'huyện' | 'xã'; name: string }[] = [
    { code: prefix, parentCode: null, level: 1, kind: 'tỉnh', name: `Bình An ${prefix}` },
  ];
  const districtNames = ['An Lão', 'Hoài Ân', 'Phù Cát', 'Tây Sơn', 'Vân Canh', 'Vĩnh Thạnh', 'Tuy Phước', 'Phù Mỹ'];
  const communeNames = ['Ân Hảo', 'Bình Thành', 'Cát Hanh', 'Đak Mang', 'Hòa Bình', 'Mỹ Lộc', 'Nhơn Tân', 'Tây Giang'];
  for (let d = 1; d <= width; d++) {
    const district = `${prefix}-d${d}`;
    specs.push({ code: district, parentCode: prefix, level: 2, kind: 'huyện', name: districtNames[(d - 1) % districtNames.length] });
    for (let x = 1; x <= width; x++) {
      specs.push({
        code: `${district}-x${x}`,
        parentCode: district,
        level: 3,
        kind: 'xã',
        name: `${communeNames[(x - 1) % communeNames.length]} ${d}`,
      });
    }
  }
  return dataSource.transaction(async (manager) => {
    const ids = new Map<string, string>();
    const created: TreeOrganization[] = [];
    for (const spec of specs) {
      const fullName = `Ủy ban nhân dân ${spec.kind} ${spec.name}`;
      const org = await manager.save(
        Organization,
        manager.create(Organization, {
          code: spec.code,
          family: 'state',
          parentId: spec.parentCode ? ids.get(spec.parentCode)! : null,
          level: spec.level,
          fullName,
          shortName: `UBND ${spec.kind} ${spec.name}`,
          symbolAbbreviation: 'UBND',
          placeName: spec.name,
          superiorHeader: null,
          headerName: `ỦY BAN NHÂN DÂN\n${spec.kind.toUpperCase()} ${spec.name.toUpperCase()}`,
          email: null,
          webhookUrl: null,
          webhookSecret: null,
        }),
      );
      ids.set(spec.code, org.id);
      created.push({ id: org.id, code: spec.code, fullName, level: spec.level, parentCode: spec.parentCode });
      for (const role of CASCADE_ROLES) {
        const user = await manager.save(
          User,
          manager.create(User, {
            username: `${spec.code}.${role}`,
            fullName: `${role === 'signer' ? 'Chủ tịch' : 'Cán bộ'} ${spec.name} ${role}`,
            email: null,
            passwordHash,
          }),
        );
        await manager.insert(Membership, { userId: user.id, organizationId: org.id, roles: [role], position: null });
        if (role === 'signer') {
          await manager.insert(SigningAuthority, {
            userId: user.id,
            organizationId: org.id,
            capacityLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
            validFrom: '2020-01-01',
            validTo: null,
            delegatedFromId: null,
          });
        }
      }
    }
    return created;
  });
}
