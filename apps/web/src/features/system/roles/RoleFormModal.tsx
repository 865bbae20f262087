import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem } from '../../../api/problem';
import type { Role } from '../../../api/types';
import { feedback } from '../../../utils/feedback';
import { PermissionTree } from './PermissionTree';
import { fetchRole, ROLES_KEY, usePermissionCodes, useRoleMutations } from './roles.api';

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  remark?: string;
  permissions: string[];
}

const initialOf = (r: Role): Values => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  remark: r.remark,
  permissions: r.permissions,
});

/** 新增角色 / 编辑角色; a built-in role opens read-only. */
export function RoleFormModal({
  role: initial,
  readOnly: viewOnly,
  onClose,
}: {
  role?: Role;
  readOnly?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [role, setRole] = useState(initial);
  const codes = usePermissionCodes();
  const { create, update } = useRoleMutations();
  const readOnly = !!role?.builtin || !!viewOnly;

  const reload = async () => {
    if (!role) return;
    const fresh = await fetchRole(role.id);
    setRole(fresh);
    form.setFieldsValue(initialOf(fresh));
    queryClient.invalidateQueries({ queryKey: [ROLES_KEY] });
  };
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };
  const submit = ({ code, name, nameEn, remark, permissions }: Values) => {
    const body = { name, nameEn: nameEn ?? '', remark: remark ?? '', permissions };
    if (role)
      update.mutate(
        { id: role.id, ...body, version: role.version },
        { onSuccess: done, onError: (err) => handleProblem(err, { form, onConflict: reload }) },
      );
    else create.mutate({ code, ...body }, { onSuccess: done, onError: (err) => handleProblem(err, { form }) });
  };

  return (
    <Modal
      open
      width={640}
      title={readOnly ? t('roles.view') : role ? t('roles.edit') : t('roles.create')}
      onCancel={onClose}
      onOk={() => (readOnly ? onClose() : form.submit())}
      okText={readOnly ? t('common.close') : t('common.save')}
      cancelButtonProps={readOnly ? { style: { display: 'none' } } : undefined}
      confirmLoading={create.isPending || update.isPending}
    >
      {role?.builtin && <Alert type="info" showIcon title={t('roles.builtinReadOnly')} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={readOnly}
        initialValues={role ? initialOf(role) : { permissions: [] }}
        onFinish={submit}
      >
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={role ? undefined : t('roles.codeHint')}
          rules={[
            { required: true, message: t('roles.codeRequired') },
            { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('roles.codeHint') },
          ]}
        >
          <Input disabled={!!role} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[{ required: true, message: t('roles.nameRequired') }, { max: 40 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[{ max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')} extra={t('roles.permissionsHint')}>
          <PermissionTree codes={codes.data ?? []} disabled={readOnly} />
        </Form.Item>
        <Form.Item name="remark" label={t('common.remark')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
