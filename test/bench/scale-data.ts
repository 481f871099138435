/**
 * A nation's worth of data for `bench:scale`: ~50,000 organizations in the tree of Vietnam's
 * Party and State bodies (centre → 63 provinces → districts → communes, Party cells under the
 * commune Party committees) and 1,000,000 plans in every state, with their content versions,
 * hash-chained audit trails, register entries, deliveries and child links in proportion.
 *
 * Set-based: organizations, users, plans, versions, links, registers and deliveries are
 * INSERT … SELECT over generate_series. What must follow the application's own conventions is
 * computed by its code, once: the K plan contents (canonical content, its SHA-256, the folded
 * search text) and the audit rows' hash chain (auditHash), written in batches through unnest().
 */
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { auditHash, HashedFields, SYSTEM_AUDIT_ACTOR } from '@app/audit';
import { canonicalContent, contentSha256, searchTextOf } from '@app/plans';
import { planContent } from '../support/plan-factory';

export interface ScaleSizes {
  plans: number;
  provinces: number;
  districtsPerProvince: number;
  communesPerDistrict: number;
  /** Organizations in all: Party cells (chi bộ) under the communes' Party committees make up the rest. */
  organizations: number;
}

export const NATION: ScaleSizes = { plans: 1_000_000, provinces: 63, districtsPerProvince: 11, communesPerDistrict: 15, organizations: 50_000 };

const PROVINCES = [
  'Hà Nội', 'Hải Phòng', 'Thừa Thiên Huế', 'Đà Nẵng', 'Cần Thơ', 'Hồ Chí Minh', 'Hà Giang', 'Cao Bằng', 'Bắc Kạn', 'Tuyên Quang',
  'Lào Cai', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Yên Bái', 'Hòa Bình', 'Thái Nguyên', 'Lạng Sơn', 'Quảng Ninh', 'Bắc Giang',
  'Phú Thọ', 'Vĩnh Phúc', 'Bắc Ninh', 'Hải Dương', 'Hưng Yên', 'Thái Bình', 'Hà Nam', 'Nam Định', 'Ninh Bình', 'Thanh Hóa',
  'Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Quảng Trị', 'Quảng Nam', 'Quảng Ngãi', 'Bình Định', 'Phú Yên', 'Khánh Hòa', 'Ninh Thuận',
  'Bình Thuận', 'Kon Tum', 'Gia Lai', 'Đắk Lắk', 'Đắk Nông', 'Lâm Đồng', 'Bình Phước', 'Tây Ninh', 'Bình Dương', 'Đồng Nai',
  'Bà Rịa - Vũng Tàu', 'Long An', 'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp', 'An Giang', 'Kiên Giang', 'Hậu Giang',
  'Sóc Trăng', 'Bạc Liêu', 'Cà Mau',
]; // prettier-ignore

/** Syllables of place names: a district or commune is named by two of them ("Phú Hòa", "Đông Sơn"). */
const PLACE_WORDS = ['An', 'Bình', 'Phú', 'Hòa', 'Thạnh', 'Đông', 'Tây', 'Nam', 'Bắc', 'Long', 'Tân', 'Hưng', 'Thuận', 'Lợi', 'Xuân', 'Quang', 'Đức', 'Mỹ', 'Phước', 'Sơn', 'Trung', 'Vĩnh', 'Hải', 'Thủy']; // prettier-ignore

const ACTIONS = [
  'Kế hoạch thực hiện',
  'Kế hoạch triển khai',
  'Kế hoạch tổ chức',
  'Kế hoạch kiểm tra, giám sát việc thực hiện',
  'Kế hoạch tuyên truyền',
];
const TOPICS = [
  'Nghị quyết số 18-NQ/TW về tiếp tục đổi mới, sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả',
  'công tác phòng, chống tham nhũng, lãng phí, tiêu cực',
  'chuyển đổi số, phát triển chính quyền số',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu',
  'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'Luật Thực hiện dân chủ ở cơ sở',
  'kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam',
  'công tác bảo vệ nền tảng tư tưởng của Đảng',
  'phát triển đảng viên và củng cố tổ chức cơ sở đảng',
  'cải cách hành chính, nâng cao chỉ số hài lòng của người dân',
  'bảo đảm trật tự an toàn giao thông',
  'phòng, chống dịch bệnh và chăm sóc sức khỏe Nhân dân',
  'đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030',
  'bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp',
  'giảm nghèo bền vững, bảo đảm an sinh xã hội',
  'xây dựng khu dân cư văn hóa, gia đình văn hóa',
  'bảo vệ môi trường, ứng phó với biến đổi khí hậu',
  'kiểm tra, giám sát của Ủy ban Kiểm tra',
  'tiếp công dân, giải quyết khiếu nại, tố cáo',
];

