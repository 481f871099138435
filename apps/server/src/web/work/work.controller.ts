import { Controller, Get, Render } from '@nestjs/common';
import { Actor, CurrentActor } from '@app/common';
import { WebPage } from '../web-page';
import { MyWorkService } from './my-work.service';

/** The start page after sign-in: "Việc cần làm". */
@WebPage()
@Controller()
export class WorkController {
  constructor(private readonly work: MyWorkService) {}

  @Get()
  @Render('work')
  myWork(@CurrentActor() actor: Actor) {
    return this.work.forActor(actor);
  }
}
