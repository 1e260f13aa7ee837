import DocentPageActions from '@theme/DocentPageActions';
import Content from '@theme-init/DocItem/Content';
import type { ComponentProps, ReactNode } from 'react';

/** The doc page's content as the theme renders it, with Docent's page actions ("Copy page", …) above it. */
export default function DocItemContent(props: ComponentProps<typeof Content>): ReactNode {
  return (
    <>
      <DocentPageActions />
      <Content {...props} />
    </>
  );
}
