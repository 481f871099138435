import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { projectPath } from '@app/common';
import type { Family } from '@app/identity';
import type { DocumentView } from './document-view';
import { DOCUMENT_FONT_FAMILY, embeddedFontCss } from './fonts';
import { pagedMediaScript } from './paged-media';

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

/** The folder `templates/` of the project (the same from the sources and from the build). */
export function findTemplatesDir(): string {
  return projectPath('templates');
}

/** What the web preview adds to the view: blocks marked by review comments. */
export interface FragmentOptions {
  marked?: readonly string[];
}

/**
 * The Handlebars templates of templates/: `<family>/document.hbs` per family (the document
 * itself), `shared/page.hbs` (the page Chromium prints); every other .hbs is a partial named
 * by its path ("party/header", "shared/body"). Compiled once.
 */
export class DocumentTemplates {
  private readonly handlebars = Handlebars.create();
  private readonly documents = new Map<Family, Handlebars.TemplateDelegate>();
  private readonly page: Handlebars.TemplateDelegate;
  private readonly css: string;

  constructor(
    readonly dir = findTemplatesDir(),
    private readonly layout: LayoutSettings = DEFAULT_LAYOUT,
  ) {
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper(
      'marked',
      (id: unknown, options: Handlebars.HelperOptions) =>
        Boolean(id) && ((options.data?.root?.marked as string[] | undefined) ?? []).includes(id as string),
    );
    this.handlebars.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
    let page: Handlebars.TemplateDelegate | undefined;
    for (const file of hbsFiles(dir)) {
      const name = relative(dir, file)
        .split(sep)
        .join('/')
        .replace(/\.hbs$/, '');
      const source = readFileSync(file, 'utf8');
      if (name === 'party/document' || name === 'state/document') {
        this.documents.set(name.split('/')[0] as Family, this.handlebars.compile(source, { strict: false, noEscape: false }));
      } else if (name === 'shared/page') {
        page = this.handlebars.compile(source, { strict: false, noEscape: false });
      } else {
        this.handlebars.registerPartial(name, source);
      }
    }
    if (!page) throw new Error(`templates/shared/page.hbs not found in ${dir}`);
    this.page = page;
    this.css = readFileSync(join(dir, 'shared', 'document.css'), 'utf8');
  }

  /**
   * The whole HTML page Chromium prints: the document, fonts, styles and Paged.js inline (the
   * page loads nothing); Paged.js lays out the pages, page numbers and footnotes.
   */
  html(view: DocumentView, documentTitle: string): string {
    return this.page({
      documentTitle,
      document: this.fragment(view),
      fontCss: embeddedFontCss(this.dir),
      css: this.css,
      pageCss: this.pageCss(view.family),
      pagedScript: pagedMediaScript(),
    });
  }

  /** The document alone (`<article class="document party">`), as the web preview embeds it. */
  fragment(view: DocumentView, options: FragmentOptions = {}): string {
    const template = this.documents.get(view.family);
    if (!template) throw new Error(`no template for family ${view.family}`);
    return template({ ...view, summaryRule: this.layout.partySummaryRule, marked: options.marked ?? [] });
  }

  /**
   * The stylesheet of the web preview: the document's fonts, and its styles nested (CSS
   * nesting) under the selector of the element the page embeds the document in, so that they
   * apply to the document and to nothing else on the page.
   */
  webCss(scope: string): string {
    return `${embeddedFontCss(this.dir)}\n${scope} {\n${this.css}\n}\n`;
  }

  /**
   * A4 with the family's margins; the page number at the top centre from page 2 on. Landscape
   * pages (wide appendix tables) turn the margins with the sheet: the bound left edge of a
   * portrait page is the top of a landscape one (NĐ 30/2020, Phụ lục I: the table's head
   * faces the binding).
   */
  pageCss(family: Family): string {
    const m = this.layout.margins[family];
    const number = `@top-center{content:counter(page);font-family:'${DOCUMENT_FONT_FAMILY}';font-size:14pt;vertical-align:middle;}`;
    return (
      `@page{size:A4;margin:${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;${number}}` +
      `@page:first{@top-center{content:none;}}` +
      `@page landscape{size:A4 landscape;margin:${m.left}mm ${m.top}mm ${m.right}mm ${m.bottom}mm;${number}}` +
      // Paged.js lays every page out at the first page's size: its landscape pages get theirs here.
      `.pagedjs_page.pagedjs_landscape_page{${LANDSCAPE_PAGE_BOX}}`
    );
  }
}

/** The page box of a landscape A4 sheet, in the custom properties Paged.js sizes its pages with. */
const LANDSCAPE_PAGE_BOX = ['width', 'pagebox-width', 'width-left', 'width-right']
  .map((p) => `--pagedjs-${p}:297mm;`)
  .concat(['height', 'pagebox-height', 'height-left', 'height-right'].map((p) => `--pagedjs-${p}:210mm;`))
  .join('');

function hbsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...hbsFiles(path));
    else if (entry.endsWith('.hbs')) out.push(path);
  }
  return out.sort();
}
