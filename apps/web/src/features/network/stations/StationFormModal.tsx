import { zPhone } from '@lianxin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleProblem, problemOf } from '../../../api/problem';
import type { Station } from '../../../api/types';
import { RegionPicker } from '../../../components/RegionPicker';
import { useDict } from '../../../hooks/useDict';
import { useCurrentUser } from '../../../hooks/useMe';
import { feedback } from '../../../utils/feedback';
import { fromDay, todayInChina, toDay } from '../../../utils/format';
import { sharedRule } from '../../../utils/validation';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import {
  CONFIRMABLE_COORDS,
  fetchStation,
  STATIONS_KEY,
  type StationCreateBody,
  TOWN_TAKEN,
  useStationMutations,
} from './stations.api';

interface Values {
  kind: Station['kind'];
  regionCode: string;
  name: string;
  organizationId?: string | null;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  coordConfirmed?: boolean;
  openingHours?: string;
  phone?: string;
  services?: string[];
  demonstration?: boolean;
  demonstrationLevel?: Station['demonstrationLevel'];
  demonstrationYear?: number | null;
  hidden?: boolean;
  status?: 'planned' | 'operating';
  openedOn?: Dayjs | null;
  suspendedOn?: Dayjs | null;
  closedOn?: Dayjs | null;
  overrideReason?: string;
}

interface Props {
  /** The station to edit; none to register one. */
  station?: Station;
  onClose: () => void;
}

const initialOf = (s: Station): Values => ({
  kind: s.kind,
  regionCode: s.regionCode,
  name: s.name,
  organizationId: s.organization?.id ?? null,
  address: s.address,
  lng: s.lng,
  lat: s.lat,
  coordConfirmed: s.coordConfirmed,
  openingHours: s.openingHours,
  phone: s.phone,
  services: s.services,
  demonstration: s.demonstration,
  demonstrationLevel: s.demonstrationLevel,
  demonstrationYear: s.demonstrationYear,
  hidden: s.hidden,
  openedOn: fromDay(s.openedOn),
  suspendedOn: fromDay(s.suspendedOn),
  closedOn: fromDay(s.closedOn),
});

/**
 * 新增站点 / 编辑站点. Two server rules ask the user to confirm rather than refuse: unusual
 * coordinates (the server names the field; the form then offers 坐标已核实) and a second operating
 * town station in a town (the form then asks for the 例外原因). Both are resubmitted with the answer.
 */