/** Where a plan stands, with its share of the plans, and the events that brought it there (from the draft). */
const STATES: { state: string; weight: number; road: [event: string, from: string, to: string, by: 'drafter' | 'lead' | 'system'][] }[] = [
  { state: 'draft', weight: 14, road: [] },
  { state: 'consultation', weight: 3, road: [['CIRCULATE', 'draft', 'consultation', 'drafter']] },
  { state: 'review', weight: 6, road: [['SUBMIT', 'draft', 'review', 'drafter']] },
  { state: 'awaitingSignature', weight: 4, road: [['SUBMIT', 'draft', 'review', 'drafter'], ['APPROVE', 'review', 'review', 'lead'], ['APPROVE', 'review', 'awaitingSignature', 'lead']] },
  { state: 'signed', weight: 1, road: [] },
  { state: 'numbered', weight: 1, road: [] },
  { state: 'issued', weight: 8, road: [] },
  { state: 'distributing', weight: 2, road: [] },
  { state: 'distributed', weight: 56, road: [] },
  { state: 'cancelled', weight: 5, road: [['CANCEL', 'draft', 'cancelled', 'drafter']] },
]; // prettier-ignore
// Each state past the signature goes one step further than the one before it.
for (const [i, step] of [
  ['SIGN', 'awaitingSignature', 'signed', 'lead'],
  ['NUMBERED', 'signed', 'numbered', 'system'],
  ['ISSUED', 'numbered', 'issued', 'system'],
  ['DISTRIBUTION_STARTED', 'issued', 'distributing', 'system'],
  ['DISTRIBUTED', 'distributing', 'distributed', 'system'],
].entries()) {
  STATES[4 + i].road = [...STATES[3 + i].road, step as (typeof STATES)[number]['road'][number]];
}
const NUMBERED_STATES = ['numbered', 'issued', 'distributing', 'distributed'];

/** The SQL CASE that maps a bucket 0..99 to a state, by the weights above. */
function stateCase(bucket: string): string {
  let upTo = 0;
  const arms = STATES.map(({ state, weight }) => `WHEN ${bucket} < ${(upTo += weight)} THEN '${state}'`);
  return `CASE ${arms.join(' ')} END`;
}

/** The tables loaded in bulk, whose plain (non-unique) indexes are built after the load. */
const BULK_TABLES = ['plan', 'plan_version', 'audit_event', 'delivery', 'register_entry', 'child_plan'];

type Log = (line: string) => void;
/** Where the statements go: the generation's one transaction. */
type Sql = Pick<EntityManager, 'query'>;

async function timed<T>(log: Log, what: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await work();
  log(`  ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

/** Fills an empty, migrated database (the demo data may be there). */
export async function generateScaleData(source: DataSource, sizes: ScaleSizes, log: Log = console.log): Promise<void> {
  // One transaction: a failed generation leaves the database as it was.
  await source.transaction(async (db) => {
    // A bulk load: the big tables' plain indexes are dropped and built again at the end (one
    // sort each instead of millions of row-by-row insertions; the trigram index above all), and
    // foreign keys are not checked row by row (the rows are consistent by construction). Primary
    // keys and unique constraints stay. The definitions come from the migrated schema itself.
    await db.query(`SET LOCAL session_replication_role = replica`);
    await db.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    const indexes: { name: string; definition: string }[] = await db.query(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
          AND i.indexdef NOT LIKE 'CREATE UNIQUE%'`,
      [BULK_TABLES],
    );
    for (const { name } of indexes) await db.query(`DROP INDEX "${name}"`);
    const [{ password_hash: passwordHash }] = await db.query(`SELECT password_hash FROM app_user ORDER BY username LIMIT 1`);
    await timed(log, 'organizations', () => insertOrganizations(db, sizes));
    await timed(log, 'users and memberships', () => insertPeople(db, passwordHash));
    const templates = await timed(log, 'plan contents (by the application)', () => insertContentTemplates(db));
    await timed(log, `${sizes.plans} plans drawn`, () => insertPlans(db, sizes.plans, templates));
    await timed(log, 'the cascade of one national plan, child plans in proportion, the plan rows', () => insertCascades(db));
    await timed(log, 'content versions', () => insertVersions(db));
    await timed(log, 'registers and their entries', () => insertRegisters(db));
    await timed(log, 'deliveries', () => insertDeliveries(db));
    await timed(log, 'audit trails (hash-chained by the application)', () => insertAuditTrails(db, log));
    await timed(log, `${indexes.length} indexes built again`, async () => {
      for (const { definition } of indexes) await db.query(definition);
    });
    for (const table of ['bench_org', 'bench_template', 'bench_plan', 'bench_child']) await db.query(`DROP TABLE IF EXISTS ${table}`);
  });
  await timed(log, 'VACUUM ANALYZE', () => source.query(`VACUUM ANALYZE`));
}

