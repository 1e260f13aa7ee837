import { ASK_EVENT, type AskDetail } from '@docent/docusaurus-theme/client/ask-the-docs';
import {
  matchesShortcut,
  routeAllowed,
  useDocentConfig,
} from '@docent/docusaurus-theme/client/docent-config';
import { PanelBoundary } from '@docent/docusaurus-theme/client/panel-boundary';
import { useLocation } from '@docusaurus/router';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Launcher from '@theme/DocentChat/Launcher';
import SelectionButton from '@theme/DocentChat/SelectionButton';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from 'react';

export type PanelRequest = { question: string; selection?: string; results?: string[]; nonce: number };

const loadPanel = () => import('@theme/DocentChat/Panel');

/**
 * The always-loaded part of the widget: the launcher, the shortcut and "Ask about this". The panel's
 * code loads on first open, or earlier when the reader hovers or focuses the launcher.
 */
export default function DocentChat(): ReactNode {
  const config = useDocentConfig();
  const { siteConfig } = useDocusaurusContext();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [request, setRequest] = useState<PanelRequest | null>(null);
  // A new lazy component per attempt: React keeps a failed chunk load's rejection for the one it has.
  const [Panel, setPanel] = useState(() => lazy(loadPanel));
  const retryPanel = useCallback(() => setPanel(() => lazy(loadPanel)), []);
  const returnFocus = useRef<HTMLElement | null>(null);
  const launcher = useRef<HTMLButtonElement>(null);

  const show = useCallback(() => {
    returnFocus.current = (document.activeElement as HTMLElement | null) ?? launcher.current;
    setLoaded(true);
    setOpen(true);
  }, []);
  const hide = useCallback(() => setOpen(false), []);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Give focus back once the launcher is visible again (it is hidden while the panel is open).
    if (wasOpen.current && !open) {
      const target = returnFocus.current?.isConnected ? returnFocus.current : launcher.current;
      target?.focus();
    }
    wasOpen.current = open;
  }, [open]);

  useEffect(() => {
    const shortcut = config.shortcut;
    if (!shortcut) return;
    const onKey = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, shortcut)) return;
      event.preventDefault();
      if (open) hide();
      else show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [config.shortcut, open, show, hide]);

  const askAbout = useCallback(
    (selection: string) => {
      setRequest({ question: '', selection, nonce: Date.now() });
      show();
    },
    [show],
  );

  useEffect(() => {
    // The search box's "Ask the docs: ‹query›" row.
    const onAsk = (event: Event) => {
      const { question, results } = (event as CustomEvent<AskDetail>).detail;
      setRequest({ question, results, nonce: Date.now() });
      show();
    };
    window.addEventListener(ASK_EVENT, onAsk);
    return () => window.removeEventListener(ASK_EVENT, onAsk);
  }, [show]);

  if (!routeAllowed(location.pathname, config.routes, siteConfig.baseUrl)) return null;
  return (
    <>
      <Launcher
        ref={launcher}
        open={open}
        onOpen={show}
        onPreload={() => void loadPanel()}
        position={config.launcher.position}
        label={config.launcher.label}
        shortcut={config.shortcut}
      />
      {config.askAboutSelection && !open && <SelectionButton onAsk={askAbout} />}
      {loaded && (
        <PanelBoundary position={config.launcher.position} onRetry={retryPanel} onClose={hide}>
          <Suspense fallback={null}>
            <Panel open={open} onClose={hide} request={request} position={config.launcher.position} />
          </Suspense>
        </PanelBoundary>
      )}
    </>
  );
}
