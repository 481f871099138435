import { Inject, Injectable } from '@nestjs/common';
import { DOCUMENT_STORE, DocumentStore } from '@app/rendering';
import { DistributionError, DistributionErrorCode } from '../distribution.error';
import { IssuedPdfReader } from '../distribution.ports';

/** The issued PDF from the rendering domain's content-addressed store. */
@Injectable()
export class StoredPdfReader extends IssuedPdfReader {
  constructor(@Inject(DOCUMENT_STORE) private readonly store: DocumentStore) {
    super();
  }

  async read(sha256: string): Promise<Buffer> {
    const bytes = await this.store.get(sha256);
    if (!bytes)
      throw new DistributionError(DistributionErrorCode.PdfMissing, `Không tìm thấy bản PDF đã ban hành (${sha256.slice(0, 12)}…) trong kho`);
    return bytes;
  }
}
