import { Cascader } from 'antd';
import { type CSSProperties, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from '../api/problem';
import { fetchRegion, fetchRegionChildren, ROOT } from '../api/regions';
import type { RegionNode } from '../api/types';
import { useCurrentUser } from '../hooks/useMe';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
  loading?: boolean;
}

interface BaseProps {
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: CSSProperties;
  /** Offer 全国 (code '') as a choice; only for users whose own scope is nationwide. */
  nationwide?: boolean;
  'aria-label'?: string;
}
interface SingleProps extends BaseProps {
  multiple?: false;
  value?: string;
  onChange?: (code: string | undefined) => void;
}
interface MultipleProps extends BaseProps {
  multiple: true;
  value?: string[];
  onChange?: (codes: string[]) => void;
}

/** Cascader values cannot be empty strings; 全国 travels as this sentinel inside the picker. */
const NATIONWIDE = '*';
const toOption = (n: RegionNode): Option => ({ value: n.code, label: n.name, isLeaf: !n.hasChildren });
const fromValue = (v: string) => (v === NATIONWIDE ? '' : v);

function findPath(options: Option[] | undefined, code: string): string[] | null {
  for (const o of options ?? []) {
    if (o.value === code) return [o.value];
    if (o.children && code.startsWith(o.value)) {
      const rest = findPath(o.children, code);
      if (rest) return [o.value, ...rest];
    }
  }
  return null;
}

/**
 * Region code picker: a Cascader that loads each level on demand (`/regions/root/children`,
 * then `/regions/{code}/children`), any level selectable. The value is the region code; the
 * server only returns regions within the user's data scope, so the choice is limited to it.
 */
export function RegionPicker(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const tree = useRef<Option[]>([]);
  const [, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const [ready, setReady] = useState(false);

  const loadChildren = useCallback(
    async (option: Option) => {
      if (option.children || option.isLeaf) return;
      option.loading = true;
      refresh();
      try {
        option.children = (await fetchRegionChildren(option.value)).map(toOption);
      } catch (err) {
        // Left without children, so the next click on the region tries again.
        showProblem(err);
      } finally {
        option.loading = false;
        refresh();
      }
    },
    [refresh],
  );

  // The picker starts at the user's own scope (端州区 for a county administrator), not at the
  // ancestors the API also lets them see: an ancestor is never a valid choice for them.
  const me = useCurrentUser();
  // As a string, so the effect runs when the scopes change, not on every new array.
  const scopeRootsJson = JSON.stringify(me.scopes.some((s) => s.code === '') ? null : me.scopes);
  useEffect(() => {
    let live = true;
    const scopeRoots: { code: string; name: string }[] | null = JSON.parse(scopeRootsJson);
    const roots = scopeRoots
      ? Promise.resolve(scopeRoots.map((s) => ({ value: s.code, label: s.name, isLeaf: s.code.length === 12 })))
      : fetchRegionChildren(ROOT).then((rows) => rows.map(toOption));
    roots.then((options) => {
      if (!live) return;
      tree.current = options;
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [scopeRootsJson]);

  const codes = (props.multiple ? (props.value ?? []) : props.value ? [props.value] : []).filter((c) => c !== '');
  const codesKey = codes.join(',');

  // Loads the levels above a preset value so the Cascader can show its full path.
  useEffect(() => {
    if (!ready) return;
    let live = true;
    (async () => {
      for (const code of codesKey ? codesKey.split(',') : []) {
        if (findPath(tree.current, code)) continue;
        const detail = await fetchRegion(code).catch(() => null);
        if (!detail || !live) return;
        const chain = [...[...detail.ancestors].sort((a, b) => a.code.length - b.code.length).map((a) => a.code), code];
        let level: Option[] | undefined = tree.current;
        for (const step of chain) {
          const option: Option | undefined = level?.find((o) => o.value === step);
          if (!option) {
            if (level === tree.current) continue; // above the user's visible top level
            break;
          }
          if (step === code) break;
          await loadChildren(option);
          level = option.children;
        }
      }
      if (live) refresh();
    })();
    return () => {
      live = false;
    };
  }, [ready, codesKey, loadChildren, refresh]);

  const pathOf = (code: string) => (code === '' ? [NATIONWIDE] : (findPath(tree.current, code) ?? [code]));
  const common = {
    id: props.id,
    options: [
      ...(props.nationwide ? [{ value: NATIONWIDE, label: t('region.nationwide'), isLeaf: true }] : []),
      ...tree.current,
    ],
    loadData: (selected: Option[]) => {
      const last = selected[selected.length - 1];
      if (last) loadChildren(last);
    },
    changeOnSelect: true,
    placeholder: props.placeholder ?? t('region.placeholder'),
    disabled: props.disabled,
    allowClear: props.allowClear ?? true,
    style: props.style ?? { minWidth: 240 },
    'aria-label': props['aria-label'],
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <Cascader<Option>
        {...common}
        multiple
        maxTagCount="responsive"
        showCheckedStrategy={Cascader.SHOW_PARENT}
        value={(props.value ?? []).map(pathOf)}
        onChange={(paths) => onChange?.((paths ?? []).map((p) => fromValue(String(p[p.length - 1]))))}
      />
    );
  }
  const { onChange } = props;
  return (
    <Cascader<Option>
      {...common}
      value={props.value !== undefined && props.value !== null ? pathOf(props.value) : undefined}
      onChange={(path) => onChange?.(path?.length ? fromValue(String(path[path.length - 1])) : undefined)}
    />
  );
}
