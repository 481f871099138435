import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import Handlebars from 'handlebars';
import type { Family } from '@app/identity';
import type { DocumentView } from './document-view';
import { embeddedFontCss } from './fonts';

/** Page margins in millimetres, in the order domain.md gives them. */
export interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface LayoutSettings {
  margins: Record<Family, PageMargins>;
  /** The mark under a Party summary line ("-----" by default; empty for none). */
  partySummaryRule: string;
}

export const DEFAULT_LAYOUT: LayoutSettings = {
  margins: {
    party: { top: 20, bottom: 20, left: 30, right: 15 },
    state: { top: 20, bottom: 20, left: 30, right: 15 },
  },
  partySummaryRule: '-----',
};

/** The folder `templates/` of the repository, found from the running code (ts-node, jest or dist). */
export function findTemplatesDir(start = __dirname): string {
  for (const base of [start, process.cwd()]) {
    let dir = resolve(base);
    for (;;) {
      if (existsSync(join(dir, 'templates', 'party', 'document.hbs'))) return join(dir, 'templates');
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('templates/party/document.hbs not found: run from the repository');
}

/**
 * The Handlebars templates of templates/: `<family>/document.hbs` per family; every other
 * .hbs is a partial named by its path ("party/header", "shared/body"). Compiled once.
 */
export class DocumentTemplates {
  private readonly handlebars = Handlebars.create();
  private readonly documents = new Map<Family, Handlebars.TemplateDelegate>();
  private readonly css: string;

  constructor(
    readonly dir = findTemplatesDir(),
    private readonly layout: LayoutSettings = DEFAULT_LAYOUT,
  ) {
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
    for (const file of hbsFiles(dir)) {
      const name = relative(dir, file).split(sep).join('/').replace(/\.hbs$/, '');
      const source = readFileSync(file, 'utf8');
      if (name === 'party/document' || name === 'state/document') {
        this.documents.set(name.split('/')[0] as Family, this.handlebars.compile(source, { strict: false, noEscape: false }));
      } else {
        this.handlebars.registerPartial(name, source);
      }
    }
    this.css = readFileSync(join(dir, 'shared', 'document.css'), 'utf8');
  }

  /** The whole HTML page of a document, fonts and styles inline (the page loads nothing). */
  html(view: DocumentView, documentTitle: string): string {
    const template = this.documents.get(view.family);
    if (!template) throw new Error(`no template for family ${view.family}`);
    return template({
      ...view,
      documentTitle,
      summaryRule: this.layout.partySummaryRule,
      fontCss: embeddedFontCss(),
      css: this.css,
      pageCss: this.pageCss(view.family),
    });
  }

  /**
   * A4 with the family's margins; the page number at the top centre from page 2 on. Landscape
   * pages (wide appendix tables) turn the margins with the sheet: the bound left edge of a
   * portrait page is the top of a landscape one (NĐ 30/2020, Phụ lục I: the table's head
   * faces the binding).
   */
  pageCss(family: Family): string {
    const m = this.layout.margins[family];
    const number = `@top-center{content:counter(page);font-family:'Tinos';font-size:14pt;vertical-align:middle;}`;
    return (
      `@page{size:A4;margin:${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;${number}}` +
      `@page:first{@top-center{content:none;}}` +
      `@page landscape{size:A4 landscape;margin:${m.left}mm ${m.top}mm ${m.right}mm ${m.bottom}mm;${number}}`
    );
  }
}

function hbsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...hbsFiles(path));
    else if (entry.endsWith('.hbs')) out.push(path);
  }
  return out.sort();
}
