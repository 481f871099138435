import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { IdentityModule } from '@app/identity';
import { PlansModule } from '@app/plans';
import { PlanDocumentsController } from './controllers/plan-documents.controller';
import { IssuedDocumentService } from './services/issued-document.service';
import { PlanDocumentsService } from './services/plan-documents.service';
import { RenderingService } from './services/rendering.service';
import { PkiDemoLoader } from './signing/pki-demo.loader';
import { PkiService } from './signing/pki.service';
import { SignerKeyService } from './signing/signer-key.service';
import { StampImageService } from './signing/stamp-image.service';
import { DatabaseDocumentStore, DOCUMENT_STORE, LocalDiskDocumentStore } from './storage/document-store';

/** Documents: templates, the browser pool, PAdES signing and the store of issued PDFs. */
@Module({
  imports: [IdentityModule, PlansModule],
  controllers: [PlanDocumentsController],
  providers: [
    RenderingService,
    PkiService,
    SignerKeyService,
    StampImageService,
    PkiDemoLoader,
    IssuedDocumentService,
    PlanDocumentsService,
    {
      provide: DOCUMENT_STORE,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) =>
        config.documentStore === 'directory' ? new LocalDiskDocumentStore(config.documentsDir) : new DatabaseDocumentStore(dataSource),
    },
  ],
  exports: [RenderingService, PkiService, SignerKeyService, StampImageService, PkiDemoLoader, IssuedDocumentService, DOCUMENT_STORE],
})
export class RenderingModule {}
