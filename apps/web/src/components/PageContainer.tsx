import { Card, Flex } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  /** The SearchForm row shown above the table card. */
  search?: ReactNode;
  /** Toolbar buttons in the card header. */
  toolbar?: ReactNode;
  children: ReactNode;
}

/** The frame of a console page: search row, then a card with the title, toolbar and content. */
export function PageContainer({ title, search, toolbar, children }: Props) {
  return (
    <Flex vertical gap={16}>
      {search && <Card size="small">{search}</Card>}
      <Card title={title} extra={toolbar}>
        {children}
      </Card>
    </Flex>
  );
}
