import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor } from '@app/common';
import { CorrectionItemDto, CorrectionsService, CreateCorrectionDto } from '@app/corrections';
import { documentTypeName, PlansService } from '@app/plans';
import { FormBody, submitForm, text, validateForm } from '../forms';
import { WebPage } from '../web-page';

/** A repeated field's values in order, blanks kept: row i of the form is the i-th of each. */
function column(body: FormBody, name: string): string[] {
  const value = body[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.replace(/\r\n?/g, '\n'));
}

const EMPTY_ROW: CorrectionItemDto = { where: '', wrong: '', right: '' };

/**
 * "Soạn văn bản đính chính": the form of items (Vị trí, Đã in là, Nay sửa lại là) with rows added
 * and removed by the server (no script needed), then the notice's draft through the same service
 * as the API; its road is then the plan's own page.
 */
@WebPage()
@Controller('plans')
export class CorrectionsWebController {
  constructor(
    private readonly corrections: CorrectionsService,
    private readonly plans: PlansService,
  ) {}

  @Get(':id/corrections/new')
  @Render('corrections/new')
  async form(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.corrections.assertMayDraft(actor, id);
    return this.page(actor, id, [EMPTY_ROW], '');
  }

  @Post(':id/corrections')
  async submit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    // Who asks is decided before what they typed: a stranger learns nothing from the form's answers.
    await this.corrections.assertMayDraft(actor, id);
    const [wheres, wrongs, rights] = [column(body, 'where'), column(body, 'wrong'), column(body, 'right')];
    let rows: CorrectionItemDto[] = wheres.map((where, i) => ({ where, wrong: wrongs[i] ?? '', right: rights[i] ?? '' }));
    const summary = text(body, 'summary');
    const op = text(body, 'op');
    if (op === 'add' || op.startsWith('remove-')) {
      if (op === 'add') rows = [...rows, EMPTY_ROW];
      else rows = rows.filter((_, i) => `remove-${i}` !== op);
      res.status(200).render('corrections/new', await this.page(actor, id, rows.length ? rows : [EMPTY_ROW], summary, rows.length));
      return;
    }
    return submitForm(req, res, {
      run: async () => this.corrections.create(actor, id, await validateForm(CreateCorrectionDto, { items: rows, ...(summary ? { summary } : {}) })),
      success: (notice) => ({
        redirect: notice.link,
        flash: 'Đã tạo dự thảo văn bản đính chính. Kiểm tra nội dung rồi trình ký: văn bản đính chính không qua các bước duyệt.',
      }),
      view: 'corrections/new',
      model: () => this.page(actor, id, rows.length ? rows : [EMPTY_ROW], summary),
      labels: Object.fromEntries(
        rows.flatMap((_, i) => [
          [`items.${i}.where`, `Dòng ${i + 1}, vị trí`],
          [`items.${i}.wrong`, `Dòng ${i + 1}, đã in là`],
          [`items.${i}.right`, `Dòng ${i + 1}, nay sửa lại là`],
        ]),
      ),
    });
  }

  private async page(actor: Actor, id: string, rows: CorrectionItemDto[], summary: string, focusRow?: number) {
    const plan = await this.plans.get(actor, id);
    const typeName = documentTypeName(plan.documentType);
    return {
      title: `Đính chính ${typeName.toLocaleLowerCase('vi')} số ${plan.numberSymbol ?? ''}`,
      plan: { ...plan, typeName },
      noticeName: plan.family === 'party' ? 'Thông báo đính chính' : 'Công văn đính chính',
      rows: rows.map((row, index) => ({
        ...row,
        index,
        number: index + 1,
        autofocus: focusRow !== undefined && index === Math.min(focusRow, rows.length - 1),
      })),
      canRemove: rows.length > 1,
      summary,
    };
  }
}
