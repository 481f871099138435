import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/common';
import { RenderingService } from '@app/rendering';

/** The element of views/partials/plan-document.hbs that holds the document. */
export const DOCUMENT_SCOPE = '.paper-sheet';

/** The stylesheet of the document preview: the PDF's own fonts and styles (no sign-in needed, like /static). */
@ApiExcludeController()
@Controller()
export class DocumentStylesController {
  constructor(private readonly rendering: RenderingService) {}

  @Public()
  @Get('document.css')
  styles(@Res() res: Response): void {
    res.type('text/css; charset=utf-8').set('Cache-Control', 'public, max-age=3600').send(this.rendering.webCss(DOCUMENT_SCOPE));
  }
}
