import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'puppeteer-core';

/** Set on the window by the print page once Paged.js has laid out every page. */
const PAGED_DONE = '__kehoachPaged';

/**
 * Before Paged.js runs: each footnote of the list printed after the text becomes a note
 * floated to the foot of a page (`float: footnote`), placed right after its first citation,
 * so that it prints on the page that cites it. A note cited first inside another note
 * follows that note. The list itself is then removed: the numbers stay those of the view.
 * Plain browser JavaScript in a string, so that no compiler or coverage tool rewrites it.
 */
const MOVE_FOOTNOTES = `function () {
  var list = document.querySelector('.document .footnotes');
  if (!list) return;
  var cites = Array.from(document.querySelectorAll('.document sup.fn-ref')).filter(function (s) { return !list.contains(s); });
  Array.from(list.querySelectorAll('p')).forEach(function (entry) {
    var own = entry.querySelector('.fn-ref');
    var number = own ? own.textContent.trim() : '';
    var first = cites.find(function (cite) { return cite.textContent.trim() === number; });
    if (!first) return;
    var note = document.createElement('span');
    note.className = 'fn-note';
    note.innerHTML = entry.innerHTML;
    // Citations inside the note's text (not its own number) count for the notes after it.
    cites.push.apply(cites, Array.from(note.querySelectorAll('sup.fn-ref')).slice(1));
    (first.closest('.fn-note') || first).after(note);
  });
  list.remove();
}`;

/**
 * Paged.js steps through its work in animation frames (and idle callbacks), which Chromium does
 * not run for a page that is not in front: of two pages of the pool printing at once, one would
 * wait forever. A print page draws no animation: timers stand in for frames.
 */
const FRAMES_BY_TIMER =
  'window.requestAnimationFrame=function(cb){return setTimeout(function(){cb(performance.now());},0);};' +
  'window.cancelAnimationFrame=function(id){clearTimeout(id);};' +
  'window.requestIdleCallback=function(cb){return setTimeout(function(){cb({didTimeout:false,timeRemaining:function(){return 50;}});},0);};';

/**
 * Paged.js lays a named page (`@page landscape`) out at its own size but prints every page on
 * the size of the first: a landscape appendix would be cut on portrait paper. Once the pages
 * are laid out, each named page's sheet gets a print page of its own laid-out size.
 */
const NAMED_PAGE_SIZES = `function () {
  var sizes = {};
  Array.from(document.querySelectorAll('.pagedjs_named_page')).forEach(function (page) {
    var name = Array.from(page.classList).map(function (c) { return /^pagedjs_(.+)_page$/.exec(c); }).filter(function (m) { return m && !/^(named|left|right|first|blank)$|_first$/.test(m[1]); })[0];
    if (name && !sizes[name[1]]) sizes[name[1]] = [page.offsetWidth, page.offsetHeight];
  });
  var css = Object.keys(sizes).map(function (name) {
    return '@page kehoach_' + name + '{size:' + sizes[name][0] + 'px ' + sizes[name][1] + 'px;margin:0}.pagedjs_' + name + '_page{page:kehoach_' + name + '}';
  }).join('');
  if (!css) return;
  var style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}`;

/**
 * Chromium's own print repeats a table's header row on every page; Paged.js, which cuts the
 * pages itself, does not. When a table goes on onto a new page (its first row there is the one
 * being placed), the header row is put back above it, before the row is measured, so the page
 * keeps room for it.
 */
const REPEAT_TABLE_HEADERS = `function () {
  class RepeatTableHeaders extends window.Paged.Handler {
    renderNode(clone, node) {
      if (clone.nodeType !== 1 || clone.tagName !== 'TR' || node.parentElement.tagName === 'THEAD') return;
      var table = clone.closest('table');
      var source = node.closest('table');
      var head = source && source.querySelector(':scope > thead');
      if (!table || !head || table.querySelector(':scope > thead')) return;
      table.insertBefore(head.cloneNode(true), table.firstChild);
    }
  }
  window.Paged.registerHandlers(RepeatTableHeaders);
}`;

let script: string | undefined;

/**
 * The inline script of the print page, at the end of its body (the document is parsed): the
 * footnote step, then Paged.js, then the done flag (or the error). Paged.js is started here, not
 * by its own wait for "interactive", which a page written by setContent may pass unseen.
 */
export function pagedMediaScript(): string {
  if (script) return script;
  // The package exports no path to its polyfill: found from its CommonJS entry (lib/index.cjs).
  const polyfill = readFileSync(join(dirname(require.resolve('pagedjs')), '..', 'dist', 'paged.polyfill.min.js'), 'utf8');
  const start =
    `(${MOVE_FOOTNOTES})();(${REPEAT_TABLE_HEADERS})();` +
    `window.PagedPolyfill.preview().then(function(){(${NAMED_PAGE_SIZES})();window.${PAGED_DONE}='done';},` +
    `function(e){window.${PAGED_DONE}='failed: '+(e&&e.stack||e);});`;
  // The polyfill is one script; "</script" inside it would end the tag early.
  script = `window.PagedConfig={auto:false};\n${FRAMES_BY_TIMER}\n${polyfill.replace(/<\/script/gi, '<\\/script')}\n${start}`;
  return script;
}

/** Waits until Paged.js has laid out the pages (the print page sets the flag when done). */
export async function waitForPagedMedia(page: Page, timeoutMs: number): Promise<void> {
  // A page without Paged.js (a plain HTML page printed as it is) has nothing to wait for.
  if (!(await page.evaluate(() => 'PagedPolyfill' in window))) return;
  const handle = await page.waitForFunction(`window.${PAGED_DONE}`, { timeout: timeoutMs, polling: 50 });
  const outcome = String(await handle.jsonValue());
  await handle.dispose();
  if (outcome !== 'done') throw new Error(`Paged.js: ${outcome}`);
}
