import { Tag } from 'antd';
import { useDict } from '../hooks/useDict';

interface Props {
  /** Dictionary type code, e.g. `sys_normal_disable`. */
  dict: string;
  value: string | null | undefined;
}

/** A dictionary value as a coloured tag, labelled in the current language. */
export function DictTag({ dict, value }: Props) {
  const { find } = useDict(dict);
  if (value === null || value === undefined || value === '') return null;
  const item = find(value);
  return <Tag color={item?.color && item.color !== 'default' ? item.color : undefined}>{item?.text ?? value}</Tag>;
}
