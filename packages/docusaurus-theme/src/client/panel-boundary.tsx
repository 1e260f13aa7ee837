import Translate from '@docusaurus/Translate';
import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = {
  children: ReactNode;
  position: 'bottom-right' | 'bottom-left';
  /** Load the panel again (a new chunk request) and render it afresh. */
  onRetry: () => void;
  onClose: () => void;
};

/**
 * Keeps a failure of the chat panel (its chunk did not load, or it threw while rendering) inside the panel:
 * the page stays up and the reader gets a message with a retry, instead of Docusaurus's whole-page error.
 */
export class PanelBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[docent] the chat panel failed:', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const side = this.props.position === 'bottom-left' ? { left: '1.5rem' } : { right: '1.5rem' };
    return (
      <div
        className="alert alert--danger shadow--md"
        role="alert"
        data-docent-panel-failed=""
        style={{
          position: 'fixed',
          bottom: '1.5rem',
          zIndex: 'calc(var(--ifm-z-index-fixed) + 1)',
          maxWidth: '22rem',
          ...side,
        }}
      >
        <p>
          <Translate id="theme.docent.panel.failed">
            The assistant could not open. Check your connection and retry.
          </Translate>
        </p>
        <div style={{ display: 'flex', gap: '0.5rem' }}>
          <button
            type="button"
            className="button button--sm button--danger"
            onClick={() => {
              this.setState({ failed: false });
              this.props.onRetry();
            }}
          >
            <Translate id="theme.docent.action.retry">Retry</Translate>
          </button>
          <button
            type="button"
            className="button button--sm button--secondary button--outline"
            onClick={() => {
              this.setState({ failed: false });
              this.props.onClose();
            }}
          >
            <Translate id="theme.docent.panel.close">Close the chat</Translate>
          </button>
        </div>
      </div>
    );
  }
}
