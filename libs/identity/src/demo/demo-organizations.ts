import { ROLES, Role } from '@app/common';
import { Family } from '../entities/organization.entity';

export interface DemoOrganization {
  code: string;
  parentCode: string | null;
  family: Family;
  level: number;
  fullName: string;
  shortName: string;
  symbolAbbreviation: string;
  placeName: string;
  superiorHeader: string | null;
  headerName: string;
  email: string | null;
  /** Capacity lines of the organization's signer (the user `<code>.signer`). */
  signerCapacity: string[];
}

/**
 * Trees like those of the seeds' issuers: a Party tree of Bình Định (seed party-khoi-2024), the
 * Ban Chỉ đạo of the thị ủy of Đức Phổ, Quảng Ngãi, with two of its communes' (seed
 * party-thixa-2023-draft), and a State tree of An Nhơn (seed state-xa-2024).
 */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    code: 'tu-bd',
    parentCode: null,
    family: 'party',
    level: 1,
    fullName: 'Tỉnh ủy Bình Định',
    shortName: 'Tỉnh ủy',
    symbolAbbreviation: 'TU',
    placeName: 'Bình Định',
    superiorHeader: 'ĐẢNG BỘ TỈNH BÌNH ĐỊNH',
    headerName: 'TỈNH ỦY',
    email: 'tinhuy@binhdinh.demo',
    signerCapacity: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'],
  },
  {
    code: 'duk-bd',
    parentCode: 'tu-bd',
    family: 'party',
    level: 2,
    fullName: 'Đảng ủy Khối các cơ quan tỉnh Bình Định',
    shortName: 'Đảng ủy Khối',
    symbolAbbreviation: 'ĐUK',
    placeName: 'Bình Định',
    superiorHeader: 'ĐẢNG BỘ TỈNH BÌNH ĐỊNH',
    headerName: 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH',
    email: 'danguykhoi@binhdinh.demo',
    signerCapacity: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'],
  },
  {
    code: 'bcd-duk',
    parentCode: 'duk-bd',
    family: 'party',
    level: 2,
    fullName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Đảng ủy Khối các cơ quan tỉnh',
    shortName: 'Ban Chỉ đạo',
    symbolAbbreviation: 'BCĐ',
    placeName: 'Bình Định',
    superiorHeader: 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN\nTỈNH BÌNH ĐỊNH',
    headerName: 'BAN CHỈ ĐẠO THỰC HIỆN\nQUY CHẾ DÂN CHỦ Ở CƠ SỞ',
    email: null,
    signerCapacity: ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'],
  },
  {
    code: 'db-stc',
    parentCode: 'duk-bd',
    family: 'party',
    level: 3,
    fullName: 'Đảng bộ Sở Tài chính',
    shortName: 'Đảng ủy Sở Tài chính',
    symbolAbbreviation: 'ĐU',
    placeName: 'Bình Định',
    superiorHeader: 'ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH',
    headerName: 'ĐẢNG ỦY SỞ TÀI CHÍNH',
    email: 'danguy@stc.binhdinh.demo',
    signerCapacity: ['T/M ĐẢNG ỦY', 'BÍ THƯ'],
  },
  {
    code: 'db-syt',
    parentCode: 'duk-bd',
    family: 'party',
    level: 3,
    fullName: 'Đảng bộ Sở Y tế',
    shortName: 'Đảng ủy Sở Y tế',
    symbolAbbreviation: 'ĐU',
    placeName: 'Bình Định',
    superiorHeader: 'ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH',
    headerName: 'ĐẢNG ỦY SỞ Y TẾ',
    email: 'danguy@syt.binhdinh.demo',
    signerCapacity: ['T/M ĐẢNG ỦY', 'BÍ THƯ'],
  },
  {
    code: 'db-sgd',
    parentCode: 'duk-bd',
    family: 'party',
    level: 3,
    fullName: 'Đảng bộ Sở Giáo dục và Đào tạo',
    shortName: 'Đảng ủy Sở Giáo dục và Đào tạo',
    symbolAbbreviation: 'ĐU',
    placeName: 'Bình Định',
    superiorHeader: 'ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH',
    headerName: 'ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    email: 'danguy@sgd.binhdinh.demo',
    signerCapacity: ['T/M ĐẢNG ỦY', 'BÍ THƯ'],
  },
  {
    code: 'ubnd-an',
    parentCode: null,
    family: 'state',
    level: 2,
    fullName: 'Ủy ban nhân dân thị xã An Nhơn',
    shortName: 'UBND thị xã',
    symbolAbbreviation: 'UBND',
    placeName: 'An Nhơn',
    superiorHeader: null,
    headerName: 'ỦY BAN NHÂN DÂN\nTHỊ XÃ AN NHƠN',
    email: 'ubnd@annhon.demo',
    signerCapacity: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  },
  {
    code: 'ubnd-nh',
    parentCode: 'ubnd-an',
    family: 'state',
    level: 3,
    fullName: 'Ủy ban nhân dân xã Nhơn Hậu',
    shortName: 'UBND xã Nhơn Hậu',
    symbolAbbreviation: 'UBND',
    placeName: 'Nhơn Hậu',
    superiorHeader: null,
    headerName: 'ỦY BAN NHÂN DÂN\nXÃ NHƠN HẬU',
    email: 'ubnd@nhonhau.demo',
    signerCapacity: ['CHỦ TỊCH'],
  },
  {
    code: 'ubnd-np',
    parentCode: 'ubnd-an',
    family: 'state',
    level: 3,
    fullName: 'Ủy ban nhân dân xã Nhơn Phong',
    shortName: 'UBND xã Nhơn Phong',
    symbolAbbreviation: 'UBND',
    placeName: 'Nhơn Phong',
    superiorHeader: null,
    headerName: 'ỦY BAN NHÂN DÂN\nXÃ NHƠN PHONG',
    email: 'ubnd@nhonphong.demo',
    signerCapacity: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
  },
  {
    code: 'tu-dp',
    parentCode: null,
    family: 'party',
    level: 2,
    fullName: 'Thị ủy Đức Phổ',
    shortName: 'Thị ủy',
    symbolAbbreviation: 'TU',
    placeName: 'Đức Phổ',
    superiorHeader: 'ĐẢNG BỘ TỈNH QUẢNG NGÃI',
    headerName: 'THỊ ỦY ĐỨC PHỔ',
    email: 'thiuy@ducpho.demo',
    signerCapacity: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
  },
  {
    code: 'bcd-dp',
    parentCode: 'tu-dp',
    family: 'party',
    level: 2,
    fullName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thị xã Đức Phổ',
    shortName: 'Ban Chỉ đạo thị xã',
    symbolAbbreviation: 'BCĐ',
    placeName: 'Đức Phổ',
    superiorHeader: 'THỊ ỦY ĐỨC PHỔ',
    headerName: 'BAN CHỈ ĐẠO THỰC HIỆN\nQUY CHẾ DÂN CHỦ Ở CƠ SỞ',
    email: null,
    signerCapacity: ['PHÓ BÍ THƯ THƯỜNG TRỰC', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'],
  },
  {
    code: 'bcd-pn',
    parentCode: 'bcd-dp',
    family: 'party',
    level: 3,
    fullName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở phường Phổ Ninh',
    shortName: 'Ban Chỉ đạo phường Phổ Ninh',
    symbolAbbreviation: 'BCĐ',
    placeName: 'Phổ Ninh',
    superiorHeader: 'ĐẢNG ỦY PHƯỜNG PHỔ NINH',
    headerName: 'BAN CHỈ ĐẠO THỰC HIỆN\nQUY CHẾ DÂN CHỦ Ở CƠ SỞ',
    email: 'bcd@phoninh.ducpho.demo',
    signerCapacity: ['BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'],
  },
  {
    code: 'bcd-pc',
    parentCode: 'bcd-dp',
    family: 'party',
    level: 3,
    fullName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Phổ Châu',
    shortName: 'Ban Chỉ đạo xã Phổ Châu',
    symbolAbbreviation: 'BCĐ',
    placeName: 'Phổ Châu',
    superiorHeader: 'ĐẢNG ỦY XÃ PHỔ CHÂU',
    headerName: 'BAN CHỈ ĐẠO THỰC HIỆN\nQUY CHẾ DÂN CHỦ Ở CƠ SỞ',
    email: 'bcd@phochau.ducpho.demo',
    signerCapacity: ['BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'],
  },
];

