import { ImportOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Spin, Tree } from 'antd';
import type { GetRef } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../../../api/problem';
import { fetchRegion } from '../../../api/regions';
import { usePermission } from '../../../hooks/usePermission';
import { ImportModal } from './ImportModal';
import { RegionDetail } from './RegionDetail';
import { RegionKindTag } from './RegionKindTag';
import { RegionSearch } from './RegionSearch';
import { type RegionTreeNode, useRegionTree } from './useRegionTree';

/** 行政区划: the hierarchy as a lazy tree, search by name or pinyin initials, and a detail panel. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const tree = useRegionTree();
  const [selected, setSelected] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  const go = (code: string) => {
    tree.reveal(code).then(() => {
      setSelected(code);
      // Let the Tree render the newly loaded levels before scrolling to the node.
      requestAnimationFrame(() => treeRef.current?.scrollTo({ key: code, align: 'top' }));
    }, showProblem);
  };

  // Fetched before it is shown, as `go` does: the detail panel then renders from the cache.
  const select = (code: string | null) => {
    if (!code) return setSelected(null);
    fetchRegion(code).then(() => setSelected(code), showProblem);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card
          title={t('menu.regions')}
          extra={
            can('system:region:import') && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('regions.import')}
              </Button>
            )
          }
        >
          <Flex vertical gap={12}>
            <RegionSearch onSelect={go} />
            {tree.loading ? (
              <Spin />
            ) : (
              <Tree<RegionTreeNode>
                key={tree.generation}
                ref={treeRef}
                aria-label={t('menu.regions')}
                height={560}
                treeData={tree.treeData}
                expandedKeys={tree.expandedKeys}
                onExpand={(keys) => tree.setExpandedKeys(keys.map(String))}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => select(keys.length ? String(keys[0]) : null)}
                loadData={(node) => tree.loadChildren(node.key)}
                titleRender={(node) => (
                  <span>
                    {node.region.name} ({node.region.code}) <RegionKindTag kind={node.region.kind} />
                  </span>
                )}
              />
            )}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('regions.detail')}>
          <RegionDetail code={selected} onNavigate={go} />
        </Card>
      </Col>
      {importing && (
        <ImportModal
          onClose={() => setImporting(false)}
          onImported={() => {
            tree.reload();
            setSelected(null);
          }}
        />
      )}
    </Row>
  );
}
