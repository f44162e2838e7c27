/**
 * A state machine's graph for drawing: its top-level states and the transitions between them (Next,
 * Default, Choice rules, Catch), laid out by elkjs on the server so the browser only draws boxes and
 * lines (and the page needs no script beyond its own bundle).
 */
import { createRequire } from 'node:module';
import type { ELK as Elk, ElkNode } from 'elkjs/lib/elk-api.js';

// elkjs is CommonJS: its module.exports is the constructor.
const ELK = createRequire(import.meta.url)('elkjs/lib/elk.bundled.js') as new () => Elk;

export interface GraphNode {
  readonly id: string;
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** `catch` for an error path, `choice` for a Choice rule or default, `next` otherwise. */
  readonly kind: 'next' | 'choice' | 'catch';
}

export interface WorkflowGraph {
  readonly startAt: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

interface AslState {
  Type: string;
  Next?: string;
  Default?: string;
  Choices?: { Next?: string }[];
  Catch?: { Next?: string }[];
}

/** The transitions of an ASL definition's top-level states, each once. */
export function transitionsOf(states: Record<string, AslState>): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string | undefined, kind: GraphEdge['kind']) => {
    if (!target || !states[target] || seen.has(`${source}>${target}`)) return;
    seen.add(`${source}>${target}`);
    edges.push({ id: `${source}>${target}`, source, target, kind });
  };
  for (const [name, state] of Object.entries(states)) {
    add(name, state.Next, 'next');
    for (const rule of state.Choices ?? []) add(name, rule.Next, 'choice');
    add(name, state.Default, 'choice');
    for (const handler of state.Catch ?? []) add(name, handler.Next, 'catch');
  }
  return edges;
}

const WIDTH = 190;
const HEIGHT = 36;

/** Lays out an ASL definition (its JSON text) top to bottom. */
export async function workflowGraph(definition: string): Promise<WorkflowGraph> {
  const asl = JSON.parse(definition) as { StartAt: string; States: Record<string, AslState> };
  const edges = transitionsOf(asl.States);
  const elk = new ELK();
  const laid = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      // Retries and loops point back up: breaking cycles depth-first keeps StartAt at the top.
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.nodeNode': '24',
    },
    children: Object.keys(asl.States).map((id) => ({ id, width: WIDTH, height: HEIGHT })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return {
    startAt: asl.StartAt,
    nodes: (laid.children ?? []).map((n: ElkNode) => ({
      id: n.id,
      type: asl.States[n.id]!.Type,
      x: n.x ?? 0,
      y: n.y ?? 0,
      width: n.width ?? WIDTH,
      height: n.height ?? HEIGHT,
    })),
    edges,
  };
}
