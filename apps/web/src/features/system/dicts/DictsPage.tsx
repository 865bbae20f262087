import { Col, Row } from 'antd';
import { useState } from 'react';
import type { DictType } from '../../../api/types';
import { DictItemPane } from './DictItemPane';
import { DictTypePane } from './DictTypePane';

/** 字典管理: types on the left, the selected type's items on the right. */
export default function DictsPage() {
  const [selected, setSelected] = useState<DictType>();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <DictTypePane selected={selected} onSelect={setSelected} />
      </Col>
      <Col xs={24} xl={14}>
        <DictItemPane type={selected} />
      </Col>
    </Row>
  );
}
