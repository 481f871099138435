import { inlineNumbering, readNumbering, readStyleNumbering } from './docx-numbering';

const MB5 = 5 * 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(MB5 / unit.length));
/** CPU time, not wall-clock time: the test machine may be shared; what matters is the work done. */
const timed = (run: () => unknown): number => {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};

const NUMBERING = `<w:numbering>
  <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1-"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
  <w:num w:numId="7"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride></w:num>
</w:numbering>`;
const paragraph = (ilvl: number, text: string) =>
  `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('Word numbering', () => {
  it('writes the labels Word shows into the text and drops the numbering', () => {
    const xml = `<w:body>${paragraph(0, 'MỤC ĐÍCH')}${paragraph(1, 'Mục tiêu')}${paragraph(1, 'Yêu cầu')}${paragraph(0, 'NỘI DUNG')}<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr></w:p></w:body>`;
    const styles = `<w:styles><w:style w:type="paragraph" w:styleId="H"><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:pPr><w:numPr><w:numId w:val="7"/><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
    const out = inlineNumbering(xml, NUMBERING, styles);
    const labels = [...out.matchAll(/xml:space="preserve">([^<]*) </g)].map((m) => m[1]);
    expect(labels).toEqual(['II-', '1.', '2.', 'III-', '1.']);
    expect(out).not.toContain('<w:numPr>');
    expect(readStyleNumbering(styles).get('H')).toEqual({ numId: '7', ilvl: 1 });
    expect(readNumbering(NUMBERING).nums.get('7')!.get(0)).toEqual({ numFmt: 'upperRoman', lvlText: '%1-', start: 2 });
  });

  it('keeps numbering inside tracked changes out, and leaves unnumbered paragraphs alone', () => {
    const tracked = `<w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>x</w:t></w:r></w:p>`;
    expect(inlineNumbering(tracked, NUMBERING, null)).toBe(tracked);
  });

  // Issue 16: an unclosed tag made the old reader quadratic (2.1 s at 280 KB, 6.2 s at 560 KB).
  it.each([
    ['unclosed paragraph properties', '<w:p><w:pPr><w:numPr><w:numId w:val="7"/>'],
    ['unclosed tags', '<w:p '],
    ['unclosed numPr in a huge pPr', '<w:pPrChange><w:numPr>'],
    ['unclosed attribute quotes', '<w:numId w:val="7 '],
    ['comment openings', '<!--'],
    ['nested pPr', '<w:pPr>'],
  ])('5 MB of %s finish under a second', (_name, unit) => {
    const xml = `<w:body><w:p><w:pPr>${fill(unit)}`;
    expect(timed(() => inlineNumbering(xml, NUMBERING, null))).toBeLessThan(1000);
  });

  it.each([
    ['unclosed abstract numbers', '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'],
    ['unclosed overrides', '<w:num w:numId="1"><w:lvlOverride w:ilvl="0">'],
    ['unclosed styles', '<w:style w:type="paragraph" w:styleId="a"><w:numPr>'],
  ])('5 MB of %s in numbering.xml or styles.xml finish under a second', (_name, unit) => {
    const xml = fill(unit);
    expect(timed(() => readNumbering(xml))).toBeLessThan(1000);
    expect(timed(() => readStyleNumbering(xml))).toBeLessThan(1000);
  });
});
