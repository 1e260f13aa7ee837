import DocentChat from '@theme/DocentChat';
import type { ReactNode } from 'react';

/** Wraps every page: the site as it was, plus the Docent launcher. */
export default function Root({ children }: { children: ReactNode }): ReactNode {
  return (
    <>
      {children}
      <DocentChat />
    </>
  );
}
