import { Injectable } from '@nestjs/common';
import { Actor, DomainError, FieldProblem } from '@app/common';
import { PlansService } from '@app/plans';
import { PlanEventDto, WorkflowService } from '@app/workflow';
import { FormBody, text, validateForm } from '../forms';
import { anchorLabels } from './plan-workflow-views.service';
import { eventFromForm, eventLabel } from './plan-event-form';

const DONE: Record<string, string> = {
  SUBMIT: 'Đã trình duyệt dự thảo.',
  CIRCULATE: 'Đã gửi xin ý kiến.',
  COMMENT: 'Đã gửi góp ý.',
  NO_COMMENT: 'Đã trả lời: không có ý kiến.',
  RESOLVE_COMMENT: 'Đã ghi tiếp thu, giải trình.',
  APPROVE: 'Đã duyệt.',
  RETURN: 'Đã trả lại dự thảo cho người soạn thảo, kèm lý do.',
  SIGN: 'Đã ký. Hệ thống đang cấp số, ban hành và gửi văn bản.',
  ISSUE: 'Đã cấp số. Hệ thống đang ghi số, ngày, đóng dấu, ký số của cơ quan và gửi văn bản.',
  REFUSE_ISSUE: 'Đã từ chối cấp số, trả lại người ký kèm lý do.',
  WITHDRAW: 'Đã rút lại dự thảo.',
  CANCEL: 'Đã hủy kế hoạch.',
  REVOKE: 'Đã thu hồi văn bản. Hệ thống đang thông báo thu hồi đến mọi nơi đã nhận.',
};

const SIGNED_FOR_THE_DESK = 'Đã ký. Văn bản đã chuyển đến văn thư để cấp số, đóng dấu và ban hành.';

/** A submission on the short road (a correction notice) goes straight to the signer. */
const SUBMITTED_FOR_SIGNATURE = 'Đã trình ký. Văn bản không qua các bước duyệt, đã chuyển thẳng đến người ký.';

/** What the person is told: the state reached says more than the event after a signature and after a short road's submission. */
function doneMessage(event: string, toState: string): string {
  if (toState === 'awaitingIssue') return SIGNED_FOR_THE_DESK;
  if (event === 'SUBMIT' && toState === 'awaitingSignature') return SUBMITTED_FOR_SIGNATURE;
  return DONE[event] ?? 'Đã thực hiện.';
}

/** Where a person goes after an event: the progress after a signature or an issue; their work when the plan leaves their hands. */
const AFTER: Partial<Record<string, (id: string) => string>> = {
  SIGN: (id) => `/plans/${id}/progress`,
  ISSUE: (id) => `/plans/${id}/progress`,
  // A consultee from another body may no longer read the draft once the round closes.
  COMMENT: () => '/',
  NO_COMMENT: () => '/',
  REFUSE_ISSUE: () => '/',
};

export type EventOutcome = { ok: true; message: string; redirect: string } | { ok: false; message: string; details: string[] };

/** Sends an event posted by a web form through the workflow service, and says what happened in Vietnamese. */
@Injectable()
export class PlanEventsWebService {
  constructor(
    private readonly plans: PlansService,
    private readonly workflow: WorkflowService,
  ) {}

  async send(actor: Actor, id: string, body: FormBody, requestId?: string): Promise<EventOutcome> {
    try {
      const plan = await this.plans.get(actor, id);
      const labels = Object.fromEntries(anchorLabels(plan.content, plan.family).map((a) => [a.id, a.label]));
      const dto = await validateForm(PlanEventDto, eventFromForm(body, labels));
      const rowVersion = Number.parseInt(text(body, 'rowVersion'), 10);
      const key = text(body, 'key');
      const result = await this.workflow.apply(actor, id, dto, {
        ifMatch: Number.isInteger(rowVersion) ? rowVersion : undefined,
        idempotencyKey: /^[\w.:-]{1,200}$/.test(key) ? key : undefined,
        requestId,
      });
      // A consultee from another body may no longer read the draft once the round closes: back to their work.
      const redirect = AFTER[dto.type]?.(id) ?? `/plans/${id}`;
      const message = doneMessage(result.body.event, result.body.toState);
      return { ok: true, message, redirect };
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'refused', 'conflict'].includes(error.kind)) throw error;
      const details = ((error.details.errors ?? []) as FieldProblem[]).map((p) => p.message.replace(/^[\w.]+: /, ''));
      const allowed = (error.details.allowedEvents ?? []) as string[];
      if (error.kind === 'refused') {
        details.push(
          allowed.length
            ? `Việc bạn có thể làm lúc này: ${allowed.map(eventLabel).join(', ')}.`
            : 'Lúc này bạn không có việc nào cần làm với kế hoạch này.',
        );
      }
      return { ok: false, message: `Không thực hiện được: ${error.message}`, details };
    }
  }
}
