/** A workflow's state machine drawn with React Flow from the server's elkjs layout; states coloured by what happened. */
import { Background, Controls, ReactFlow, type Edge, type Node } from '@xyflow/react';
import type { GraphData } from './api.ts';

/** What happened in a state: the legend's words. */
export type StateMark = 'current' | 'succeeded' | 'failed' | 'visited';

const colours: Record<StateMark | 'none', { background: string; border: string; color: string }> = {
  current: { background: '#dbeafe', border: '#1d4ed8', color: '#0b1f4d' },
  succeeded: { background: '#dcfce7', border: '#15803d', color: '#052e16' },
  failed: { background: '#fee2e2', border: '#b91c1c', color: '#450a0a' },
  visited: { background: '#f1f5f9', border: '#475569', color: '#0f172a' },
  none: { background: '#ffffff', border: '#cbd5e1', color: '#334155' },
};

export function Legend() {
  return (
    <ul className="legend" aria-label="Graph legend">
      {(['current', 'visited', 'succeeded', 'failed'] as const).map((mark) => (
        <li key={mark}>
          <span className="swatch" style={{ background: colours[mark].background, borderColor: colours[mark].border }} /> {mark}
        </li>
      ))}
    </ul>
  );
}

/** The graph; `marks` colours states, `counts` writes how many executions sit in each. */
export function WorkflowGraph({
  graph,
  marks = {},
  counts,
  label,
}: {
  graph: GraphData;
  marks?: Record<string, StateMark>;
  counts?: Record<string, number>;
  label: string;
}) {
  const nodes: Node[] = graph.nodes.map((n) => {
    const c = colours[marks[n.id] ?? 'none'];
    const count = counts?.[n.id];
    return {
      id: n.id,
      position: { x: n.x, y: n.y },
      data: { label: count ? `${n.id} (${count})` : n.id },
      draggable: false,
      connectable: false,
      style: {
        width: n.width,
        height: n.height,
        fontSize: 12,
        padding: 4,
        background: c.background,
        borderColor: c.border,
        color: c.color,
        borderWidth: marks[n.id] ? 2 : 1,
      },
    };
  });
  const edges: Edge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    style: { stroke: e.kind === 'catch' ? '#b91c1c' : '#64748b', strokeDasharray: e.kind === 'catch' ? '4 3' : undefined },
  }));
  return (
    <figure className="graph" aria-label={label}>
      <ReactFlow nodes={nodes} edges={edges} fitView minZoom={0.05} nodesDraggable={false} nodesConnectable={false}>
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </figure>
  );
}
