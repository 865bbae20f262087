import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18n from '../i18n';

interface Props {
  children: ReactNode;
}

/** Keeps a crashing page from taking the shell down; the layout resets it on navigation (key). */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={i18n.t('result.error')}
        subTitle={i18n.t('result.errorHint')}
        extra={
          <Button type="primary" onClick={() => this.setState({ error: null })}>
            {i18n.t('result.retry')}
          </Button>
        }
      />
    );
  }
}
