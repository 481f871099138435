import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { IdentityModule } from '@app/identity';
import { PlansModule } from '@app/plans';
import { ImportFileInterceptor, PlanImportController } from './controllers/plan-import.controller';
import { PlanImportReport } from './entities/plan-import-report.entity';
import { PlanExportService } from './services/plan-export.service';
import { PlanImportService } from './services/plan-import.service';

/** Plans from Word, Markdown and text files (with their import report), and plans to Word. */
@Module({
  imports: [
    IdentityModule,
    PlansModule,
    TypeOrmModule.forFeature([PlanImportReport]),
    // Uploads stay in memory and stop at the configured size (multer answers 413).
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.importMaxBytes, files: 1, fields: 20 } }),
    }),
  ],
  controllers: [PlanImportController],
  providers: [PlanImportService, PlanExportService, ImportFileInterceptor],
  // The upload limits go with the interceptor wherever a page uses it.
  exports: [PlanImportService, PlanExportService, ImportFileInterceptor, MulterModule],
})
export class ImportingModule {}
