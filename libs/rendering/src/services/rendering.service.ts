import { Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { MetricsService } from '@app/metrics';
import { DocumentTemplates, FragmentOptions, LayoutSettings } from '../document/document-templates';
import { buildDocumentView, DocumentInput } from '../document/document-view';
import { plainText } from '../document/inline-markup';
import { RenderingError, RenderingErrorCode } from '../rendering.error';
import { BrowserPool, RenderTimeout } from './browser-pool';

export function layoutFromConfig(config: AppConfig): LayoutSettings {
  const margins = ([top, bottom, left, right]: number[]) => ({ top, bottom, left, right });
  return {
    margins: { party: margins(config.pageMarginsParty), state: margins(config.pageMarginsState) },
    partySummaryRule: config.partySummaryRule,
  };
}

/**
 * The one renderer (house style 16): Handlebars templates from templates/, printed by one
 * shared Chromium with a bounded pool of pages, a timeout per job and no network.
 */
@Injectable()
export class RenderingService implements OnModuleDestroy {
  readonly templates: DocumentTemplates;
  readonly pool: BrowserPool;
  private readonly webStyles = new Map<string, string>();

  constructor(
    config: AppConfig,
    // Optional: scripts (docs/seed-pages) build a renderer outside the application.
    @Optional() private readonly metrics?: MetricsService,
  ) {
    this.templates = new DocumentTemplates(undefined, layoutFromConfig(config));
    this.pool = new BrowserPool({
      chromiumPath: config.chromiumPath,
      size: config.renderPoolSize,
      restartAfter: config.renderRestartAfter,
      timeoutMs: config.renderTimeoutMs,
    });
  }

  /** The document's HTML page (fonts and styles inline). */
  html(input: DocumentInput): string {
    const title = `${input.mode.kind === 'draft' ? 'DỰ THẢO - ' : ''}${plainText(input.content.summary.replace(/\n/g, ' '))}`;
    return this.templates.html(buildDocumentView(input), title);
  }

  /**
   * The document alone, as the web preview embeds it: the same view and templates as the
   * PDF, so that the page shows what will print (with `webCss()` on the page).
   */
  documentHtml(input: DocumentInput, options?: FragmentOptions): string {
    return this.templates.fragment(buildDocumentView(input), options);
  }

  /** The web preview's stylesheet: the document's fonts and styles, scoped to the element that holds it. */
  webCss(scope: string): string {
    let css = this.webStyles.get(scope);
    if (!css) this.webStyles.set(scope, (css = this.templates.webCss(scope)));
    return css;
  }

  /** The document printed to PDF. */
  async pdf(input: DocumentInput): Promise<Buffer> {
    return this.print(this.html(input));
  }

  async print(html: string): Promise<Buffer> {
    try {
      const print = () => this.pool.pdf(html);
      return await (this.metrics ? this.metrics.time(this.metrics.renderDuration, print) : print());
    } catch (error) {
      if (error instanceof RenderTimeout) {
        throw new RenderingError(RenderingErrorCode.RenderTimeout, `Quá thời gian tạo PDF (${error.timeoutMs} ms)`);
      }
      throw new RenderingError(RenderingErrorCode.RenderFailed, `Không tạo được PDF: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
