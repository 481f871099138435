import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Put, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, LimitedFileInterceptor } from '@app/common';
import { StampUploadsService, UploadedStamp } from '../services/stamp-uploads.service';

/** A scan of a seal at 600 dpi fits in 1 MB; the picture's own limits are checked by the rendering module. */
export const STAMP_IMAGE_MAX_BYTES = 1024 * 1024;
export class StampImageInterceptor extends LimitedFileInterceptor('file', 'Ảnh quá lớn: tối đa 1 MB', STAMP_IMAGE_MAX_BYTES) {}

function png(buffer: Buffer): StreamableFile {
  return new StreamableFile(buffer, { type: 'image/png', length: buffer.length });
}

/** `PUT|GET /api/authorities/:id/signature-image`: the signer's blue signature image (multipart: file). */
@ApiTags('issuance')
@ApiBearerAuth()
@Controller('api/authorities')
export class SignatureImageController {
  constructor(private readonly stamps: StampUploadsService) {}

  @Put(':id/signature-image')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ description: 'the picture printed from now on between the capacity lines and the name' })
  @UseInterceptors(StampImageInterceptor)
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ): Promise<UploadedStamp> {
    return this.stamps.uploadSignature(actor, id, file?.buffer);
  }

  @Get(':id/signature-image')
  @ApiProduces('image/png')
  @Header('Cache-Control', 'private, no-store')
  async show(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return png(await this.stamps.signature(actor, id));
  }
}

/** `PUT|GET /api/organizations/:id/seal-image`: the organization's red seal (multipart: file). */
@ApiTags('issuance')
@ApiBearerAuth()
@Controller('api/organizations')
export class SealImageController {
  constructor(private readonly stamps: StampUploadsService) {}

  @Put(':id/seal-image')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ description: 'the seal applied by the clerk from now on' })
  @UseInterceptors(StampImageInterceptor)
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ): Promise<UploadedStamp> {
    return this.stamps.uploadSeal(actor, id, file?.buffer);
  }

  @Get(':id/seal-image')
  @ApiProduces('image/png')
  @Header('Cache-Control', 'private, no-store')
  async show(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return png(await this.stamps.seal(actor, id));
  }
}