export const DEMO_PASSWORD = 'demo1234';

/** The demo's one installation administrator (quản trị hệ thống), a member of the province committee. */
export const DEMO_INSTALLATION_ADMIN = { username: 'quantri', fullName: 'Quản trị hệ thống', organizationCode: 'tu-bd' } as const;

const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_NAMES = ['Văn', 'Thị', 'Minh', 'Quang', 'Thanh', 'Hữu', 'Ngọc', 'Đức'];
const GIVEN_NAMES = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trung',
  'Tuấn',
  'Uyên',
  'Việt',
  'Xuân',
  'Yến',
  'Ánh',
  'Đông',
];

export const ROLE_POSITIONS: Record<Role, string> = {
  drafter: 'Chuyên viên',
  consultee: 'Thành viên được xin ý kiến',
  reviewer: 'Trưởng ban tham mưu',
  format_checker: 'Chánh Văn phòng',
  signer: 'Người ký',
  clerk: 'Văn thư',
  auditor: 'Kiểm tra viên',
  admin: 'Quản trị hệ thống',
};

export interface DemoUser {
  username: string;
  fullName: string;
  organizationCode: string;
  role: Role;
  installationAdmin?: boolean;
}

/** One user per role at every demo organization (`<organization code>.<role>`), and `quantri`. */
export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [{ ...DEMO_INSTALLATION_ADMIN, role: 'admin', installationAdmin: true }];
  let n = 0;
  for (const org of DEMO_ORGANIZATIONS) {
    for (const role of ROLES) {
      const fullName = `${FAMILY_NAMES[n % FAMILY_NAMES.length]} ${MIDDLE_NAMES[(n * 3) % MIDDLE_NAMES.length]} ${GIVEN_NAMES[(n * 7) % GIVEN_NAMES.length]}`;
      users.push({ username: `${org.code}.${role}`, fullName, organizationCode: org.code, role });
      n++;
    }
  }
  return users;
}
