import { DataSource } from 'typeorm';
import type { BodyNode, PlanContent } from '@app/plans';
import { BrowserSession, BrowserUser } from './browser-user';
import type { TestApp } from './test-app';

/** The demo app's State drafter at the editor in Chromium, as a browser story. */
export async function openEditor(t: TestApp, story: string): Promise<{ browser: BrowserSession; drafter: BrowserUser; editor: PlanEditorDriver }> {
  const browser = await BrowserSession.start(t, story);
  const drafter = await browser.person('soan-thao');
  await drafter.login('ubnd-nh.drafter');
  return { browser, drafter, editor: new PlanEditorDriver(drafter) };
}

/** What the editor saved: the plan's current version and its content, read from the database. */
export async function savedPlan(db: DataSource, planId: string): Promise<{ version: number; content: PlanContent }> {
  const [row] = await db.query(
    `SELECT p.current_version AS version, v.content FROM plan p JOIN plan_version v ON v.plan_id = p.id AND v.version = p.current_version WHERE p.id = $1`,
    [planId],
  );
  return row;
}

/** Drives the plan editor page as a drafter would: buttons pressed, fields typed (long texts pasted). */
export class PlanEditorDriver {
  constructor(readonly user: BrowserUser) {}

  private field(name: string): string {
    return `[id="f-${name}"]`;
  }

  /** Replaces a field's text: short texts typed key by key, long ones pasted in one input. */
  async enter(name: string, value: string): Promise<void> {
    const page = this.user.page;
    await page.click(this.field(name), { count: 3 });
    await page.$eval(this.field(name), (el) => ((el as HTMLInputElement).value = ''));
    if (value.length > 80 || value.includes('\n')) await page.keyboard.sendCharacter(value);
    else await page.type(this.field(name), value);
  }

  /** Presses an editor button (op "save" is the save bar's Lưu), waits for the next page. */
  press(op: string, label: string): Promise<number> {
    return this.user.clickAndWait(op === 'save' ? '.savebar button[value="save"]' : `button[name="op"][value="${op}"]`, label);
  }

  /** The id of what the last operation added: the editor opens at it. */
  focusedId(): Promise<string> {
    return this.user.page.evaluate(() =>
      (document.getElementById('plan-form')?.getAttribute('data-focus') ?? decodeURIComponent(location.hash)).replace(/^#?el-/, ''),
    );
  }

  partIds(): Promise<string[]> {
    return this.user.page.$$eval('.enode-part', (els) => els.map((e) => e.id.replace(/^el-/, '')));
  }

  /** Adds each node with the button a person would press, then fills in what it says. */
  async enterNodes(parentId: string, nodes: BodyNode[]): Promise<void> {
    for (const node of nodes) {
      await this.press(`node|add|${node.kind}|${parentId}`, `them-${node.kind}`);
      const id = await this.focusedId();
      if (node.kind === 'item') {
        if (node.heading) await this.enter(`b.${id}.heading`, node.heading);
        if (node.text) await this.enter(`b.${id}.text`, node.text);
      } else if (node.kind !== 'table') {
        await this.enter(`b.${id}.text`, node.text);
      }
      if (node.kind === 'item' || node.kind === 'bullet') await this.enterNodes(id, node.children as BodyNode[]);
    }
  }

  /**
   * The text of a plan, typed into a new draft (which starts with three parts): summary, preamble,
   * parts and everything in them, closing. Parts beyond the first three are added.
   */
  async enterText(content: PlanContent): Promise<void> {
    await this.enter('summary', content.summary);
    if (content.preamble.paragraphs.length) await this.enter('preamble', content.preamble.paragraphs.join('\n'));
    let parts = await this.partIds();
    while (parts.length < content.parts.length) {
      await this.press('part|add', 'them-phan');
      parts = await this.partIds();
    }
    for (const [i, part] of content.parts.entries()) {
      await this.enter(`b.${parts[i]}.title`, part.title);
      await this.enterNodes(parts[i], part.children);
    }
    if (content.closing.length) await this.enter('closing', content.closing.join('\n'));
  }

  /** Reporting duties, one "+ Báo cáo" each. */
  async enterDuties(content: PlanContent): Promise<void> {
    for (const duty of content.reportingDuties) {
      await this.press('duty|add', 'them-bao-cao');
      const id = await this.focusedId();
      await this.enter(`duty.${id}.what`, duty.what);
      if (duty.period) await this.enter(`duty.${id}.period`, duty.period);
      await this.user.page.$eval(this.field(`duty.${id}.deadline`), (el, v) => ((el as HTMLInputElement).value = v), duty.deadline);
      await this.enter(`duty.${id}.to`, duty.to);
    }
  }

  /** Free-text recipients (not the archive line, which a new draft has). */
  async enterRecipients(content: PlanContent): Promise<void> {
    for (const r of content.recipients.filter((x) => x.purpose !== 'archive')) {
      await this.press('rcp|add', 'them-noi-nhan');
      const id = await this.focusedId();
      await this.enter(`rcp.${id}.name`, r.name);
      await this.user.page.select(this.field(`rcp.${id}.purpose`), r.purpose);
      if (r.note) await this.enter(`rcp.${id}.note`, r.note);
    }
    const archive = content.recipients.find((x) => x.purpose === 'archive');
    if (archive) {
      const id = await this.user.page.$$eval('.recipient', (els) => els[els.length - 1].id.replace(/^el-/, ''));
      await this.enter(`rcp.${id}.name`, archive.name);
    }
  }
}