async function insertOrganizations(db: Sql, sizes: ScaleSizes): Promise<void> {
  const { provinces, districtsPerProvince: dpp, communesPerDistrict: cpd, organizations } = sizes;
  const words = PLACE_WORDS;
  // n → a two-syllable place name, different for neighbours.
  const place = (n: string) =>
    `($1::text[])[1 + (${n}) % ${words.length}] || ' ' || ($1::text[])[1 + ((${n}) / ${words.length} + 7) % ${words.length}]`;
  const insert = (select: string, params: unknown[]) =>
    db.query(
      `INSERT INTO organization (code, family, parent_id, level, full_name, short_name, symbol_abbreviation, place_name, superior_header, header_name, version)
       ${select}`,
      params,
    );
  await insert(
    `SELECT * FROM (VALUES
       ('tw', 'party'::organization_family, NULL::uuid, 1, 'Ban Chấp hành Trung ương Đảng', 'Trung ương', 'TW', 'Hà Nội', NULL, 'BAN CHẤP HÀNH TRUNG ƯƠNG', 1),
       ('cp', 'state'::organization_family, NULL::uuid, 1, 'Chính phủ', 'Chính phủ', 'CP', 'Hà Nội', NULL, 'CHÍNH PHỦ', 1)) AS v`,
    [],
  );
  // Provinces: Tỉnh ủy (Party) and Ủy ban nhân dân tỉnh (State).
  await insert(
    `SELECT 'p' || p || s.suffix, s.family::organization_family, root.id, 2,
            CASE s.family WHEN 'party' THEN 'Tỉnh ủy ' ELSE 'Ủy ban nhân dân tỉnh ' END || ($1::text[])[p],
            CASE s.family WHEN 'party' THEN 'Tỉnh ủy ' ELSE 'UBND tỉnh ' END || ($1::text[])[p],
            CASE s.family WHEN 'party' THEN 'TU' ELSE 'UBND' END, ($1::text[])[p], root.header_name,
            upper(CASE s.family WHEN 'party' THEN 'Tỉnh ủy ' ELSE 'Ủy ban nhân dân tỉnh ' END || ($1::text[])[p]), 1
       FROM generate_series(1, $2::int) p
       CROSS JOIN (VALUES ('party', '', 'tw'), ('state', '-s', 'cp')) AS s(family, suffix, root_code)
       JOIN organization root ON root.code = s.root_code`,
    [PROVINCES.slice(0, provinces).concat(Array.from({ length: Math.max(0, provinces - PROVINCES.length) }, (_, i) => `Tỉnh ${i + 1}`)), provinces],
  );
  await insert(
    `SELECT parent.code || '-d' || d || s.suffix, s.family::organization_family, parent.id, 3,
            CASE s.family WHEN 'party' THEN 'Huyện ủy ' ELSE 'Ủy ban nhân dân huyện ' END || ${place('p * 31 + d')},
            CASE s.family WHEN 'party' THEN 'Huyện ủy ' ELSE 'UBND huyện ' END || ${place('p * 31 + d')},
            CASE s.family WHEN 'party' THEN 'HU' ELSE 'UBND' END, ${place('p * 31 + d')}, parent.header_name,
            upper(CASE s.family WHEN 'party' THEN 'Huyện ủy ' ELSE 'Ủy ban nhân dân huyện ' END || ${place('p * 31 + d')}), 1
       FROM generate_series(1, $2::int) p CROSS JOIN generate_series(1, $3::int) d
       CROSS JOIN (VALUES ('party', ''), ('state', '-s')) AS s(family, suffix)
       JOIN organization parent ON parent.code = 'p' || p || s.suffix`,
    [words, provinces, dpp],
  );
  await insert(
    `SELECT parent.code || '-c' || c || s.suffix, s.family::organization_family, parent.id, 4,
            CASE s.family WHEN 'party' THEN 'Đảng ủy xã ' ELSE 'Ủy ban nhân dân xã ' END || ${place('(p * 31 + d) * 17 + c')},
            CASE s.family WHEN 'party' THEN 'Đảng ủy xã ' ELSE 'UBND xã ' END || ${place('(p * 31 + d) * 17 + c')},
            CASE s.family WHEN 'party' THEN 'ĐU' ELSE 'UBND' END, ${place('(p * 31 + d) * 17 + c')}, parent.header_name,
            upper(CASE s.family WHEN 'party' THEN 'Đảng ủy xã ' ELSE 'Ủy ban nhân dân xã ' END || ${place('(p * 31 + d) * 17 + c')}), 1
       FROM generate_series(1, $2::int) p CROSS JOIN generate_series(1, $3::int) d CROSS JOIN generate_series(1, $4::int) c
       CROSS JOIN (VALUES ('party', ''), ('state', '-s')) AS s(family, suffix)
       JOIN organization parent ON parent.code = 'p' || p || s.suffix || '-d' || d || s.suffix`,
    [words, provinces, dpp, cpd],
  );
  // Party cells (chi bộ thôn, tổ dân phố), round-robin over the communes' Party committees: as
  // many as bring the whole tree (the demo's bodies included) to the planned total.
  const [{ count: before }] = await db.query(`SELECT count(*)::int AS count FROM organization`);
  const cells = Math.max(0, organizations - before);
  await insert(
    `SELECT commune.code || '-b' || n, 'party', commune.id, 5, 'Chi bộ thôn ' || n || ', ' || commune.short_name, 'Chi bộ thôn ' || n,
            'CB', commune.place_name, commune.header_name, upper('Chi bộ thôn ' || n), 1
       FROM (SELECT id, code, short_name, place_name, header_name, row_number() OVER (ORDER BY code) - 1 AS i
               FROM organization WHERE level = 4 AND family = 'party') commune
       JOIN generate_series(0, $1::int - 1) n ON n % (SELECT count(*) FROM organization WHERE level = 4 AND family = 'party') = commune.i`,
    [cells],
  );
}

