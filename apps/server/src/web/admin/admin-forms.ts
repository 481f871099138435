import { ROLES } from '@app/common';
import { CreateAuthorityDto, CreateOrganizationDto, CreateUserDto, MembershipInputDto, UpdateOrganizationDto, UpdateUserDto } from '@app/identity';
import { FormBody, integer, lines, list, optional, text } from '../forms';

/** Field labels, for the error summary at the top of a form. */
export const ORGANIZATION_LABELS: Record<string, string> = {
  code: 'Mã',
  family: 'Khối',
  parentId: 'Cấp trên',
  level: 'Cấp',
  fullName: 'Tên đầy đủ',
  shortName: 'Tên ngắn',
  symbolAbbreviation: 'Chữ viết tắt trong ký hiệu',
  placeName: 'Địa danh',
  superiorHeader: 'Tên cơ quan cấp trên',
  headerName: 'Tên cơ quan ban hành',
  email: 'Thư điện tử',
  webhookUrl: 'Địa chỉ webhook',
  webhookSecret: 'Khóa bí mật webhook',
};

export const USER_LABELS: Record<string, string> = {
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  email: 'Thư điện tử',
  password: 'Mật khẩu',
  active: 'Đang hoạt động',
  memberships: 'Đơn vị và vai trò',
  'memberships.organizationId': 'Đơn vị',
  organizationId: 'Đơn vị',
  roles: 'Vai trò',
  position: 'Chức vụ',
};

export const AUTHORITY_LABELS: Record<string, string> = {
  userId: 'Người ký',
  organizationId: 'Đơn vị',
  capacityLines: 'Thẩm quyền, chức vụ',
  validFrom: 'Hiệu lực từ ngày',
  validTo: 'Đến ngày',
};

/** The organization form as typed (for showing it again). */
export function organizationForm(body: FormBody) {
  return {
    code: text(body, 'code'),
    family: text(body, 'family'),
    parentId: text(body, 'parentId'),
    level: text(body, 'level'),
    fullName: text(body, 'fullName'),
    shortName: text(body, 'shortName'),
    symbolAbbreviation: text(body, 'symbolAbbreviation'),
    placeName: text(body, 'placeName'),
    superiorHeader: lines(body, 'superiorHeader'),
    headerName: lines(body, 'headerName'),
    email: text(body, 'email'),
    webhookUrl: text(body, 'webhookUrl'),
  };
}

/** The form's fields as the API's DTO expects them; an empty secret keeps the stored one. */
export function organizationInput(body: FormBody): CreateOrganizationDto | UpdateOrganizationDto {
  const input: Record<string, unknown> = {
    code: text(body, 'code'),
    family: text(body, 'family'),
    parentId: optional(body, 'parentId'),
    level: integer(body, 'level'),
    fullName: text(body, 'fullName'),
    shortName: text(body, 'shortName'),
    symbolAbbreviation: text(body, 'symbolAbbreviation'),
    placeName: text(body, 'placeName'),
    superiorHeader: lines(body, 'superiorHeader') || null,
    headerName: lines(body, 'headerName'),
    email: optional(body, 'email'),
    webhookUrl: optional(body, 'webhookUrl'),
  };
  const secret = text(body, 'webhookSecret');
  if (secret) input.webhookSecret = secret;
  return input as unknown as CreateOrganizationDto;
}

/** A new user with an optional first membership. */
export function userCreateInput(body: FormBody): CreateUserDto {
  const organizationId = text(body, 'organizationId');
  const membership = organizationId ? [{ organizationId, roles: list(body, 'roles'), position: optional(body, 'position') }] : [];
  return {
    username: text(body, 'username'),
    fullName: text(body, 'fullName'),
    email: optional(body, 'email'),
    password: text(body, 'password'),
    memberships: membership as MembershipInputDto[],
  };
}

export function userUpdateInput(body: FormBody): UpdateUserDto {
  const input: UpdateUserDto = { fullName: text(body, 'fullName'), email: optional(body, 'email'), active: text(body, 'active') === 'on' };
  const password = text(body, 'password');
  if (password) input.password = password;
  return input;
}

/**
 * The membership rows of the user form: existing rows `m<i>.*` (a row is dropped when
 * "remove" is ticked or no role is left) and a new row `new.*` when an organization is chosen.
 */
export function membershipsInput(body: FormBody): MembershipInputDto[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = /^m(\d+)\.organizationId$/.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  const rows: MembershipInputDto[] = [];
  for (const i of [...indexes].sort((a, b) => a - b)) {
    const roles = list(body, `m${i}.roles`);
    if (text(body, `m${i}.remove`) === 'on' || !roles.length) continue;
    rows.push({
      organizationId: text(body, `m${i}.organizationId`),
      roles: roles as MembershipInputDto['roles'],
      position: optional(body, `m${i}.position`),
    });
  }
  const newOrg = text(body, 'new.organizationId');
  if (newOrg)
    rows.push({ organizationId: newOrg, roles: list(body, 'new.roles') as MembershipInputDto['roles'], position: optional(body, 'new.position') });
  return rows;
}

/** Capacity lines typed one per line ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"). */
export function authorityInput(body: FormBody): CreateAuthorityDto {
  return {
    userId: text(body, 'userId'),
    organizationId: text(body, 'organizationId'),
    capacityLines: lines(body, 'capacityLines')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    validFrom: text(body, 'validFrom'),
    validTo: optional(body, 'validTo'),
  };
}

export const ROLE_CODES = ROLES;
