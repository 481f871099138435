import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { RenderingModule } from '@app/rendering';
import { DropCheckProblemFilter, DroppedPdfInterceptor } from './controllers/drop-check';
import { VerificationController } from './controllers/verification.controller';
import { VerificationPageRenderer } from './controllers/verification-page.renderer';
import { VerificationRateLimitGuard } from './controllers/verification-rate-limit.guard';
import { PlanVerification } from './entities/plan-verification.entity';
import { VerificationRequestCount } from './entities/verification-request-count.entity';
import { VerificationCodesService } from './services/verification-codes.service';
import { VerificationRateLimitService } from './services/verification-rate-limit.service';
import { VerificationService } from './services/verification.service';

/**
 * Public verification of issued documents: each plan's code (printed with a QR code on the
 * last page by the issuance), the page `/v/<code>` anyone may open, the drop check, the rate limit.
 */
@Module({
  imports: [
    RenderingModule,
    TypeOrmModule.forFeature([PlanVerification, VerificationRequestCount]),
    // The dropped PDF stays in memory (no storage option: multer keeps it in a buffer) and stops at the configured size (413).
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.verificationUploadMaxBytes, files: 1, fields: 5, parts: 6 } }),
    }),
  ],
  controllers: [VerificationController],
  providers: [
    VerificationCodesService,
    VerificationService,
    VerificationRateLimitService,
    VerificationRateLimitGuard,
    DroppedPdfInterceptor,
    VerificationPageRenderer,
    DropCheckProblemFilter,
  ],
  exports: [VerificationCodesService, VerificationService],
})
export class VerificationModule {}
