import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FormerNoticeRoutesController } from './controllers/former-notice-routes.controller';
import { InboxController } from './controllers/inbox.controller';
import { InboxNotice } from './entities/inbox-notice.entity';
import { InboxService } from './services/inbox.service';

/**
 * One inbox per person: the notices of the workflow, the distribution and the cascade in one
 * table with one API. Low in the graph (it knows people and plans only), so every domain that
 * tells somebody something imports it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([InboxNotice])],
  controllers: [InboxController, FormerNoticeRoutesController],
  providers: [InboxService],
  exports: [InboxService],
})
export class InboxModule {}
