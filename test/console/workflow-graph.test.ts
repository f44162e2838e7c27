/** The state machine graph the console draws: every state of the ASL file is a box, every transition a line between boxes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transitionsOf, workflowGraph } from '#functions/console/workflow-graph.ts';

describe('the ClaimLifecycle graph', () => {
  it('has every state laid out and every Next, Choice, Default and Catch as an edge between states', async () => {
    const text = readFileSync('workflows/claim-lifecycle.asl.json', 'utf8');
    const asl = JSON.parse(text) as { States: Record<string, { Catch?: { Next: string }[] }> };
    const graph = await workflowGraph(text);
    const names = Object.keys(asl.States);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([...names].sort());
    for (const edge of graph.edges) expect(names).toContain(edge.target);
    expect(new Set(graph.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(names.length);
    const catches = Object.entries(asl.States).flatMap(([name, s]) => (s.Catch ?? []).map((c) => `${name}>${c.Next}`));
    const drawn = graph.edges.map((e) => e.id);
    for (const id of catches) expect(drawn).toContain(id);
  });

  it('draws a transition once however many rules lead along it', () => {
    expect(
      transitionsOf({
        A: { Type: 'Choice', Choices: [{ Next: 'B' }, { Next: 'B' }], Default: 'C' },
        B: { Type: 'Succeed' },
        C: { Type: 'Fail' },
      }),
    ).toEqual([
      { id: 'A>B', source: 'A', target: 'B', kind: 'choice' },
      { id: 'A>C', source: 'A', target: 'C', kind: 'choice' },
    ]);
  });
});
