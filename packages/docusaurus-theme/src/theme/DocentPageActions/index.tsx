import { useDocentConfig } from '@docent/docusaurus-theme/client/docent-config';
import {
  isExcludedRoute,
  markdownTwinPath,
  visiblePageActions,
} from '@docent/docusaurus-theme/client/markdown-twin';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { type ReactNode, useState } from 'react';
import styles from './styles.module.css';

type CopyState = 'idle' | 'copying' | 'copied' | 'failed';

const SERVICES = {
  chatgpt: {
    name: 'ChatGPT',
    url: (prompt: string) => `https://chatgpt.com/?hints=search&q=${encodeURIComponent(prompt)}`,
  },
  claude: {
    name: 'Claude',
    url: (prompt: string) => `https://claude.ai/new?q=${encodeURIComponent(prompt)}`,
  },
} as const;

async function copyPage(url: string): Promise<void> {
  const response = await fetch(url, { headers: { accept: 'text/markdown, text/plain' } });
  if (!response.ok) throw new Error(`${response.status}`);
  await navigator.clipboard.writeText(await response.text());
}

/**
 * "Copy page" (the page as markdown, for pasting into a chatbot), "View as Markdown", and optionally
 * "Open in ChatGPT / Claude", above each doc page that has a markdown copy (`llms.markdownPages`; none under
 * `docusaurus start`, see `visiblePageActions`).
 * Swizzle it (`docusaurus swizzle @docent/docusaurus-theme DocentPageActions`) to change or move them.
 */
export default function DocentPageActions(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const { metadata } = useDoc();
  const [copy, setCopy] = useState<CopyState>('idle');
  const config = useDocentConfig();
  const { llms } = config;
  const pageActions = visiblePageActions(config.pageActions, process.env.NODE_ENV);
  if (!llms.markdownPages || isExcludedRoute(metadata.permalink, siteConfig.baseUrl, llms.exclude))
    return null;
  if (!pageActions.copyMarkdown && !pageActions.viewMarkdown && pageActions.openIn.length === 0) return null;
  const twin = markdownTwinPath(metadata.permalink);
  const absoluteTwin = new URL(twin, siteConfig.url).href;

  const onCopy = () => {
    setCopy('copying');
    copyPage(twin).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
    window.setTimeout(() => setCopy('idle'), 4000);
  };
  const copyLabel = {
    idle: translate({ id: 'theme.docent.page.copy', message: 'Copy page' }),
    copying: translate({ id: 'theme.docent.page.copy', message: 'Copy page' }),
    copied: translate({ id: 'theme.docent.page.copied', message: 'Copied' }),
    failed: translate({ id: 'theme.docent.page.copyFailed', message: 'Could not copy' }),
  }[copy];
  const prompt = translate(
    {
      id: 'theme.docent.page.openInPrompt',
      message: 'Read {url} so I can ask questions about it.',
    },
    { url: absoluteTwin },
  );

  return (
    <div className={styles.actions} data-docent-page-actions="">
      {pageActions.copyMarkdown && (
        <button
          type="button"
          className="button button--sm button--secondary button--outline"
          onClick={onCopy}
          disabled={copy === 'copying'}
          data-docent-copy-page={copy}
        >
          {copyLabel}
        </button>
      )}
      {pageActions.viewMarkdown && (
        <a
          className="button button--sm button--secondary button--outline"
          href={twin}
          target="_blank"
          rel="noopener"
          data-docent-view-markdown=""
        >
          <Translate id="theme.docent.page.view">View as Markdown</Translate>
        </a>
      )}
      {pageActions.openIn.map((id) => (
        <a
          key={id}
          className="button button--sm button--secondary button--outline"
          href={SERVICES[id].url(prompt)}
          target="_blank"
          rel="noopener noreferrer"
          data-docent-open-in={id}
        >
          {translate(
            { id: 'theme.docent.page.openIn', message: 'Open in {service}' },
            { service: SERVICES[id].name },
          )}
        </a>
      ))}
      <span className={styles.status} aria-live="polite">
        {copy === 'copied' || copy === 'failed' ? copyLabel : ''}
      </span>
    </div>
  );
}
