import { extname } from 'node:path';
import { PayloadTooLargeException } from '@nestjs/common';
import { ImportError, ImportErrorCode } from '../importing.error';
import { readDocxFile } from './docx-reader';
import { SourceDocument } from './source-document';
import { readTextFile } from './text-reader';

/** The uploaded file as multer hands it over (memory storage). */
export interface UploadedPlanFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Buffer, signature: number[] | string) =>
  typeof signature === 'string' ? bytes.subarray(0, signature.length).toString('latin1') === signature : signature.every((b, i) => bytes[i] === b);

/** The file's name as sent: browsers send UTF-8 that multer reads as Latin-1. */
export function uploadedName(file: UploadedPlanFile): string {
  const name = file.originalname ?? '';
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return (/[^\x00-\x7f]/.test(name) && !utf8.includes('\uFFFD') ? utf8 : name).normalize('NFC').slice(0, 255);
}

/**
 * Reads an upload as a document: a .docx (any zip is checked to be one), a .md or a .txt.
 * Other formats, empty files, binaries and oversize files are refused with a clear message.
 */
export async function readUpload(file: UploadedPlanFile | undefined, maxBytes: number): Promise<SourceDocument> {
  if (!file) throw new ImportError(ImportErrorCode.NoFile, 'Chưa chọn tệp: gửi tệp trong trường "file" (multipart/form-data).');
  const bytes = file.buffer ?? Buffer.alloc(0);
  if (bytes.length > maxBytes) {
    throw new PayloadTooLargeException({ code: 'file_too_large', message: `Tệp quá lớn: tối đa ${Math.floor(maxBytes / 1024 / 1024)} MB.` });
  }
  if (bytes.length === 0 || !bytes.some((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)) {
    throw new ImportError(ImportErrorCode.EmptyFile, 'Tệp rỗng: không có nội dung để nhập.');
  }
  const extension = extname(uploadedName(file)).toLowerCase();
  if (startsWith(bytes, ZIP) || extension === '.docx') {
    if (!startsWith(bytes, ZIP)) throw new ImportError(ImportErrorCode.NotADocument, 'Tệp có đuôi .docx nhưng không phải tài liệu Word hợp lệ.');
    return readDocxFile(bytes);
  }
  if (startsWith(bytes, '%PDF'))
    throw new ImportError(ImportErrorCode.UnsupportedType, 'Chưa nhận tệp PDF: hãy gửi bản Word (.docx) hoặc văn bản (.txt, .md).');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportError(ImportErrorCode.UnsupportedType, 'Tệp Word cũ (.doc) chưa được hỗ trợ: hãy mở bằng Word và lưu lại dạng .docx.');
  }
  if (startsWith(bytes, '{\\rtf')) throw new ImportError(ImportErrorCode.UnsupportedType, 'Tệp RTF chưa được hỗ trợ: hãy lưu lại dạng .docx.');
  if (!['.txt', '.md', '.markdown', '.text', ''].includes(extension)) {
    throw new ImportError(ImportErrorCode.UnsupportedType, `Không nhận tệp "${extension}": chỉ nhận .docx, .md hoặc .txt.`);
  }
  const document = readTextFile(bytes, extension === '.md' || extension === '.markdown' ? 'md' : 'txt');
  if (!document) throw new ImportError(ImportErrorCode.NotADocument, 'Tệp không phải là văn bản (có dữ liệu nhị phân).');
  return document;
}