/** Two people per organization: a drafter, and a leader who reviews, checks the format, signs and keeps the register. */
async function insertPeople(db: Sql, passwordHash: string): Promise<void> {
  await db.query(
    `INSERT INTO app_user (username, full_name, email, password_hash, version)
     SELECT o.code || '.' || r.kind, r.name || ' ' || o.short_name, NULL, $1, 1
       FROM organization o CROSS JOIN (VALUES ('drafter', 'Chuyên viên'), ('lead', 'Lãnh đạo')) AS r(kind, name)
      WHERE o.code NOT LIKE 'bcd%' AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.organization_id = o.id)`,
    [passwordHash],
  );
  await db.query(
    `INSERT INTO membership (user_id, organization_id, roles, position)
     SELECT u.id, o.id,
            (CASE WHEN u.username LIKE '%.drafter' THEN ARRAY['drafter'] ELSE ARRAY['reviewer', 'format_checker', 'signer', 'clerk'] END)::membership_role[],
            CASE WHEN u.username LIKE '%.drafter' THEN 'Chuyên viên' ELSE 'Bí thư' END
       FROM app_user u JOIN organization o ON u.username IN (o.code || '.drafter', o.code || '.lead')
      WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id)`,
  );
  // An inspector of the centre (Ủy ban Kiểm tra Trung ương), auditing both trees: the plans list and search of the whole nation.
  await db.query(
    `INSERT INTO app_user (username, full_name, email, password_hash, version) VALUES ('nation.auditor', 'Kiểm tra viên Trung ương', NULL, $1, 1)`,
    [passwordHash],
  );
  await db.query(
    `INSERT INTO membership (user_id, organization_id, roles, position)
     SELECT u.id, o.id, ARRAY['auditor']::membership_role[], 'Kiểm tra viên'
       FROM app_user u CROSS JOIN organization o WHERE u.username = 'nation.auditor' AND o.code IN ('tw', 'cp')`,
  );
  // Each organization's plans and work, by rank: the centre and the provinces first (the busiest).
  await db.query(`DROP TABLE IF EXISTS bench_org`);
  await db.query(
    `CREATE UNLOGGED TABLE bench_org AS
     SELECT row_number() OVER (ORDER BY o.level, o.code) - 1 AS rank, o.id, o.level, o.family,
            (SELECT id FROM app_user WHERE username = o.code || '.drafter') AS drafter_id,
            (SELECT id FROM app_user WHERE username = o.code || '.lead') AS lead_id
       FROM organization o WHERE EXISTS (SELECT 1 FROM app_user WHERE username = o.code || '.lead')`,
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_org (rank)`);
  await db.query(`CREATE UNIQUE INDEX ON bench_org (id)`);
  await db.query(`ANALYZE bench_org`);
}

/** K distinct contents, each made valid, canonical, hashed and folded by the application's own functions. */
async function insertContentTemplates(db: Sql): Promise<number> {
  const rows: { summary: string; search: string; content: string; sha: string }[] = [];
  for (const action of ACTIONS) {
    for (const topic of TOPICS) {
      for (let year = 2023; year <= 2027; year++) {
        const summary = `${action} ${topic} năm ${year}`.normalize('NFC');
        const content = canonicalContent(planContent({ summary }));
        rows.push({ summary, search: searchTextOf(content), content: JSON.stringify(content), sha: contentSha256(content) });
      }
    }
  }
  await db.query(`DROP TABLE IF EXISTS bench_template`);
  await db.query(
    `CREATE UNLOGGED TABLE bench_template AS
     SELECT (k - 1)::int AS k, summary, search, content::jsonb AS content, sha
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(summary, search, content, sha, k)`,
    [rows.map((r) => r.summary), rows.map((r) => r.search), rows.map((r) => r.content), rows.map((r) => r.sha)],
  );
  return rows.length;
}

/**
 * The plans: an organization drawn with a skew towards the top of the tree (rank ~ u³: the
 * centre and a few provinces issue thousands, a commune a handful), a state by the weights, a
 * creation date over three years. Numbered plans carry their number, symbol and signature.
 */
async function insertPlans(db: Sql, count: number, templates: number): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS bench_plan`);
  await db.query(
    `CREATE UNLOGGED TABLE bench_plan AS
     SELECT n, gen_random_uuid() AS id, o.id AS organization_id, o.family::text AS family, o.drafter_id, o.lead_id, n % $2 AS k,
            ${stateCase('(hashint4(n) & 2147483647) % 100')} AS state,
            now() - make_interval(days => (n % 1095), secs => n % 86400) AS created_at, NULL::uuid AS parent_id, 0 AS level
       FROM generate_series(1, $1::int) n
       JOIN bench_org o ON o.rank = floor((SELECT count(*) FROM bench_org) * power(((hashint8(n::bigint * 7919) & 2147483647) % 1000000) / 1000000.0, 3))`,
    [count, templates],
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_plan (id)`);
  await db.query(`ANALYZE bench_plan`);
}

/**
 * The plan rows of bench_plan, in one statement. Numbered plans carry their number (from 1 in
 * each organization and year), symbol as the numbering writes it (12-KH/TU, 12/KH-UBND),
 * signature and PDF hash; child plans their parent and due date.
 */
async function insertPlanRows(db: Sql): Promise<void> {
  const numbered = NUMBERED_STATES.map((s) => `'${s}'`).join(', ');
  await db.query(
    `INSERT INTO plan (id, organization_id, document_type, state, current_version, submitted_version, draft_round, summary, search_text,
                       created_by_id, number, number_symbol, issued_on, signed_at, signed_by_id, pdf_sha256, parent_plan_id, due_date,
                       created_at, updated_at, row_version)
     SELECT b.id, b.organization_id, 'KH', b.state, 1 + (b.n % 3 = 0)::int,
            CASE WHEN b.state IN ('draft', 'consultation', 'cancelled') THEN NULL ELSE 1 + (b.n % 3 = 0)::int END, 1,
            t.summary, t.search, b.drafter_id, b.number,
            CASE WHEN b.family = 'party' THEN b.number || '-KH/' || o.symbol_abbreviation ELSE b.number || '/KH-' || o.symbol_abbreviation END,
            CASE WHEN b.number IS NOT NULL THEN (b.created_at + interval '3 days')::date END,
            CASE WHEN b.state IN ('signed', ${numbered}) THEN b.created_at + interval '2 days' END,
            CASE WHEN b.state IN ('signed', ${numbered}) THEN b.lead_id END,
            CASE WHEN b.number IS NOT NULL THEN encode(sha256(b.id::text::bytea), 'hex') END,
            b.parent_id, CASE WHEN b.parent_id IS NOT NULL THEN (b.created_at + interval '30 days')::date END,
            b.created_at, b.created_at + interval '4 days', 1
       FROM (SELECT *, CASE WHEN state IN (${numbered})
                            THEN row_number() OVER (PARTITION BY organization_id, state IN (${numbered}), extract(year FROM created_at) ORDER BY created_at, n)
                       END AS number
               FROM bench_plan) b
       JOIN bench_template t ON t.k = b.k JOIN organization o ON o.id = b.organization_id`,
  );
}

/**
 * One national plan of the Central Committee, implemented by every Party committee below it
 * (province → district → commune: ~11,000 descendants), and, in proportion, each province's
 * distributed plans of one topic implemented by its districts.
 */
async function insertCascades(db: Sql): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS bench_child`);
  await db.query(
    `CREATE UNLOGGED TABLE bench_child (n bigint, id uuid, organization_id uuid, family text, drafter_id uuid, lead_id uuid, k int,
                                         state text, created_at timestamptz, parent_id uuid, level int)`,
  );
  const [root] = await db.query(
    `SELECT b.id FROM bench_plan b JOIN organization o ON o.id = b.organization_id WHERE o.code = 'tw' AND b.state = 'distributed' ORDER BY b.n LIMIT 1`,
  );
  // Level by level down the Party tree: each child plan of a committee's plan, at each committee below it.
  await db.query(
    `INSERT INTO bench_child SELECT 0, b.id, b.organization_id, b.family, b.drafter_id, b.lead_id, b.k, b.state, b.created_at, NULL, 1
       FROM bench_plan b WHERE b.id = $1`,
    [root.id],
  );
  for (const level of [2, 3, 4]) {
    await db.query(
      `INSERT INTO bench_child
       SELECT 1100000000 + row_number() OVER (), gen_random_uuid(), o.id, o.family, o.drafter_id, o.lead_id, parent.k,
              CASE WHEN $1 < 4 THEN 'distributed' ELSE (ARRAY['draft', 'review', 'awaitingSignature', 'issued', 'distributed'])[1 + (row_number() OVER ()) % 5] END,
              parent.created_at + interval '10 days', parent.id, $1
         FROM bench_child parent JOIN organization child ON child.parent_id = parent.organization_id AND child.level = $1 AND child.family = 'party'
         JOIN bench_org o ON o.id = child.id
        WHERE parent.level = $1 - 1`,
      [level],
    );
  }
  // In proportion: a tenth of the provinces' distributed plans, each implemented by the province's districts.
  await db.query(
    `INSERT INTO bench_child
     SELECT 1600000000 + row_number() OVER (), gen_random_uuid(), o.id, o.family, o.drafter_id, o.lead_id, b.k,
            (ARRAY['draft', 'review', 'issued', 'distributed'])[1 + (row_number() OVER ()) % 4], b.created_at + interval '10 days', b.id, 9
       FROM bench_plan b JOIN organization parent ON parent.id = b.organization_id AND parent.level = 2
       JOIN organization child ON child.parent_id = parent.id
       JOIN bench_org o ON o.id = child.id
      WHERE b.state = 'distributed' AND b.n % 10 = 0`,
  );
  await db.query(`DELETE FROM bench_child WHERE parent_id IS NULL`);
  await db.query(`ANALYZE bench_child`);
  await db.query(
    `INSERT INTO bench_plan (n, id, organization_id, family, drafter_id, lead_id, k, state, created_at, parent_id, level)
     SELECT n, id, organization_id, family, drafter_id, lead_id, k, state, created_at, parent_id, level FROM bench_child`,
  );
  await db.query(`ANALYZE bench_plan`);
  await insertPlanRows(db);
  await db.query(`ANALYZE plan`);
  await db.query(
    `INSERT INTO child_plan (plan_id, parent_plan_id, organization_id, recipient_id, due_date, assigned_items, created_at)
     SELECT b.id, b.parent_id, b.organization_id, NULL, (b.created_at + interval '30 days')::date, '[]', b.created_at FROM bench_child b`,
  );
}

