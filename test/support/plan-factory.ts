import request from 'supertest';
import type { PlanContent } from '@app/plans';
import { archiveRecipient, recipientLine } from '@app/plans';
import type { TestApp } from './test-app';

let counter = 0;

/** A small, valid, format-clean plan content; override what a test is about. */
export function planContent(overrides: Partial<PlanContent> = {}): PlanContent {
  const n = ++counter;
  return {
    schemaVersion: 1,
    documentType: 'KH',
    summary: `thực hiện dân chủ ở cơ sở năm 2024 (mẫu ${n})`,
    place: null,
    preamble: {
      paragraphs: ['Thực hiện Kế hoạch số 04-KH/BCĐ ngày 24/01/2024 của Ban Chỉ đạo, Ban Chỉ đạo xây dựng kế hoạch như sau:'],
      references: [],
    },
    parts: [
      { id: 'p1', title: 'MỤC ĐÍCH, YÊU CẦU', children: [{ kind: 'paragraph', id: 'p1-a', text: 'Phát huy quyền làm chủ của Nhân dân.' }] },
      {
        id: 'p2',
        title: 'NỘI DUNG',
        children: [
          {
            kind: 'item',
            id: 'i1',
            heading: 'Công tác tuyên truyền',
            text: null,
            task: null,
            children: [
              {
                kind: 'item',
                id: 't1',
                heading: null,
                text: 'Tổ chức quán triệt Luật Thực hiện dân chủ ở cơ sở.',
                task: {
                  directedBy: 'Đồng chí Trưởng Ban',
                  carriedOutBy: 'Ban Tuyên giáo',
                  assigneeOrganizationIds: [],
                  timeframe: { kind: 'quarter', quarters: [2], year: 2024, text: null },
                },
                children: [],
              },
              {
                kind: 'item',
                id: 't2',
                heading: null,
                text: 'Kiểm tra, giám sát việc thực hiện.',
                task: {
                  directedBy: null,
                  carriedOutBy: 'Các thành viên Ban Chỉ đạo',
                  assigneeOrganizationIds: [],
                  timeframe: { kind: 'ongoing', text: null },
                },
                children: [],
              },
            ],
          },
        ],
      },
      {
        id: 'p3',
        title: 'TỔ CHỨC THỰC HIỆN',
        children: [{ kind: 'paragraph', id: 'p3-a', text: 'Các cấp ủy báo cáo kết quả trước ngày 15/6/2024.' }],
      },
    ],
    closing: [],
    appendices: [],
    reportingDuties: [
      {
        id: 'd1',
        what: 'kết quả thực hiện 6 tháng',
        period: '6 tháng',
        deadline: '2024-06-15',
        to: 'Ban Chỉ đạo',
        toOrganizationId: null,
        reporterOrganizationIds: [],
      },
    ],
    recipients: [
      recipientLine('r1', 'Ban Thường vụ Đảng ủy Khối', { purpose: 'report' }),
      recipientLine('r2', 'Website ĐUK', { purpose: 'inform' }),
      archiveRecipient('r3', 'VP, BTGĐUK'),
    ],
    signature: { capacityLines: ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'], signerName: 'Bùi Quang Nhựt', signerUserId: null, authorityId: null },
    footnotes: [],
    ...overrides,
  };
}

/** Creates a draft through the API as the given drafter and returns its id. */
export async function createPlan(t: TestApp, username: string, content: PlanContent = planContent(), organizationId?: string): Promise<string> {
  const res = await request(t.http)
    .post('/api/plans')
    .set('Authorization', `Bearer ${await t.token(username)}`)
    .send({ content, ...(organizationId ? { organizationId } : {}) });
  if (res.status !== 201) throw new Error(`create plan failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
