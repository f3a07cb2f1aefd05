/** Links inside the dashboard (to another state, without a reload) and out to a figure's source. */
import type { ComponentChildren } from "preact";
import type { State } from "../state.ts";
import type { Ctx } from "./context.ts";

export function Link(props: {
  ctx: Ctx;
  to: State;
  children: ComponentChildren;
  current?: boolean;
  push?: boolean;
  lang?: string;
  label?: string;
  id?: string;
}) {
  const { ctx, to } = props;
  const onClick = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    ctx.go(to, props.push ?? true);
  };
  return (
    <a
      href={ctx.href(to)}
      onClick={onClick}
      aria-current={props.current ? "page" : undefined}
      lang={props.lang}
      aria-label={props.label}
      id={props.id}
    >
      {props.children}
    </a>
  );
}

/** Where a figure's source can be read: its address, else its archived copy; undefined when it has neither. */
function sourceUrl(ctx: Ctx, observationId: string): string | undefined {
  const o = ctx.observations.get(observationId);
  const s = o ? ctx.sources.get(o.source_id) : undefined;
  return s?.url ?? s?.archived_url ?? undefined;
}

export function SourceLink({ ctx, observationId }: { ctx: Ctx; observationId: string }) {
  const url = sourceUrl(ctx, observationId);
  if (!url) return null;
  return (
    <a href={url} rel="noopener noreferrer" class="source">
      {ctx.t.source}
    </a>
  );
}

/** A figure's source link as an aside, in the reader's brackets: " (source)" or "（出处）"; nothing without a link. */
export function SourceAside({ ctx, observationId }: { ctx: Ctx; observationId: string }) {
  if (!sourceUrl(ctx, observationId)) return null;
  return (
    <>
      {ctx.t.punctuation.open}
      <SourceLink ctx={ctx} observationId={observationId} />
      {ctx.t.punctuation.close}
    </>
  );
}