/** Version 1 of every plan, and a version 2 for a third of them (the content as the application canonicalised it). */
async function insertVersions(db: Sql): Promise<void> {
  await db.query(
    `INSERT INTO plan_version (plan_id, version, content, content_sha256, author_id, created_at)
     SELECT b.id, v, t.content, t.sha, b.drafter_id, b.created_at + make_interval(hours => v - 1)
       FROM bench_plan b JOIN bench_template t ON t.k = b.k CROSS JOIN generate_series(1, 1 + (b.n % 3 = 0)::int) v`,
  );
}

async function insertRegisters(db: Sql): Promise<void> {
  await db.query(
    `INSERT INTO register (organization_id, document_type, period)
     SELECT DISTINCT p.organization_id, NULL::varchar, (CASE o.family WHEN 'party' THEN 'term' ELSE 'year' END)::register_period
       FROM plan p JOIN organization o ON o.id = p.organization_id
      WHERE p.number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM register r WHERE r.organization_id = p.organization_id)`,
  );
  await db.query(
    `INSERT INTO register_entry (register_id, period_key, number, number_symbol, plan_id, organization_id, document_type, issued_on, summary,
                                 signer, recipients, archive_unit, copies, assigned_at)
     SELECT r.id, extract(year FROM p.created_at)::text, p.number, p.number_symbol, p.id, p.organization_id, 'KH', p.issued_on, p.summary,
            u.full_name, 'Như trên', 'Văn phòng', 3, p.signed_at + interval '1 hour'
       FROM plan p JOIN register r ON r.organization_id = p.organization_id AND r.document_type IS NULL
       JOIN app_user u ON u.id = p.signed_by_id
      WHERE p.number IS NOT NULL`,
  );
}

