import { DOMParser } from '@xmldom/xmldom';
import sax from 'sax';

/**
 * Parses XML strictly: a SAX pass in strict, namespace-aware mode rejects anything not
 * well-formed (unclosed tags, unbound prefixes, bad characters); then a DOM to query.
 */
export function parseXmlStrict(xml: string): Document {
  const parser = sax.parser(true, { xmlns: true });
  let failure: Error | null = null;
  parser.onerror = (error: Error) => {
    failure ??= error;
    parser.resume();
  };
  parser.write(xml).close();
  if (failure) throw failure;
  const problems: string[] = [];
  const report = (message: string) => problems.push(message);
  const doc = new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'text/xml');
  if (problems.length) throw new Error(problems.join('\n'));
  return doc as unknown as Document;
}
