import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';

export interface PageParams {
  page: number;
  pageSize: number;
}

export interface ListResult<R> {
  rows: R[];
  total: number;
}

/**
 * The state of a RuoYi-style list page: filters from the SearchForm, the page, and the query.
 * Changing the filters goes back to page 1.
 */
export function useListQuery<F extends object, R>(
  key: string,
  fetch: (params: F & PageParams) => Promise<ListResult<R>>,
  initialFilters = {} as F,
) {
  const [filters, setFilters] = useState<F>(initialFilters);
  const [page, setPage] = useState<PageParams>({ page: 1, pageSize: 20 });
  const params = { ...filters, ...page };
  const query = useQuery({ queryKey: [key, params], queryFn: () => fetch(params), placeholderData: keepPreviousData });
  const pagination: TablePaginationConfig = {
    current: page.page,
    pageSize: page.pageSize,
    total: query.data?.total ?? 0,
    onChange: (p, s) => setPage({ page: s === page.pageSize ? p : 1, pageSize: s }),
  };
  return {
    query,
    rows: query.data?.rows ?? [],
    filters,
    search: (f: F) => {
      setFilters(f);
      setPage((s) => ({ ...s, page: 1 }));
    },
    pagination,
  };
}
