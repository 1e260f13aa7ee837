import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

const sidebars: SidebarsConfig = {
  docs: [
    'intro',
    'getting-started',
    {
      type: 'category',
      label: 'Guides',
      collapsed: false,
      items: [
        'choosing-a-store',
        'choosing-models',
        'indexing-in-ci',
        'deployment',
        'learning-from-readers',
        'llms-txt-and-mcp',
        'security',
      ],
    },
    {
      type: 'category',
      label: 'Reference',
      collapsed: false,
      items: ['configuration', 'architecture', 'benchmarks'],
    },
  ],
};

export default sidebars;
