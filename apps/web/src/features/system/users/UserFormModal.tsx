import { zPersonalPhone } from '@lianxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { User } from '../../../api/types';
import { RegionPicker } from '../../../components/RegionPicker';
import { useDict } from '../../../hooks/useDict';
import { useCurrentUser } from '../../../hooks/useMe';
import { usePermission } from '../../../hooks/usePermission';
import { feedback } from '../../../utils/feedback';
import { usePasswordRule } from '../../auth/usePasswordRule';
import { fetchUser, USERS_KEY, useRoleOptions, useUserMutations } from './users.api';

interface Values {
  username: string;
  displayName: string;
  regionCode: string;
  password: string;
  phone?: string;
  status: 'active' | 'disabled';
  roleIds?: string[];
  scopes?: string[];
}

interface Props {
  /** The user to edit; none to create one. */
  user?: User;
  onClose: () => void;
}

const initialOf = (u: User): Partial<Values> => ({
  displayName: u.displayName,
  regionCode: u.regionCode,
  status: u.status,
  scopes: u.scopes,
  phone: undefined,
});

/** 新增用户 / 编辑用户. The phone is never prefilled (the list only has it masked): left blank, it stays. */
export function UserFormModal({ user: initial, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const can = usePermission();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [user, setUser] = useState(initial);
  const { create, update } = useUserMutations();
  const status = useDict('sys_normal_disable');
  // Scopes are a grant: the security administrator's (or a region administrator's) duty, not the system administrator's.
  const canSetScopes = can('system:user:assign-role');
  const canAssign = !user && canSetScopes;
  const roles = useRoleOptions(canAssign);
  const passwordRule = usePasswordRule();
  const nationwide = me.scopes.some((s) => s.code === '');
  const english = i18n.language === 'en-US';
  const followed = useRef<string | undefined>(me.regionCode || undefined);

  const phoneRule = {
    validator: (_: unknown, v?: string) =>
      !v || zPersonalPhone.safeParse(v).success
        ? Promise.resolve()
        : Promise.reject(new Error(t('users.phoneInvalid'))),
  };

  const reload = async () => {
    if (!user) return;
    const fresh = await fetchUser(user.id);
    setUser(fresh);
    form.setFieldsValue(initialOf(fresh));
    queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
  };

  const submit = (v: Values) => {
    const phone = v.phone?.trim() || undefined;
    if (user) {
      update.mutate(
        {
          id: user.id,
          displayName: v.displayName,
          regionCode: v.regionCode,
          status: v.status,
          scopes: v.scopes,
          ...(phone ? { phone } : {}),
          version: user.version,
        },
        { onSuccess: done, onError: (err) => handleProblem(err, { form, onConflict: reload }) },
      );
    } else {
      create.mutate(
        {
          username: v.username,
          displayName: v.displayName,
          regionCode: v.regionCode,
          password: v.password,
          phone,
          roleIds: v.roleIds,
          scopes: v.scopes,
        },
        { onSuccess: done, onError: (err) => handleProblem(err, { form }) },
      );
    }
  };
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };

  return (
    <Modal
      open
      title={user ? t('users.edit') : t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          user
            ? initialOf(user)
            : {
                status: 'active',
                regionCode: me.regionCode || undefined,
                scopes: me.regionCode ? [me.regionCode] : undefined,
              }
        }
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if (user || !('regionCode' in changed)) return;
          // 数据范围 follows 所属区划 while it is still just the region (or empty).
          const scopes: string[] = form.getFieldValue('scopes') ?? [];
          if (scopes.length === 0 || (scopes.length === 1 && scopes[0] === followed.current)) {
            form.setFieldValue('scopes', changed.regionCode !== undefined ? [changed.regionCode] : []);
          }
          followed.current = changed.regionCode;
        }}
      >
        {!user && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            rules={[
              { required: true, message: t('users.usernameRequired') },
              { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('users.usernameHint') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, message: t('users.displayNameRequired') }, { max: 40 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('users.region')}
          rules={[{ required: true, message: t('users.regionRequired') }]}
        >
          <RegionPicker nationwide={nationwide} style={{ width: '100%' }} />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('password.policy')}
            rules={[{ required: true, message: t('password.newRequired') }, passwordRule]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t('users.phone')}
          extra={user?.phone ? t('users.phoneKeep', { masked: user.phone }) : undefined}
          rules={[phoneRule]}
        >
          <Input autoComplete="off" placeholder={user?.phone ?? undefined} />
        </Form.Item>
        {user && (
          <Form.Item name="status" label={t('users.status')} rules={[{ required: true }]}>
            <Select options={status.options} loading={status.loading} />
          </Form.Item>
        )}
        {canAssign && (
          <Form.Item name="roleIds" label={t('users.roles')}>
            <Select
              mode="multiple"
              loading={roles.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(roles.data ?? []).map((r) => ({ value: r.id, label: english ? r.nameEn || r.name : r.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="scopes"
          label={t('users.scopes')}
          extra={canSetScopes ? t('users.scopesHint') : t('users.scopesSecurityOnly')}
          rules={user ? [{ required: true, message: t('users.scopesRequired') }] : []}
        >
          <RegionPicker multiple nationwide={nationwide} disabled={!canSetScopes} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
