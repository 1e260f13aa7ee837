import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

export default function Home(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  return (
    <Layout title={siteConfig.title} description={siteConfig.tagline}>
      <main className="container margin-vert--xl">
        <h1 className="hero__title">{siteConfig.title}</h1>
        <p className="hero__subtitle">
          <Translate id="home.tagline">
            An "Ask the docs" assistant for Docusaurus sites, with every answer linked to its source.
          </Translate>
        </p>
        <p>
          <Translate id="home.try">
            This site answers questions about itself: open the chat in the corner and ask how to install
            Docent.
          </Translate>
        </p>
        <Link className="button button--primary button--lg" to="/docs/">
          <Translate id="home.cta">Read the docs</Translate>
        </Link>
      </main>
    </Layout>
  );
}
