import { randomUUID } from 'node:crypto';
import { PlanEventDto } from '@app/workflow';
import { PLAN_EVENT_LABELS, PLAN_EVENTS, PlanEventType } from '@workflows/index';
import { FormBody, list, text } from '../forms';

export function eventLabel(type: string): string {
  return PLAN_EVENT_LABELS[type] ?? type;
}

/** A fresh idempotency key for one rendered form: pressing twice, or reloading the post, acts once. */
export function formKey(): string {
  return `web:${randomUUID()}`;
}

/**
 * The event a form posts. Only the fields the event type takes are copied (the service refuses
 * others). A return may carry notes anchored to parts and items (`note.anchor`/`note.text`,
 * repeated): they are written into the reason, numbered as printed, so the drafter reads them
 * with the return. Comments of a consultation keep their anchors as data.
 */
export function eventFromForm(body: FormBody, labels: Record<string, string> = {}): PlanEventDto {
  const type = text(body, 'type') as PlanEventDto['type'];
  // The fields the event table gives the type (those it requires and those it takes when given);
  // an unknown type copies nothing (the service refuses it).
  const spec = PLAN_EVENTS[type as PlanEventType] as { fields: readonly string[]; optionalFields?: readonly string[] } | undefined;
  const fields = [...(spec?.fields ?? []), ...(spec?.optionalFields ?? [])];
  const dto: Record<string, unknown> = { type };
  // Rows pair up by position: empty values ("Toàn văn", an empty note) must keep their place.
  const anchors = ([] as string[]).concat(body['note.anchor'] ?? []).map((a) => a.trim());
  const notes = ([] as string[]).concat(body['note.text'] ?? []).map((t) => t.trim());
  const anchored = notes.map((note, i) => ({ anchor: anchors[i] ?? '', note })).filter((n) => n.note);
  for (const field of fields) {
    if (field === 'reason') {
      const reason = text(body, 'reason').replace(/\r\n?/g, '\n');
      const lines = anchored.map((n) => `- ${n.anchor ? `${labels[n.anchor] ?? n.anchor}: ` : ''}${n.note}`);
      dto.reason = [reason, ...lines].filter(Boolean).join('\n');
    } else if (field === 'consultees') {
      dto.consultees = list(body, 'consultees');
    } else if (field === 'comments') {
      dto.comments = anchored.map((n) => ({ anchorId: n.anchor || null, text: n.note }));
    } else {
      const value = text(body, field);
      if (value) dto[field] = value;
    }
  }
  return dto as unknown as PlanEventDto;
}
