import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { AuditModule } from '@app/audit';
import { CascadeModule } from '@app/cascade';
import { CorrectionsModule } from '@app/corrections';
import { DbModule } from '@app/db';
import { DistributionModule } from '@app/distribution';
import { IdentityModule } from '@app/identity';
import { ImportingModule } from '@app/importing';
import { JobsModule } from '@app/jobs';
import { MetricsModule } from '@app/metrics';
import { IssuanceModule } from '@app/issuance';
import { NumberingModule } from '@app/numbering';
import { PlansModule } from '@app/plans';
import { RenderingModule } from '@app/rendering';
import { VerificationModule } from '@app/verification';
import { WorkflowModule } from '@app/workflow';
import { HealthController } from './health.controller';
import { ImportPageController } from './web/import/import-page.controller';
import { WebModule } from './web/web.module';

/** The application: one module per domain, wired with the validated configuration. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DbModule,
        JobsModule,
        MetricsModule,
        AuditModule,
        IdentityModule,
        PlansModule,
        WorkflowModule,
        RenderingModule,
        NumberingModule,
        IssuanceModule,
        VerificationModule,
        DistributionModule,
        CascadeModule,
        CorrectionsModule,
        ImportingModule,
        WebModule,
      ],
      // The import page lives with the web UI but is wired here, beside its module.
      controllers: [HealthController, ImportPageController],
    };
  }
}
