// sax ships no types (and @types/sax is not a dependency): the part strict-xml.ts uses.
declare module 'sax' {
  interface SAXParser {
    onerror: (error: Error) => void;
    resume(): SAXParser;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  const sax: { parser(strict: boolean, options?: { xmlns?: boolean }): SAXParser };
  export default sax;
}
