/** The slice of an mdast / MDX node the indexer reads; loose on purpose, since MDX adds many node types. */
export type MarkdownNode = {
  type: string;
  children?: MarkdownNode[];
  value?: string;
  depth?: number;
  lang?: string | null;
  meta?: string | null;
  name?: string | null;
  ordered?: boolean | null;
  start?: number | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  data?: Record<string, unknown>;
  position?: {
    start: { line: number; column: number; offset?: number };
    end?: { line: number; column: number; offset?: number };
  };
};
