import { AlignmentType, Document, FootnoteReferenceRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { ImportError } from '../importing.error';
import { parsePlan } from '../parser/plan-parser';
import { readDocxFile } from './docx-reader';
import { openCheckedZip } from './zip-guard';

/** A plan as an office types it in Word: automatic numbering of its own, a header table, a footnote, a legacy font line. */
async function wordPlan(): Promise<Buffer> {
  const cell = (lines: Paragraph[]) => new TableCell({ children: lines });
  const document = new Document({
    numbering: {
      config: [
        {
          reference: 'office-outline',
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', alignment: AlignmentType.LEFT },
          ],
        },
        { reference: 'office-dash', levels: [{ level: 0, format: LevelFormat.BULLET, text: '–', alignment: AlignmentType.LEFT }] },
      ],
    },
    footnotes: { 1: { children: [new Paragraph('Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.')] } },
    sections: [
      {
        children: [
          new Table({
            rows: [
              new TableRow({
                children: [
                  cell([
                    new Paragraph({ children: [new TextRun({ text: 'ỦY BAN NHÂN DÂN', bold: true })] }),
                    new Paragraph({ children: [new TextRun({ text: 'XÃ CÁT TIẾN', bold: true })] }),
                    new Paragraph('Số: 31/KH-UBND'),
                  ]),
                  cell([
                    new Paragraph({ children: [new TextRun({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true })] }),
                    new Paragraph('Độc lập - Tự do - Hạnh phúc'),
                    new Paragraph({ children: [new TextRun({ text: 'Cát Tiến, ngày 02 tháng 6 năm 2025', italics: true })] }),
                  ]),
                ],
              }),
            ],
          }),
          new Paragraph({ children: [new TextRun({ text: 'KẾ HOẠCH', bold: true })] }),
          new Paragraph({ children: [new TextRun({ text: 'chuyển đổi số năm 2025', bold: true })] }),
          new Paragraph({
            children: [
              new TextRun('Thực hiện Nghị quyết của Bộ Chính trị'),
              new FootnoteReferenceRun(1),
              new TextRun(', UBND xã ban hành kế hoạch như sau:'),
            ],
          }),
          new Paragraph({ numbering: { reference: 'office-outline', level: 0 }, children: [new TextRun({ text: 'MỤC TIÊU', bold: true })] }),
          new Paragraph({ numbering: { reference: 'office-outline', level: 1 }, children: [new TextRun({ text: 'Hạ tầng số', bold: true })] }),
          new Paragraph({ numbering: { reference: 'office-outline', level: 2 }, children: [new TextRun('Phủ sóng 4G toàn xã.')] }),
          new Paragraph({ numbering: { reference: 'office-outline', level: 2 }, children: [new TextRun('Mỗi thôn một điểm truy cập.')] }),
          new Paragraph({
            numbering: { reference: 'office-outline', level: 1 },
            children: [new TextRun({ text: 'Dữ liệu số.', bold: true }), new TextRun(' Số hóa hồ sơ một cửa.')],
          }),
          new Paragraph({ numbering: { reference: 'office-dash', level: 0 }, children: [new TextRun('Thời gian thực hiện: Năm 2025.')] }),
          new Paragraph({
            numbering: { reference: 'office-dash', level: 0 },
            children: [new TextRun('Tham mưu, thực hiện: Công chức Văn phòng - Thống kê.')],
          }),
          new Paragraph({ numbering: { reference: 'office-outline', level: 0 }, children: [new TextRun({ text: 'TỔ CHỨC THỰC HIỆN', bold: true })] }),
          new Paragraph({ numbering: { reference: 'office-outline', level: 1 }, children: [new TextRun('Các thôn triển khai thực hiện.')] }),
          new Paragraph({ children: [new TextRun({ text: 'Chñ tÞch', font: '.VnTime' })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe('Word files', () => {
  it('writes automatic numbering into the text, keeps bold, tables and footnotes', async () => {
    const document = await readDocxFile(await wordPlan());
    const texts = document.lines.map((l) => l.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        '**ỦY BAN NHÂN DÂN**',
        'Số: 31/KH-UBND',
        '*Cát Tiến, ngày 02 tháng 6 năm 2025*',
        'Thực hiện Nghị quyết của Bộ Chính trị[^1], UBND xã ban hành kế hoạch như sau:',
        'I. **MỤC TIÊU**',
        '1. **Hạ tầng số**',
        'a) Phủ sóng 4G toàn xã.',
        'b) Mỗi thôn một điểm truy cập.',
        '2. **Dữ liệu số.** Số hóa hồ sơ một cửa.',
        '- Thời gian thực hiện: Năm 2025.',
        'II. **TỔ CHỨC THỰC HIỆN**',
        '1. Các thôn triển khai thực hiện.',
        'Chủ tịch',
      ]),
    );
    expect(document.lines.find((l) => l.text === 'Số: 31/KH-UBND')!.column).toBe(0);
    expect(document.footnotes).toEqual([{ id: '1', text: 'Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.' }]);
  });

  it('parses into the same tree a typed plan gives', async () => {
    const { content, detected } = parsePlan(await readDocxFile(await wordPlan()));
    expect(detected).toMatchObject({
      family: 'state',
      issuingBody: 'ỦY BAN NHÂN DÂN\nXÃ CÁT TIẾN',
      numberSymbol: '31/KH-UBND',
      date: '2025-06-02',
      source: 'docx/docx',
    });
    expect(content.parts.map((p) => p.title)).toEqual(['MỤC TIÊU', 'TỔ CHỨC THỰC HIỆN']);
    const [infrastructure, data] = content.parts[0].children as Extract<(typeof content.parts)[0]['children'][0], { kind: 'item' }>[];
    expect(infrastructure).toMatchObject({ heading: 'Hạ tầng số', text: null });
    expect(infrastructure.children.map((c) => (c.kind === 'item' ? c.text : null))).toEqual(['Phủ sóng 4G toàn xã.', 'Mỗi thôn một điểm truy cập.']);
    expect(data).toMatchObject({
      heading: 'Dữ liệu số.',
      text: 'Số hóa hồ sơ một cửa.',
      task: { carriedOutBy: 'Công chức Văn phòng - Thống kê', timeframe: { kind: 'year', year: 2025, text: null } },
    });
    expect(content.footnotes).toEqual([{ id: '1', text: 'Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.' }]);
  });

  it('refuses a Word file without text', async () => {
    const empty = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('')] }] }));
    await expect(readDocxFile(empty)).rejects.toMatchObject({ code: 'no_text' });
  });
});

describe('zip guard', () => {
  const docx = async (extra: (zip: JSZip) => void) => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('KẾ HOẠCH')] }] })));
    extra(zip);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  };
  const limits = { maxEntries: 50, maxTotalBytes: 4 * 1024 * 1024, maxRatio: 200 };

  it('lets a normal document through', async () => {
    await expect(openCheckedZip(await docx(() => undefined), limits)).resolves.toBeInstanceOf(JSZip);
  });

  it('refuses a part that inflates too much for its size', async () => {
    await expect(openCheckedZip(await docx((zip) => zip.file('word/media/a.bin', Buffer.alloc(3 * 1024 * 1024))), limits)).rejects.toMatchObject({
      code: 'zip_bomb',
    });
  });

  it('refuses too many parts', async () => {
    await expect(
      openCheckedZip(
        await docx((zip) => {
          for (let i = 0; i < 60; i++) zip.file(`word/media/${i}.txt`, String(i));
        }),
        limits,
      ),
    ).rejects.toMatchObject({ code: 'zip_bomb' });
  });

  it('stops inflating a part whose declared size lies', async () => {
    const bytes = await docx((zip) => zip.file('word/big.xml', Buffer.alloc(6 * 1024 * 1024, 0x20)));
    const lying = Buffer.from(bytes);
    const name = Buffer.from('word/big.xml');
    // Rewrite the uncompressed size to 1000 bytes in the local header and the central directory.
    for (let i = 0; i < lying.length - 46; i++) {
      if (lying.readUInt32LE(i) === 0x04034b50 && lying.subarray(i + 30, i + 30 + name.length).equals(name)) lying.writeUInt32LE(1000, i + 22);
      if (lying.readUInt32LE(i) === 0x02014b50 && lying.subarray(i + 46, i + 46 + name.length).equals(name)) lying.writeUInt32LE(1000, i + 24);
    }
    await expect(openCheckedZip(lying, limits)).rejects.toMatchObject({ code: 'zip_bomb' });
  });

  it('inflates every part against the budget, media included, whatever their declared size', async () => {
    const name = 'word/media/image1.png';
    const bytes = Buffer.from(await docx((zip) => zip.file(name, Buffer.alloc(6 * 1024 * 1024, 0x41))));
    const entry = Buffer.from(name);
    // Declare 1000 bytes, and as many compressed, so that neither the total nor the ratio looks wrong.
    for (let i = 0; i < bytes.length - 46; i++) {
      if (bytes.readUInt32LE(i) === 0x04034b50 && bytes.subarray(i + 30, i + 30 + entry.length).equals(entry)) bytes.writeUInt32LE(1000, i + 22);
      if (bytes.readUInt32LE(i) === 0x02014b50 && bytes.subarray(i + 46, i + 46 + entry.length).equals(entry)) bytes.writeUInt32LE(1000, i + 24);
    }
    await expect(openCheckedZip(bytes, limits)).rejects.toMatchObject({ code: 'zip_bomb' });
  });

  it('refuses what is not a zip, and a zip that is no Word file', async () => {
    await expect(openCheckedZip(Buffer.from('PK not really'), limits)).rejects.toBeInstanceOf(ImportError);
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    await expect(openCheckedZip(await zip.generateAsync({ type: 'nodebuffer' }), limits)).rejects.toMatchObject({ code: 'not_a_document' });
  });
});