export function StationFormModal({ station: initial, onClose }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [station, setStation] = useState(initial);
  const [askConfirm, setAskConfirm] = useState(!!initial?.coordConfirmed);
  const [askOverride, setAskOverride] = useState(false);
  const { create, update } = useStationMutations();
  const kinds = useDict('station_kind');
  const statuses = useDict('station_status');
  const services = useDict('station_service');
  const levels = useDict('demonstration_level');
  const kind = Form.useWatch('kind', form);
  const demonstration = Form.useWatch('demonstration', form);
  const status = Form.useWatch('status', form);
  const nationwide = me.scopes.some((s) => s.code === '');

  const reload = async () => {
    if (!station) return;
    const fresh = await fetchStation(station.id);
    setStation(fresh);
    form.setFieldsValue(initialOf(fresh));
    queryClient.invalidateQueries({ queryKey: [STATIONS_KEY] });
  };
  const onError = (err: unknown) => {
    const problem = problemOf(err);
    const keys = new Set(problem.errors?.map((e) => e.key));
    if (CONFIRMABLE_COORDS.some((k) => keys.has(k))) setAskConfirm(true);
    if (keys.has(TOWN_TAKEN)) setAskOverride(true);
    handleProblem(err, { form, onConflict: reload });
  };
  const done = () => {
    feedback.message.success(t('common.saved'));
    onClose();
  };

  const submit = (v: Values) => {
    const fields: StationCreateBody = {
      kind: v.kind,
      regionCode: v.regionCode,
      name: v.name.trim(),
      organizationId: v.organizationId ?? null,
      address: v.address?.trim() ?? '',
      lng: v.lng ?? null,
      lat: v.lat ?? null,
      openingHours: v.openingHours?.trim() ?? '',
      phone: v.phone?.trim() || null,
      services: v.services ?? [],
      demonstration: !!v.demonstration,
      demonstrationLevel: v.demonstration ? (v.demonstrationLevel ?? null) : null,
      demonstrationYear: v.demonstration ? (v.demonstrationYear ?? null) : null,
      hidden: !!v.hidden,
      coordConfirmed: !!v.coordConfirmed,
      ...(v.overrideReason?.trim() ? { overrideReason: v.overrideReason.trim() } : {}),
    };
    if (station) {
      const dates = {
        ...(station.status !== 'planned' ? { openedOn: toDay(v.openedOn) } : {}),
        ...(station.status === 'suspended' ? { suspendedOn: toDay(v.suspendedOn) } : {}),
        ...(station.status === 'closed' ? { closedOn: toDay(v.closedOn) } : {}),
      };
      update.mutate({ id: station.id, ...fields, ...dates, version: station.version }, { onSuccess: done, onError });
    } else {
      const operating = v.status === 'operating';
      create.mutate(
        { ...fields, status: v.status, openedOn: operating ? toDay(v.openedOn) : null },
        { onSuccess: done, onError },
      );
    }
  };

  const dateRule = (message: string) => [{ required: true, message }];
  const pairRule = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: () =>
      (getFieldValue('lng') == null) === (getFieldValue('lat') == null)
        ? Promise.resolve()
        : Promise.reject(new Error(t('stations.coordPair'))),
  });

  return (
    <Modal
      open
      title={station ? t('stations.edit') : t('stations.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okText={t('common.save')}
      width={800}
    >
      <Form
        form={form}
        name="station"
        layout="vertical"
        initialValues={
          station
            ? initialOf(station)
            : {
                kind: 'town',
                status: 'planned',
                openedOn: todayInChina(),
                services: [],
                demonstration: false,
                hidden: false,
              }
        }
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // The confirmation answers the server's question about the point: its message goes.
          if (changed.coordConfirmed)
            form.setFields([
              { name: 'lng', errors: [] },
              { name: 'lat', errors: [] },
            ]);
          // A confirmation was for the old point: a moved station is confirmed again (the server asks).
          if (('lng' in changed || 'lat' in changed || 'regionCode' in changed) && form.getFieldValue('coordConfirmed'))
            form.setFieldValue('coordConfirmed', false);
          if (changed.overrideReason) form.setFields([{ name: 'regionCode', errors: [] }]);
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="kind"
              label={t('stations.kind')}
              rules={[{ required: true, message: t('stations.kindRequired') }]}
            >
              <Select options={kinds.options} loading={kinds.loading} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="regionCode"
              label={t('stations.region')}
              extra={kind ? t(`stations.regionHint.${kind}`) : undefined}
              rules={[{ required: true, message: t('stations.regionRequired') }]}
            >
              <RegionPicker nationwide={nationwide} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {askOverride && (
            <Col span={24}>
              <Form.Item
                name="overrideReason"
                label={t('stations.overrideReason')}
                extra={t('stations.overrideReasonHint')}
                rules={[
                  { required: true, whitespace: true, message: t('stations.overrideReasonRequired') },
                  { max: 200 },
                ]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('stations.name')}
              rules={[{ required: true, whitespace: true, message: t('stations.nameRequired') }, { max: 80 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="organizationId" label={t('stations.organization')}>
              <OrganizationSelect current={station?.organization} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('stations.address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="lng"
              label={t('stations.lng')}
              dependencies={['lat']}
              rules={[pairRule]}
              extra={t('stations.coordHint')}
            >
              <InputNumber min={-180} max={180} precision={6} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="lat" label={t('stations.lat')} dependencies={['lng']} rules={[pairRule]}>
              <InputNumber min={-90} max={90} precision={6} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            {askConfirm && (
              <Form.Item
                name="coordConfirmed"
                label=" "
                valuePropName="checked"
                extra={t('stations.coordConfirmedHint')}
              >
                <Checkbox>{t('stations.coordConfirmed')}</Checkbox>
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="openingHours" label={t('stations.openingHours')} rules={[{ max: 200 }]}>
              <Input placeholder={t('stations.openingHoursPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('stations.phone')} rules={[sharedRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="services" label={t('stations.services')}>
              <Select
                mode="multiple"
                options={services.options}
                loading={services.loading}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="demonstration" label={t('stations.demonstration')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {demonstration && (
            <>
              <Col span={9}>
                <Form.Item name="demonstrationLevel" label={t('stations.demonstrationLevel')}>
                  <Select allowClear options={levels.options} />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item name="demonstrationYear" label={t('stations.demonstrationYear')}>
                  <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item
              name="hidden"
              label={t('stations.hidden')}
              valuePropName="checked"
              extra={t('stations.hiddenHint')}
            >
              <Switch />
            </Form.Item>
          </Col>
          {!station && (
            <>
              <Col span={12}>
                <Form.Item name="status" label={t('stations.initialStatus')} extra={t('stations.initialStatusHint')}>
                  <Radio.Group
                    options={statuses.options.filter((o) => o.value === 'planned' || o.value === 'operating')}
                  />
                </Form.Item>
              </Col>
              {status === 'operating' && (
                <Col span={12}>
                  <Form.Item
                    name="openedOn"
                    label={t('stations.openedOn')}
                    rules={dateRule(t('stations.openedOnRequired'))}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
            </>
          )}
          {station && station.status !== 'planned' && (
            <Col span={8}>
              <Form.Item
                name="openedOn"
                label={t('stations.openedOn')}
                rules={dateRule(t('stations.openedOnRequired'))}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {station?.status === 'suspended' && (
            <Col span={8}>
              <Form.Item name="suspendedOn" label={t('stations.suspendedOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {station?.status === 'closed' && (
            <Col span={8}>
              <Form.Item name="closedOn" label={t('stations.closedOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {station && <Alert type="info" showIcon title={t('stations.statusByAction')} />}
      </Form>
    </Modal>
  );
}