/** Issued plans go to their superior's inbox and to two bodies by e-mail; distributed ones have arrived. */
async function insertDeliveries(db: Sql): Promise<void> {
  await db.query(
    `INSERT INTO delivery (plan_id, recipient_id, recipient_name, channel, target, organization_id, status, attempts, sent_at, delivered_at, created_at, updated_at, row_version)
     SELECT p.id, 'r' || r, CASE r WHEN 1 THEN coalesce(up.full_name, 'Lưu Văn phòng') ELSE 'Văn phòng cơ quan ' || r END,
            (CASE r WHEN 1 THEN 'inbox' ELSE 'email' END)::delivery_channel,
            CASE r WHEN 1 THEN coalesce(up.id::text, o.id::text) ELSE 'vanphong' || r || '@' || o.code || '.gov.vn' END,
            CASE r WHEN 1 THEN coalesce(up.id, o.id) END,
            (CASE p.state WHEN 'distributed' THEN 'delivered' WHEN 'distributing' THEN (ARRAY['queued', 'sent', 'delivered'])[r] ELSE 'queued' END)::delivery_status,
            CASE p.state WHEN 'issued' THEN 0 ELSE 1 END,
            CASE WHEN p.state <> 'issued' THEN p.updated_at END, CASE WHEN p.state = 'distributed' THEN p.updated_at END,
            p.updated_at, p.updated_at, 1
       FROM plan p JOIN organization o ON o.id = p.organization_id LEFT JOIN organization up ON up.id = o.parent_id
       CROSS JOIN generate_series(1, 3) r
      WHERE p.state IN ('issued', 'distributing', 'distributed')`,
  );
}

