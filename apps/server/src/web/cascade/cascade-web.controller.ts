import { Controller, Get, Param, ParseUUIDPipe, Render } from '@nestjs/common';
import { Actor, CurrentActor } from '@app/common';
import { WebPage } from '../web-page';
import { CascadeViewsService } from './cascade-views.service';

/** The cascade tree of a plan: the implementing plans below it, level by level. */
@WebPage()
@Controller('plans')
export class CascadeWebController {
  constructor(private readonly views: CascadeViewsService) {}

  @Get(':id/cascade')
  @Render('cascade/tree')
  tree(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.treePage(actor, id);
  }
}
