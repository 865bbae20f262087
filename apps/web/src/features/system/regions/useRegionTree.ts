import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchRegion, fetchRegionChildren, ROOT } from '../../../api/regions';
import type { RegionNode } from '../../../api/types';

export interface RegionTreeNode {
  key: string;
  region: RegionNode;
  isLeaf: boolean;
  children?: RegionTreeNode[];
}

const toNode = (region: RegionNode): RegionTreeNode => ({ key: region.code, region, isLeaf: !region.hasChildren });

function withChildren(list: RegionTreeNode[], key: string, children: RegionTreeNode[]): RegionTreeNode[] {
  return list.map((n) => {
    if (n.key === key) return { ...n, children };
    if (n.children && key.startsWith(n.key)) return { ...n, children: withChildren(n.children, key, children) };
    return n;
  });
}

function find(list: RegionTreeNode[] | undefined, key: string): RegionTreeNode | undefined {
  for (const n of list ?? []) {
    if (n.key === key) return n;
    const hit = key.startsWith(n.key) ? find(n.children, key) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The region hierarchy for an antd Tree, loaded a level at a time; `reveal(code)` loads and
 * expands the ancestors of a region found by search.
 */
export function useRegionTree() {
  const [treeData, setTreeData] = useState<RegionTreeNode[]>([]);
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  const [loading, setLoading] = useState(true);
  // A new generation remounts the Tree so it forgets which nodes it had loaded.
  const [generation, setGeneration] = useState(0);
  const current = useRef<RegionTreeNode[]>([]);
  current.current = treeData;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const rows = await fetchRegionChildren(ROOT);
      current.current = rows.map(toNode);
      setTreeData(current.current);
      setExpandedKeys([]);
      setGeneration((g) => g + 1);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    reload();
  }, [reload]);

  const loadChildren = useCallback(async (code: string) => {
    const node = find(current.current, code);
    if (!node || node.children || node.isLeaf) return;
    const children = (await fetchRegionChildren(code)).map(toNode);
    current.current = withChildren(current.current, code, children);
    setTreeData(current.current);
  }, []);

  const reveal = useCallback(
    async (code: string) => {
      const detail = await fetchRegion(code);
      const chain = [...detail.ancestors].sort((a, b) => a.code.length - b.code.length).map((a) => a.code);
      const opened: string[] = [];
      for (const ancestor of chain) {
        if (!find(current.current, ancestor)) continue; // above the user's visible top level
        await loadChildren(ancestor);
        opened.push(ancestor);
      }
      setExpandedKeys((keys) => [...new Set([...keys, ...opened])]);
      return detail;
    },
    [loadChildren],
  );

  return { generation, treeData, expandedKeys, setExpandedKeys, loading, loadChildren, reveal, reload };
}