const AUDIT_COLUMNS: [name: keyof HashedFields | 'id' | 'hash', type: string][] = [
  ['id', 'uuid'], ['stream', 'text'], ['seq', 'int'], ['planId', 'uuid'], ['organizationId', 'uuid'], ['actorId', 'uuid'],
  ['actorName', 'text'], ['at', 'timestamptz'], ['event', 'text'], ['fromState', 'text'], ['toState', 'text'], ['reason', 'text'],
  ['contentVersion', 'int'], ['contentSha256', 'text'], ['requestId', 'text'], ['data', 'jsonb'], ['prevHash', 'text'], ['hash', 'text'],
]; // prettier-ignore

/**
 * Each plan's trail as the application writes it: CREATED, then the events of its road, each
 * row hashed with the one before it by the application's auditHash. Read and written in
 * batches (keyset on the plan id), inserted through unnest: one statement per batch.
 */
async function insertAuditTrails(db: Sql, log: Log): Promise<void> {
  const roads = new Map(STATES.map((s) => [s.state, s.road]));
  const columns = AUDIT_COLUMNS.map(([name]) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const jsonbAt = AUDIT_COLUMNS.findIndex(([, type]) => type === 'jsonb');
  const insert =
    `INSERT INTO audit_event (${columns.join(', ')}) SELECT ${columns.map((_, i) => (i === jsonbAt ? `c${i}::jsonb` : `c${i}`)).join(', ')} ` +
    `FROM unnest(${AUDIT_COLUMNS.map(([, type], i) => `$${i + 1}::${type === 'jsonb' ? 'text' : type}[]`).join(', ')}) ` +
    `AS u(${columns.map((_, i) => `c${i}`).join(', ')})`;
  let after = '00000000-0000-0000-0000-000000000000';
  let written = 0;
  for (;;) {
    const plans: {
      id: string;
      organization_id: string;
      state: string;
      created_at: Date;
      drafter_id: string;
      drafter: string;
      lead_id: string;
      lead: string;
      sha: string;
      versions: number;
    }[] = await db.query(
      `SELECT b.id, b.organization_id, b.state, b.created_at, b.drafter_id, d.full_name AS drafter, b.lead_id, l.full_name AS lead, t.sha,
              1 + (b.n % 3 = 0)::int AS versions
         FROM bench_plan b JOIN bench_template t ON t.k = b.k JOIN app_user d ON d.id = b.drafter_id JOIN app_user l ON l.id = b.lead_id
        WHERE b.id > $1 ORDER BY b.id LIMIT 10000`,
      [after],
    );
    if (!plans.length) break;
    after = plans[plans.length - 1].id;
    const batch: unknown[][] = AUDIT_COLUMNS.map(() => []);
    for (const plan of plans) {
      const stream = `plan:${plan.id}`;
      let prevHash: string | null = null;
      let seq = 0;
      const at = new Date(plan.created_at);
      const append = (event: string, fromState: string, toState: string, by: 'drafter' | 'lead' | 'system', data: Record<string, unknown>) => {
        const actor =
          by === 'system'
            ? SYSTEM_AUDIT_ACTOR
            : { id: by === 'drafter' ? plan.drafter_id : plan.lead_id, fullName: by === 'drafter' ? plan.drafter : plan.lead };
        const version = Math.min(seq + 1, plan.versions);
        const row: HashedFields = {
          stream,
          seq: ++seq,
          planId: plan.id,
          organizationId: plan.organization_id,
          actorId: actor.id,
          actorName: actor.fullName,
          at: new Date(at.getTime() + seq * 3_600_000),
          event,
          fromState,
          toState,
          reason: event === 'CANCEL' ? 'Không còn phù hợp với tình hình thực tế' : null,
          contentVersion: version,
          contentSha256: plan.sha,
          requestId: null,
          data,
          prevHash,
        };
        const hash = auditHash(row);
        const full = { ...row, id: randomUUID(), hash } as Record<string, unknown>;
        AUDIT_COLUMNS.forEach(([name], i) => batch[i].push(i === jsonbAt ? JSON.stringify(full[name]) : full[name]));
        prevHash = hash;
      };
      append('CREATED', 'draft', 'draft', 'drafter', {});
      if (plan.versions > 1) append('CONTENT_SAVED', 'draft', 'draft', 'drafter', {});
      for (const [event, from, to, by] of roads.get(plan.state) ?? []) {
        append(event, from, to, by, event === 'SUBMIT' ? { round: 1, submittedVersion: plan.versions } : {});
      }
    }
    await db.query(insert, batch);
    written += batch[0].length;
    if (written % 500_000 < batch[0].length) log(`    ${written} audit rows`);
  }
}
