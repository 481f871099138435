import JSZip from 'jszip';
import { ImportError, ImportErrorCode } from '../importing.error';

export interface ZipLimits {
  /** Most entries a Word file may hold. */
  maxEntries: number;
  /** Most bytes all parts may inflate to, as declared and as actually inflated. */
  maxTotalBytes: number;
  /** Most inflated/compressed ratio of a sizeable part (a zip bomb compresses 1000:1 and more). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 200 };

const bomb = (message: string) => new ImportError(ImportErrorCode.ZipBomb, message);

interface EntrySizes {
  compressedSize: number;
  uncompressedSize: number;
}

/** The sizes the zip's central directory declares (JSZip keeps them on the entry). */
function declaredSizes(entry: JSZip.JSZipObject): EntrySizes {
  const data = (entry as unknown as { _data?: Partial<EntrySizes> })._data ?? {};
  return { compressedSize: data.compressedSize ?? 0, uncompressedSize: data.uncompressedSize ?? 0 };
}

/** Inflates one part, stopping as soon as it passes `limit` bytes (declared sizes can lie). */
function inflateWithin(entry: JSZip.JSZipObject, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    let done = false;
    const stream = entry.nodeStream('nodebuffer') as NodeJS.ReadableStream & { destroy?: () => void };
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit && !done) {
        done = true;
        stream.pause();
        stream.removeAllListeners('data');
        reject(bomb('Tệp nén giải ra quá lớn (nghi là "bom zip"): không xử lý.'));
      }
    });
    stream.on('error', (error: Error) => {
      if (done) return;
      done = true;
      reject(new ImportError(ImportErrorCode.NotADocument, `Tệp Word bị hỏng: ${error.message}`));
    });
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve(total);
    });
  });
}

/** Parts smaller than this may compress as well as they like (an empty style sheet does). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * Opens a .docx as a zip after checking it cannot blow up: the central directory's sizes
 * (count, total, ratio) first, then every part, inflated as a stream against a running byte
 * budget and its own ratio bound, whatever the directory declares; only then may a library
 * (mammoth, the XML readers) inflate it again. Throws ImportError (4xx) on anything wrong.
 */
export async function openCheckedZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw new ImportError(ImportErrorCode.NotADocument, 'Tệp không phải là tài liệu Word (.docx) hợp lệ.');
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > limits.maxEntries) throw bomb(`Tệp nén có quá nhiều thành phần (${entries.length}).`);
  let declaredTotal = 0;
  for (const entry of entries) {
    const { compressedSize, uncompressedSize } = declaredSizes(entry);
    declaredTotal += uncompressedSize;
    if (uncompressedSize > RATIO_FLOOR_BYTES && uncompressedSize / Math.max(1, compressedSize) > limits.maxRatio) {
      throw bomb(`Thành phần "${entry.name}" có tỉ lệ nén bất thường (nghi là "bom zip"): không xử lý.`);
    }
  }
  if (declaredTotal > limits.maxTotalBytes) throw bomb('Tệp nén giải ra quá lớn (nghi là "bom zip"): không xử lý.');
  if (!zip.file('word/document.xml')) {
    throw new ImportError(ImportErrorCode.NotADocument, 'Tệp không phải là tài liệu Word (.docx): thiếu phần nội dung word/document.xml.');
  }
  let budget = limits.maxTotalBytes;
  for (const entry of entries) {
    const ratioBound = Math.max(RATIO_FLOOR_BYTES, declaredSizes(entry).compressedSize * limits.maxRatio);
    budget -= await inflateWithin(entry, Math.min(budget, ratioBound));
  }
  return zip;
}
