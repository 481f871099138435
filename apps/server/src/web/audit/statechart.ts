import { PLAN_EVENT_LABELS, planStateLabel } from '@workflows/plan-labels';

/** The parts of a machine definition the drawing reads: states and their `on` transitions. */
export interface MachineDefinition {
  initial?: unknown;
  states?: Record<string, { on?: Record<string, unknown>; type?: string }>;
}

export interface ChartEdge {
  n: number;
  from: string;
  to: string;
  events: string[];
  label: string;
  taken: number;
}

export interface ChartState {
  id: string;
  label: string;
  final: boolean;
  visited: boolean;
  current: boolean;
  /** Events handled without leaving the state (an approval before the last step, a comment...). */
  selfEvents: string[];
}

export interface Statechart {
  states: ChartState[];
  edges: ChartEdge[];
  svg: string;
}

function targets(transition: unknown): string[] {
  const list = Array.isArray(transition) ? transition : [transition];
  return list
    .map((t) => (typeof t === 'string' ? t : t && typeof t === 'object' ? (t as { target?: unknown }).target : undefined))
    .flatMap((t) => (Array.isArray(t) ? t : [t]))
    .map((t) => (typeof t === 'string' ? t.replace(/^#[^.]+\./, '').replace(/^\./, '') : null))
    .filter((t): t is string => !!t);
}

function hasSelf(transition: unknown): boolean {
  const list = Array.isArray(transition) ? transition : [transition];
  return list.some((t) => t && typeof t === 'object' && (t as { target?: unknown }).target === undefined);
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The statechart of a machine, drawn from its definition: states top to bottom (final states
 * last), transitions between neighbours as straight arrows, the others on lanes at the sides
 * (forward on the left, back on the right), each numbered for the table beside it. The current
 * state, the states visited and the transitions taken (from the history) are marked.
 */
export function buildStatechart(
  definition: MachineDefinition,
  current: string,
  path: { from: string | null; to: string | null; event: string }[],
): Statechart {
  const all = Object.entries(definition.states ?? {});
  const initial = typeof definition.initial === 'string' ? definition.initial : all[0]?.[0];
  // Breadth first from the initial state, final states after the others.
  const order: string[] = [];
  const queue = initial ? [initial] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (order.includes(id) || !definition.states?.[id]) continue;
    order.push(id);
    for (const transition of Object.values(definition.states[id].on ?? {})) queue.push(...targets(transition));
  }
  for (const [id] of all) if (!order.includes(id)) order.push(id);
  const finals = order.filter((id) => definition.states?.[id]?.type === 'final');
  const ordered = [...order.filter((id) => !finals.includes(id)), ...finals];

  const visited = new Set(path.flatMap((p) => [p.from, p.to]).filter((s): s is string => !!s));
  visited.add(current);
  const takenCount = new Map<string, number>();
  for (const p of path) if (p.from && p.to && p.from !== p.to) takenCount.set(`${p.from}>${p.to}`, (takenCount.get(`${p.from}>${p.to}`) ?? 0) + 1);

  const edges = new Map<string, ChartEdge>();
  const states: ChartState[] = ordered.map((id) => ({
    id,
    label: planStateLabel(id),
    final: definition.states?.[id]?.type === 'final',
    visited: visited.has(id),
    current: id === current,
    selfEvents: [],
  }));
  for (const state of states) {
    for (const [event, transition] of Object.entries(definition.states?.[state.id]?.on ?? {})) {
      if (hasSelf(transition)) state.selfEvents.push(PLAN_EVENT_LABELS[event] ?? event);
      for (const to of targets(transition)) {
        if (to === state.id) {
          state.selfEvents.push(PLAN_EVENT_LABELS[event] ?? event);
          continue;
        }
        const key = `${state.id}>${to}`;
        const edge = edges.get(key) ?? { n: 0, from: state.id, to, events: [], label: '', taken: takenCount.get(key) ?? 0 };
        if (!edge.events.includes(event)) edge.events.push(event);
        edges.set(key, edge);
      }
    }
    state.selfEvents = [...new Set(state.selfEvents)];
  }
  const list = [...edges.values()];
  list.forEach((e, i) => {
    e.n = i + 1;
    e.label = e.events.map((ev) => PLAN_EVENT_LABELS[ev] ?? ev).join(' / ');
  });
  return { states, edges: list, svg: drawSvg(states, list) };
}

function drawSvg(states: ChartState[], edges: ChartEdge[]): string {
  const BOX_W = 210;
  const BOX_H = 40;
  const GAP = 34;
  const LANE = 16;
  const index = new Map(states.map((s, i) => [s.id, i]));
  const adjacent = (e: ChartEdge) => index.get(e.to)! === index.get(e.from)! + 1;
  const span = (e: ChartEdge) => Math.abs(index.get(e.to)! - index.get(e.from)!);
  const left = edges.filter((e) => !adjacent(e) && index.get(e.to)! > index.get(e.from)!).sort((a, b) => span(a) - span(b));
  const right = edges.filter((e) => index.get(e.to)! < index.get(e.from)!).sort((a, b) => span(a) - span(b));
  const x0 = 30 + (left.length + 1) * LANE;
  const width = x0 + BOX_W + (right.length + 1) * LANE + 30;
  const top = (i: number) => 16 + i * (BOX_H + GAP);
  const mid = (i: number) => top(i) + BOX_H / 2;
  const height = top(states.length - 1) + BOX_H + 16;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc" class="statechart">`,
  );
  out.push(
    `<title id="chart-title">Sơ đồ trạng thái của quy trình kế hoạch</title><desc id="chart-desc">Trạng thái hiện tại: ${escape(states.find((s) => s.current)?.label ?? '')}. Các bước đã đi qua được tô đậm; bảng bên cạnh liệt kê từng chuyển trạng thái theo số.</desc>`,
  );
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b6475"/></marker><marker id="arrow-taken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#a4161a"/></marker></defs>',
  );
  const stroke = (e: ChartEdge) =>
    e.taken ? 'stroke="#a4161a" stroke-width="2.5" marker-end="url(#arrow-taken)"' : 'stroke="#8f98a8" stroke-width="1.2" marker-end="url(#arrow)"';
  const marker = (x: number, y: number, e: ChartEdge) =>
    `<g class="edge-no"><circle cx="${x}" cy="${y}" r="8" fill="${e.taken ? '#a4161a' : '#fff'}" stroke="${e.taken ? '#a4161a' : '#8f98a8'}"/><text x="${x}" y="${y + 3.5}" text-anchor="middle" font-size="10" fill="${e.taken ? '#fff' : '#1d2433'}">${e.n}</text></g>`;
  for (const e of edges.filter(adjacent)) {
    const i = index.get(e.from)!;
    const x = x0 + BOX_W / 2;
    out.push(`<path d="M${x},${top(i) + BOX_H} L${x},${top(i + 1) - 2}" fill="none" ${stroke(e)}><title>${escape(e.label)}</title></path>`);
    out.push(marker(x + 18, (top(i) + BOX_H + top(i + 1)) / 2, e));
  }
  left.forEach((e, lane) => {
    const x = x0 - (lane + 1) * LANE;
    const a = mid(index.get(e.from)!) + 6;
    const b = mid(index.get(e.to)!) - 6;
    out.push(`<path d="M${x0},${a} L${x},${a} L${x},${b} L${x0 - 2},${b}" fill="none" ${stroke(e)}><title>${escape(e.label)}</title></path>`);
    out.push(marker(x, (a + b) / 2 + (lane % 2) * 14, e));
  });
  right.forEach((e, lane) => {
    const x = x0 + BOX_W + (lane + 1) * LANE;
    const a = mid(index.get(e.from)!) - 6;
    const b = mid(index.get(e.to)!) + 6;
    out.push(
      `<path d="M${x0 + BOX_W},${a} L${x},${a} L${x},${b} L${x0 + BOX_W + 2},${b}" fill="none" ${stroke(e)}><title>${escape(e.label)}</title></path>`,
    );
    out.push(marker(x, (a + b) / 2 + (lane % 2) * 14, e));
  });
  states.forEach((s, i) => {
    const fill = s.current ? '#a4161a' : s.visited ? '#fde8e8' : '#ffffff';
    const color = s.current ? '#ffffff' : '#1d2433';
    out.push(
      `<g class="state${s.current ? ' current' : ''}${s.visited ? ' visited' : ''}"><rect x="${x0}" y="${top(i)}" width="${BOX_W}" height="${BOX_H}" rx="${s.final ? 18 : 8}" fill="${fill}" stroke="${s.visited ? '#a4161a' : '#8f98a8'}" stroke-width="${s.current ? 3 : 1.5}"/>` +
        `<text x="${x0 + BOX_W / 2}" y="${top(i) + (s.selfEvents.length ? 17 : 25)}" text-anchor="middle" font-size="14" font-weight="${s.current ? 700 : 600}" fill="${color}">${escape(s.label)}</text>` +
        (s.selfEvents.length
          ? `<text x="${x0 + BOX_W / 2}" y="${top(i) + 32}" text-anchor="middle" font-size="9.5" fill="${color}">↻ ${escape(s.selfEvents.join(', '))}</text>`
          : '') +
        '</g>',
    );
  });
  out.push('</svg>');
  return out.join('');
}
