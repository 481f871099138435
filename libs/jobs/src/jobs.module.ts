import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { JobsService } from './jobs.service';

/** The durable job queue and the application's clock, for every domain. */
@Global()
@Module({
  providers: [Clock, JobsService],
  exports: [Clock, JobsService],
})
export class JobsModule {}
