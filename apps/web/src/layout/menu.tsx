import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  ClusterOutlined,
  ContainerOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HomeOutlined,
  IdcardOutlined,
  LinkOutlined,
  LoginOutlined,
  PieChartOutlined,
  ReadOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../hooks/usePermission';
import { permissionOf } from './routes';

type Item = NonNullable<MenuProps['items']>[number];

interface Entry {
  key: string;
  label: ParseKeys;
  icon: ReactNode;
  children?: Entry[];
}

const MENU: Entry[] = [
  { key: '/', label: 'menu.home', icon: <HomeOutlined /> },
  {
    key: 'network',
    label: 'menu.network',
    icon: <ClusterOutlined />,
    children: [
      { key: '/network/stations', label: 'menu.stations', icon: <EnvironmentOutlined /> },
      { key: '/network/organizations', label: 'menu.organizations', icon: <BankOutlined /> },
      { key: '/network/pairings', label: 'menu.pairings', icon: <LinkOutlined /> },
      { key: '/network/coverage', label: 'menu.coverage', icon: <PieChartOutlined /> },
      { key: '/network/directory', label: 'menu.directory', icon: <SwapOutlined /> },
    ],
  },
  {
    key: 'talent',
    label: 'menu.talent',
    icon: <SolutionOutlined />,
    children: [
      { key: '/talent/workers', label: 'menu.workers', icon: <IdcardOutlined /> },
      { key: '/talent/exams', label: 'menu.exams', icon: <AuditOutlined /> },
      { key: '/talent/development', label: 'menu.development', icon: <ReadOutlined /> },
      { key: '/talent/trainings', label: 'menu.trainings', icon: <ScheduleOutlined /> },
      { key: '/talent/positions', label: 'menu.positions', icon: <ContainerOutlined /> },
      { key: '/talent/targets', label: 'menu.targets', icon: <AimOutlined /> },
      { key: '/talent/stats', label: 'menu.talentStats', icon: <BarChartOutlined /> },
      { key: '/talent/compliance', label: 'menu.compliance', icon: <AlertOutlined /> },
    ],
  },
  {
    key: 'system',
    label: 'menu.system',
    icon: <SettingOutlined />,
    children: [
      { key: '/system/users', label: 'menu.users', icon: <UserOutlined /> },
      { key: '/system/roles', label: 'menu.roles', icon: <TeamOutlined /> },
      { key: '/system/regions', label: 'menu.regions', icon: <GlobalOutlined /> },
      { key: '/system/dicts', label: 'menu.dicts', icon: <BookOutlined /> },
      { key: '/system/params', label: 'menu.params', icon: <ToolOutlined /> },
    ],
  },
  {
    key: 'monitor',
    label: 'menu.monitor',
    icon: <DashboardOutlined />,
    children: [{ key: '/monitor/online', label: 'menu.online', icon: <ApartmentOutlined /> }],
  },
  {
    key: 'logs',
    label: 'menu.logs',
    icon: <FileSearchOutlined />,
    children: [
      { key: '/logs/operation', label: 'menu.operationLog', icon: <FileTextOutlined /> },
      { key: '/logs/login', label: 'menu.loginLog', icon: <LoginOutlined /> },
    ],
  },
];

/** The group a page belongs to, to open it in the side menu. */
export function menuGroupOf(path: string): string | undefined {
  return MENU.find((g) => g.children?.some((c) => c.key === path))?.key;
}

/** The side menu, trimmed to the pages the user may open; an empty group disappears. */
export function useMenuItems(): MenuProps['items'] {
  const { t } = useTranslation();
  const can = usePermission();
  const visible = (e: Entry) => {
    const permission = permissionOf(e.key);
    return !permission || can(permission);
  };
  const leaf = (e: Entry): Item => ({ key: e.key, icon: e.icon, label: <Link to={e.key}>{t(e.label)}</Link> });
  return MENU.flatMap((e): Item[] => {
    if (!e.children) return visible(e) ? [leaf(e)] : [];
    const children = e.children.filter(visible).map(leaf);
    return children.length ? [{ key: e.key, icon: e.icon ?? <SafetyOutlined />, label: t(e.label), children }] : [];
  });
}
