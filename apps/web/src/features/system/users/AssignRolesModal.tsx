import { useQueryClient } from '@tanstack/react-query';
import { Checkbox, Flex, Form, Modal, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { User } from '../../../api/types';
import { RegionPicker } from '../../../components/RegionPicker';
import { useCurrentUser } from '../../../hooks/useMe';
import { feedback } from '../../../utils/feedback';
import { fetchUser, USERS_KEY, useRoleOptions, useUserMutations } from './users.api';

/** 分配角色与数据范围: the server refuses roles beyond the assigner's own powers and mixed admin duties (三员分立). */
export function AssignRolesModal({ user: initial, onClose }: { user: User; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [user, setUser] = useState(initial);
  const [form] = Form.useForm<{ roleIds: string[]; scopes: string[] }>();
  const me = useCurrentUser();
  const nationwide = me.scopes.some((s) => s.code === '');
  const queryClient = useQueryClient();
  const roles = useRoleOptions(true);
  const { assignRoles } = useUserMutations();
  const english = i18n.language === 'en-US';

  const reload = async () => {
    const fresh = await fetchUser(user.id);
    setUser(fresh);
    form.setFieldsValue({ roleIds: fresh.roles.map((r) => r.id), scopes: fresh.scopes });
    queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
  };

  return (
    <Modal
      open
      title={t('users.assignRoleOf', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={assignRoles.isPending}
      okText={t('common.save')}
    >
      {roles.isLoading ? (
        <Spin />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ roleIds: user.roles.map((r) => r.id), scopes: user.scopes }}
          onFinish={({ roleIds, scopes }) =>
            assignRoles.mutate(
              { id: user.id, roleIds, scopes, version: user.version },
              {
                onSuccess: () => {
                  feedback.message.success(t('common.saved'));
                  onClose();
                },
                onError: (err) => handleProblem(err, { form, onConflict: reload }),
              },
            )
          }
        >
          <Form.Item name="roleIds" label={t('users.roles')}>
            <Checkbox.Group style={{ width: '100%' }}>
              <Flex vertical gap={8}>
                {(roles.data ?? []).map((r) => (
                  <Checkbox key={r.id} value={r.id}>
                    {english ? r.nameEn || r.name : r.name} <Tag style={{ marginLeft: 4 }}>{r.code}</Tag>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('users.scopes')}
            extra={t('users.scopesHint')}
            rules={[{ required: true, message: t('users.scopesRequired') }]}
          >
            <RegionPicker multiple nationwide={nationwide} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
